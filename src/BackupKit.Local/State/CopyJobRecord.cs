using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>
/// A copy job, kept in the source region. Its outcome is decided when it starts (the destination is checked then); its
/// state follows the emulator clock: CREATED, RUNNING after one minute, COMPLETED or FAILED after ten.
/// </summary>
internal sealed class CopyJobRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string SourceBackupVaultArn { get; init; }

    public required string SourceRecoveryPointArn { get; init; }

    public required string DestinationBackupVaultArn { get; init; }

    /// <summary>The ARN of the copy in the destination vault; null when the job fails.</summary>
    public string? DestinationRecoveryPointArn { get; init; }

    public Lifecycle? DestinationLifecycle { get; init; }

    public required string ResourceArn { get; init; }

    public required string ResourceType { get; init; }

    public required string IamRoleArn { get; init; }

    public string? IdempotencyToken { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public required long BackupSizeInBytes { get; init; }

    /// <summary>The plan and rule whose copy action started the job; null for StartCopyJob.</summary>
    public RecoveryPointCreator? CreatedBy { get; init; }

    /// <summary>The backup job whose completion started the job; null for StartCopyJob.</summary>
    public string? CreatedByBackupJobId { get; init; }

    /// <summary>Why the job fails when it finishes; null when it succeeds.</summary>
    public string? FailureMessage { get; init; }
}

/// <summary>A copy on its way into a destination vault; it lands there at <see cref="ArrivesAt"/>.</summary>
internal sealed record PendingCopy(string VaultName, DateTimeOffset ArrivesAt, RecoveryPointRecord Point);
