using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>A legal hold and the recovery points it holds (those its selection matched when it was created).</summary>
internal sealed class LegalHoldRecord
{
    public required string Id { get; init; }

    public required string Arn { get; init; }

    public required long Sequence { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public string? IdempotencyToken { get; init; }

    public RecoveryPointSelection? Selection { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public HashSet<string> HeldRecoveryPoints { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset? CancellationDate { get; set; }

    public string? CancelDescription { get; set; }

    public DateTimeOffset? RetainRecordUntil { get; set; }

    public bool IsActive => CancellationDate is null;
}
