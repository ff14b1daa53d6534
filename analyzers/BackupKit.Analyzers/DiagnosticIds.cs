namespace BackupKit.Analyzers;

/// <summary>
/// The ids of the diagnostics that exist only at compile time: posture recommendations that AWS accepts but that
/// leave backups exposed. The ids of AWS constraints are the rules table's own (<see cref="BackupKit.Rules.RuleIds"/>);
/// this range (BK9xxx) is kept free of them, and a test checks that both sets never overlap.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>BK9001: a backup rule keeps its recovery points forever (no delete-after).</summary>
    public const string RuleWithoutRetention = "BK9001";

    /// <summary>BK9002: a backup plan copies its recovery points to no other Region.</summary>
    public const string PlanWithoutCrossRegionCopy = "BK9002";

    /// <summary>BK9003: a backup vault has no Vault Lock.</summary>
    public const string VaultWithoutLock = "BK9003";
}
