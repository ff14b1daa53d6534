using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>An Audit Manager report plan: what it reports on and where the reports go.</summary>
internal sealed class ReportPlanRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public string? IdempotencyToken { get; set; }

    public string? Description { get; set; }

    public required ReportSetting Setting { get; set; }

    public required ReportDeliveryChannel DeliveryChannel { get; set; }

    public required string Deploying { get; set; }

    public required DateTimeOffset DeployedAt { get; set; }

    public DateTimeOffset? LastAttemptedExecutionTime { get; set; }

    public DateTimeOffset? LastSuccessfulExecutionTime { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public string DeploymentStatusAt(DateTimeOffset now) => now < DeployedAt ? Deploying : "COMPLETED";
}
