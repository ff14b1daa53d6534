using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>A recovery point in a vault; changed only under the region gate.</summary>
internal sealed class RecoveryPointRecord
{
    public required string Arn { get; init; }

    /// <summary>Orders lists; a copy gets its number when it lands in its destination.</summary>
    public required long Sequence { get; set; }

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

    /// <summary>The resource's data when the backup started; null for a backup of a resource the inventory does not model.</summary>
    public ResourceContent? Content { get; set; }

    /// <summary>The size of the resource when it was backed up (restore durations grow with it); null when not modeled.</summary>
    public long? SourceSizeInBytes { get; set; }

    /// <summary>The resource's tags when it was backed up (a restore can copy them to the restored resource).</summary>
    public IReadOnlyDictionary<string, string>? SourceTags { get; set; }

    /// <summary>Whether this is the continuous (point-in-time) recovery point of its resource in its vault.</summary>
    public bool IsContinuous { get; init; }

    /// <summary>For a continuous point: when its rule last ran; its restore window and retention count from it.</summary>
    public DateTimeOffset LastContinuousRunAt { get; set; }

    /// <summary>For a continuous point: the resource's content over time (oldest first), pruned to the retention window.</summary>
    public List<(DateTimeOffset At, ResourceContent Content)>? ContentHistory { get; set; }

    public DateTimeOffset? MoveToColdStorageAt =>
        IsContinuous ? null : Lifecycle?.MoveToColdStorageAfterDays is { } days and >= 0 ? CreationDate.AddDays(days) : null;

    /// <summary>When the lifecycle deletes the point. A continuous point lives while its rule keeps running, then for its retention.</summary>
    public DateTimeOffset? DeleteAt =>
        Lifecycle?.DeleteAfterDays is { } days and >= 0 ? (IsContinuous ? LastContinuousRunAt : CreationDate).AddDays(days) : null;
}
