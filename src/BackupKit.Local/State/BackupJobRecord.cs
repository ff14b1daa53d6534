using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>A backup job. Its state moves with the emulator clock (see <c>BackupJobEngine</c>); changed only under the region gate.</summary>
internal sealed class BackupJobRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string VaultName { get; init; }

    public required string VaultArn { get; init; }

    public required string ResourceArn { get; init; }

    public required string ResourceType { get; init; }

    public required string IamRoleArn { get; init; }

    /// <summary>The ARN the recovery point gets when the job completes (AWS returns it when the job starts).</summary>
    public required string RecoveryPointArn { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>The latest time the job may start (creation + start window).</summary>
    public required DateTimeOffset StartBy { get; init; }

    /// <summary>The time the job is canceled if still running (creation + completion window), when one was given.</summary>
    public DateTimeOffset? CompleteBy { get; init; }

    public string? IdempotencyToken { get; init; }

    public Lifecycle? Lifecycle { get; init; }

    public Dictionary<string, string>? RecoveryPointTags { get; init; }

    public Dictionary<string, string>? BackupOptions { get; init; }

    /// <summary>The plan and rule that started the job; null for an on-demand job.</summary>
    public RecoveryPointCreator? CreatedBy { get; init; }

    /// <summary>When the job finishes: one minute to start plus a run that grows with the resource's size and type.</summary>
    public required DateTimeOffset FinishAt { get; init; }

    /// <summary>The copy actions of the rule that started the job; they run when it completes.</summary>
    public List<CopyAction>? CopyActions { get; init; }

    /// <summary>Whether the job keeps its resource's continuous recovery point up to date instead of taking a snapshot.</summary>
    public bool IsContinuous { get; init; }

    /// <summary>Whether the resource is in the inventory (else it is backed up as an unmodeled resource of 1 MiB).</summary>
    public bool IsModeled { get; init; }

    /// <summary>The resource as it was when the job started (RUNNING); null before, and for unmodeled resources.</summary>
    public EmulatedResource? Snapshot { get; set; }

    public BackupJobState State { get; set; } = BackupJobState.CREATED;

    public string? StatusMessage { get; set; }

    public DateTimeOffset? CompletionDate { get; set; }

    public long? BackupSizeInBytes { get; set; }

    public bool IsFinished => State == BackupJobState.COMPLETED || State == BackupJobState.FAILED || State == BackupJobState.ABORTED;
}
