namespace BackupKit.Analyzers;

/// <summary>
/// The ids of the diagnostics that exist only at compile time: posture recommendations that AWS accepts but that
/// leave backups exposed. The ids of AWS constraints are the rules table's own (<see cref="BackupKit.Rules.RuleIds"/>);
/// this range (BK10xx) is kept free of them, and a test checks that both sets never overlap.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>BK1001: a backup rule keeps its recovery points forever (no delete-after).</summary>
    public const string RuleWithoutRetention = "BK1001";

    /// <summary>BK1002: a backup plan copies its recovery points to no other Region.</summary>
    public const string PlanWithoutCrossRegionCopy = "BK1002";

    /// <summary>BK1003: a backup vault has no Vault Lock.</summary>
    public const string VaultWithoutLock = "BK1003";
}
