namespace BackupKit.Verification.History;

/// <summary>One resource's result in one run (a drill or a validated restore test), as a history store keeps it.</summary>
public sealed record RestoreHistoryEntry
{
    /// <summary>Gets the run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the drill's name (or <c>restore-testing:&lt;plan&gt;</c> for AWS's scheduled restore tests).</summary>
    public required string DrillName { get; init; }

    /// <summary>Gets the protected resource's ARN.</summary>
    public required string ResourceArn { get; init; }

    /// <summary>Gets its AWS Backup resource type.</summary>
    public required string ResourceType { get; init; }

    /// <summary>Gets when the verification ended.</summary>
    public required DateTimeOffset VerifiedAt { get; init; }

    /// <summary>Gets whether it passed: restored, validated, targets met, cleaned up.</summary>
    public required bool Passed { get; init; }

    /// <summary>Gets the restored recovery point.</summary>
    public string? RecoveryPointArn { get; init; }

    /// <summary>Gets when that recovery point was created.</summary>
    public DateTimeOffset? RecoveryPointCreatedAt { get; init; }

    /// <summary>Gets the restore duration.</summary>
    public TimeSpan? RestoreDuration { get; init; }

    /// <summary>Gets the recovery time (restore plus validation).</summary>
    public TimeSpan? RecoveryTime { get; init; }

    /// <summary>Creates the entries of a drill report (resources whose restore started or that failed preflight; not dry runs).</summary>
    /// <param name="report">The report.</param>
    /// <returns>One entry per resource.</returns>
    public static IReadOnlyList<RestoreHistoryEntry> FromReport(RestoreDrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var entries = new List<RestoreHistoryEntry>(report.Resources.Count);
        if (report.DryRun)
        {
            return entries;
        }

        foreach (var resource in report.Resources)
        {
            if (resource.Outcome is ResourceOutcome.NotStarted or ResourceOutcome.Cancelled)
            {
                continue;
            }

            entries.Add(new RestoreHistoryEntry
            {
                RunId = report.RunId,
                DrillName = report.DrillName,
                ResourceArn = resource.ResourceArn,
                ResourceType = resource.ResourceType,
                VerifiedAt = report.CompletedAt,
                Passed = resource.Outcome == ResourceOutcome.Passed,
                RecoveryPointArn = resource.RecoveryPointArn,
                RecoveryPointCreatedAt = resource.RecoveryPointCreatedAt,
                RestoreDuration = resource.RestoreDuration,
                RecoveryTime = resource.RecoveryTime,
            });
        }

        return entries;
    }
}
