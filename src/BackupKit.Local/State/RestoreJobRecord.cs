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
    public DateTimeOffset FinishAt { get; set; }

    /// <summary>The content the restored resource gets (the point's, at the restore time for continuous points, altered by a fault); null when not modeled.</summary>
    public ResourceContent? RestoredContent { get; init; }

    /// <summary>The size the restored resource gets.</summary>
    public long RestoredSizeInBytes { get; init; }

    /// <summary>The tags the restored resource gets (CopySourceTagsToRestoredResource, the restore test marker).</summary>
    public IReadOnlyDictionary<string, string>? RestoredTags { get; init; }

    /// <summary>The restore testing plan that started the job; null for StartRestoreJob.</summary>
    public string? RestoreTestingPlanArn { get; init; }

    /// <summary>Hours the restored resource of a restore test is kept for validation after the job completes.</summary>
    public int ValidationWindowHours { get; init; }

    /// <summary>When the deletion of a restore test's restored resource started; null while it is kept.</summary>
    public DateTimeOffset? DeletionStartedAt { get; set; }

    public RestoreDeletionStatus? DeletionStatus { get; set; }

    public string? DeletionStatusMessage { get; set; }

    /// <summary>Why the job fails when it finishes (an injected fault); null when it succeeds.</summary>
    public string? FailureMessage { get; init; }

    public string? StatusMessage { get; set; }

    public RestoreJobStatus Status { get; set; } = RestoreJobStatus.PENDING;

    /// <summary>The metadata the restore was started with (GetRestoreJobMetadata).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The validation result a caller reported (PutRestoreValidationResult).</summary>
    public RestoreValidationStatus? ValidationStatus { get; set; }

    public string? ValidationStatusMessage { get; set; }

    public DateTimeOffset? CompletionDate { get; set; }

    public bool IsFinished => Status == RestoreJobStatus.COMPLETED || Status == RestoreJobStatus.FAILED || Status == RestoreJobStatus.ABORTED;
}
