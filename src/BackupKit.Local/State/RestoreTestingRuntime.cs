namespace BackupKit.Local.State;

/// <summary>
/// The moving parts of restore testing in one account and Region: restore tests a run chose but that wait for a start
/// slot of their resource type, and restore test jobs whose restored resource is still kept or being deleted. Changed
/// only under the region gate.
/// </summary>
internal sealed class RestoreTestingRuntime
{
    /// <summary>Restore tests waiting for a slot, in the order their runs were due.</summary>
    public List<QueuedRestoreTest> Queue { get; } = [];

    /// <summary>Restore test jobs whose restored resource has not been deleted yet (or whose job has not finished).</summary>
    public List<RestoreJobRecord> Kept { get; } = [];
}

/// <summary>A restore test a scheduled run chose: the recovery point, the metadata, and the window it must start in.</summary>
internal sealed record QueuedRestoreTest(
    string PlanArn,
    string PlanName,
    string ResourceType,
    string RecoveryPointArn,
    Dictionary<string, string> Metadata,
    string IamRoleArn,
    int ValidationWindowHours,
    DateTimeOffset ReadyAt,
    DateTimeOffset StartBy)
{
    /// <summary>The time of the catch-up that last found no slot for it: it cannot start earlier.</summary>
    public DateTimeOffset NotBefore { get; init; } = ReadyAt;
}
