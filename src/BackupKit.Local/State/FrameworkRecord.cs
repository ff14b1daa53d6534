using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>An Audit Manager framework: its controls and its deployment (AWS deploys the AWS Config rules asynchronously).</summary>
internal sealed class FrameworkRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public string? IdempotencyToken { get; set; }

    public string? Description { get; set; }

    public required List<FrameworkControl> Controls { get; set; }

    /// <summary>The deployment under way (CREATE_IN_PROGRESS or UPDATE_IN_PROGRESS) until <see cref="DeployedAt"/>.</summary>
    public required string Deploying { get; set; }

    public required DateTimeOffset DeployedAt { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>CREATE_IN_PROGRESS, UPDATE_IN_PROGRESS or COMPLETED at the given time.</summary>
    public string DeploymentStatusAt(DateTimeOffset now) => now < DeployedAt ? Deploying : "COMPLETED";
}
