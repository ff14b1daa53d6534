namespace BackupKit.Model;

/// <summary>
/// The whole AWS Backup posture of one account and Region: vaults, backup plans with their rules and resource
/// selections, restore testing plans, and the audit frameworks and report plans that state what the plans must achieve. Immutable; compares by value.
/// </summary>
/// <remarks>
/// Create one with <see cref="Create"/> (the builder checks every AWS rule when built), or call
/// <see cref="Validate"/> on a posture assembled another way (for example imported from an account).
/// This file holds the data only; the two entry points that reach the builders and the validator are declared in
/// <c>Building/BackupPosture.EntryPoints.cs</c>, so the Model folder depends on nothing above it.
/// </remarks>
public sealed partial record BackupPosture
{
    /// <summary>Gets the backup vaults, including logically air-gapped vaults.</summary>
    public ValueList<BackupVault> Vaults { get; init; }

    /// <summary>Gets the backup plans; each plan carries its own resource selections.</summary>
    public ValueList<BackupPlan> Plans { get; init; }

    /// <summary>Gets the restore testing plans; each plan carries its own restore testing selections.</summary>
    public ValueList<RestoreTestingPlan> RestoreTestingPlans { get; init; }

    /// <summary>Gets the AWS Backup Audit Manager frameworks: the controls the plans must satisfy.</summary>
    public ValueList<AuditFramework> Frameworks { get; init; }

    /// <summary>Gets the AWS Backup Audit Manager report plans.</summary>
    public ValueList<AuditReportPlan> ReportPlans { get; init; }

    /// <summary>Finds a vault declared in this posture by name (case-sensitive, as AWS compares vault names).</summary>
    /// <param name="name">The vault name.</param>
    /// <returns>The vault, or <see langword="null"/> when this posture does not declare it.</returns>
    public BackupVault? FindVault(string name) => Vaults.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal));

    /// <summary>Finds a plan declared in this posture by name.</summary>
    /// <param name="name">The plan name.</param>
    /// <returns>The plan, or <see langword="null"/> when this posture does not declare it.</returns>
    public BackupPlan? FindPlan(string name) => Plans.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
