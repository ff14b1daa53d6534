using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>A recovery point in a vault; changed only under the region gate.</summary>
internal sealed class RecoveryPointRecord
{
    public required string Arn { get; init; }

    public required long Sequence { get; init; }

    public required string VaultName { get; init; }

    public required string ResourceArn { get; init; }

    public required string ResourceType { get; init; }

    public required string IamRoleArn { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public required DateTimeOffset CompletionDate { get; init; }

    public required long BackupSizeInBytes { get; init; }

    public string? EncryptionKeyArn { get; init; }

    /// <summary>The plan and rule that created the recovery point; null for an on-demand backup.</summary>
    public RecoveryPointCreator? CreatedBy { get; init; }

    public Lifecycle? Lifecycle { get; set; }

    public StorageClass StorageClass { get; set; } = StorageClass.WARM;

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset? MoveToColdStorageAt =>
        Lifecycle?.MoveToColdStorageAfterDays is { } days and >= 0 ? CreationDate.AddDays(days) : null;

    public DateTimeOffset? DeleteAt =>
        Lifecycle?.DeleteAfterDays is { } days and >= 0 ? CreationDate.AddDays(days) : null;
}
