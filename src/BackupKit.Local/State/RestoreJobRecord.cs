using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>A restore job. Its status moves with the emulator clock; changed only under the region gate.</summary>
internal sealed class RestoreJobRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string RecoveryPointArn { get; init; }

    public required DateTimeOffset RecoveryPointCreationDate { get; init; }

    public required string SourceResourceArn { get; init; }

    public required string BackupVaultArn { get; init; }

    public required string ResourceType { get; init; }

    public string? IamRoleArn { get; init; }

    public string? IdempotencyToken { get; init; }

    /// <summary>The ARN the restored resource gets when the job completes.</summary>
    public required string CreatedResourceArn { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public required long BackupSizeInBytes { get; init; }

    /// <summary>When the job finishes: one minute to start plus a run that grows with the backup's size and type.</summary>
    public DateTimeOffset FinishAt { get; init; }

    /// <summary>The content the restored resource gets (the point's, at the restore time for continuous points, altered by a fault); null when not modeled.</summary>
    public ResourceContent? RestoredContent { get; init; }

    /// <summary>The size the restored resource gets.</summary>
    public long RestoredSizeInBytes { get; init; }

    /// <summary>The tags the restored resource gets (CopySourceTagsToRestoredResource).</summary>
    public IReadOnlyDictionary<string, string>? RestoredTags { get; init; }

    /// <summary>Why the job fails when it finishes (an injected fault); null when it succeeds.</summary>
    public string? FailureMessage { get; init; }

    public string? StatusMessage { get; set; }

    public RestoreJobStatus Status { get; set; } = RestoreJobStatus.PENDING;

    public DateTimeOffset? CompletionDate { get; set; }

    public bool IsFinished => Status == RestoreJobStatus.COMPLETED || Status == RestoreJobStatus.FAILED || Status == RestoreJobStatus.ABORTED;
}
