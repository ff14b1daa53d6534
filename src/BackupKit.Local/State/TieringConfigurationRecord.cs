using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>A tiering configuration (S3 backups moving to the low-cost warm tier). Changed only under the region gate.</summary>
internal sealed class TieringConfigurationRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required long Sequence { get; init; }

    public string? CreatorRequestId { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    /// <summary>The vault it applies to, or <c>*</c> for every vault of the account and Region.</summary>
    public required string BackupVaultName { get; set; }

    public required List<ResourceSelection> ResourceSelection { get; set; }

    public DateTimeOffset LastUpdatedTime { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
