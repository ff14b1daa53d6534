using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>A restore testing plan and its selections; changed only under the region gate.</summary>
internal sealed class RestoreTestingPlanRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public string? CreatorRequestId { get; init; }

    public required string ScheduleExpression { get; set; }

    public required string ScheduleExpressionTimezone { get; set; }

    public required int StartWindowHours { get; set; }

    public required RestoreTestingRecoveryPointSelection RecoveryPointSelection { get; set; }

    public DateTimeOffset? LastUpdateTime { get; set; }

    /// <summary>When the plan last started a run; null when it never did.</summary>
    public DateTimeOffset? LastExecutionTime { get; set; }

    /// <summary>Until when the plan's schedule has been run (see <c>RestoreTestingEngine</c>).</summary>
    public DateTimeOffset ScheduledThrough { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>The parsed schedule, for <see cref="ScheduleKey"/>; recomputed when the schedule or its time zone changes.</summary>
    public (BackupKit.Rules.AwsCron Cron, TimeZoneInfo Zone)? Schedule { get; set; }

    public string? ScheduleKey { get; set; }

    /// <summary>The next run after <see cref="ScheduledThrough"/> under <see cref="ScheduleKey"/>.</summary>
    public DateTimeOffset NextRunAt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Selections by name (names are unique within a plan, case-sensitive).</summary>
    public Dictionary<string, RestoreTestingSelectionRecord> Selections { get; } = new(StringComparer.Ordinal);
}

/// <summary>A restore testing selection: one resource type, the resources it tests and how long they are kept for validation.</summary>
internal sealed class RestoreTestingSelectionRecord
{
    public required string Name { get; init; }

    public required string PlanName { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public string? CreatorRequestId { get; init; }

    public required string ProtectedResourceType { get; init; }

    public required string IamRoleArn { get; set; }

    /// <summary>Explicit ARNs, or the single wildcard <c>*</c>.</summary>
    public required List<string> ProtectedResourceArns { get; set; }

    public ProtectedResourceConditions? ProtectedResourceConditions { get; set; }

    public Dictionary<string, string>? RestoreMetadataOverrides { get; set; }

    public int? ValidationWindowHours { get; set; }

    public DateTimeOffset? UpdateTime { get; set; }
}
