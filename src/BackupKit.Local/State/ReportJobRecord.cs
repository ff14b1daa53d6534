namespace BackupKit.Local.State;

/// <summary>A report job: CREATED, RUNNING after <c>ReportPlanOperations.StartDelay</c>, COMPLETED after <c>ReportPlanOperations.RunTime</c>.</summary>
internal sealed class ReportJobRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string ReportPlanName { get; init; }

    public required string ReportPlanArn { get; init; }

    public required string ReportTemplate { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public string? IdempotencyToken { get; init; }

    public required string S3BucketName { get; init; }

    /// <summary>The object keys the report is written to, one per format.</summary>
    public required List<string> S3Keys { get; init; }
}
