using BackupKit.Wire;

namespace BackupKit.Local.State;

/// <summary>A backup plan: its identity, its versions (newest last), its selections and tags.</summary>
internal sealed class PlanRecord
{
    public required string Id { get; init; }

    public required string Arn { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public string? CreatorRequestId { get; init; }

    public List<PlanVersion> Versions { get; } = [];

    public PlanVersion Current => Versions[^1];

    public DateTimeOffset? DeletionDate { get; set; }

    /// <summary>Until when the plan's schedules have been run (see <c>BackupJobEngine</c>).</summary>
    public DateTimeOffset ScheduledThrough { get; set; }

    /// <summary>The version <see cref="NextRunAt"/> was computed for; a new version recomputes it.</summary>
    public PlanVersion? ScheduleComputedFor { get; set; }

    /// <summary>The first scheduled run after <see cref="ScheduledThrough"/> of any rule of <see cref="ScheduleComputedFor"/>.</summary>
    public DateTimeOffset NextRunAt { get; set; } = DateTimeOffset.MaxValue;

    /// <summary>When the plan last started a backup job; null when it never did.</summary>
    public DateTimeOffset? LastExecutionDate { get; set; }

    public bool IsDeleted => DeletionDate is not null;

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Selections by id.</summary>
    public Dictionary<string, SelectionRecord> Selections { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One version of a plan. The document is never changed after the version is created, and the prepared
/// <see cref="Output"/> is replaced (never mutated) when the version is deleted, so readers can write it without a lock.
/// </summary>
internal sealed class PlanVersion
{
    private volatile GetBackupPlanOutput _output;

    public PlanVersion(PlanRecord plan, string versionId, DateTimeOffset creationDate, BackupPlan document)
    {
        VersionId = versionId;
        CreationDate = creationDate;
        Document = document;
        _output = BuildOutput(plan, null);
    }

    public string VersionId { get; }

    public DateTimeOffset CreationDate { get; }

    public BackupPlan Document { get; }

    public DateTimeOffset? DeletionDate { get; private set; }

    /// <summary>The rules' parsed schedules, made once per version by the job engine.</summary>
    public List<(BackupRule Rule, BackupKit.Rules.AwsCron Cron, TimeZoneInfo Zone)>? Schedules { get; set; }

    /// <summary>The prepared GetBackupPlan answer for this version.</summary>
    public GetBackupPlanOutput Output => _output;

    public void MarkDeleted(PlanRecord plan, DateTimeOffset deletionDate)
    {
        DeletionDate = deletionDate;
        _output = BuildOutput(plan, deletionDate);
    }

    private GetBackupPlanOutput BuildOutput(PlanRecord plan, DateTimeOffset? deletionDate) => new()
    {
        BackupPlan = Document,
        BackupPlanId = plan.Id,
        BackupPlanArn = plan.Arn,
        VersionId = VersionId,
        CreatorRequestId = plan.CreatorRequestId,
        CreationDate = CreationDate,
        DeletionDate = deletionDate,
        AdvancedBackupSettings = Document.AdvancedBackupSettings,
    };
}

/// <summary>A resource assignment of a plan; there is no update, a change is delete + create.</summary>
internal sealed class SelectionRecord
{
    public required string Id { get; init; }

    public required string PlanId { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public string? CreatorRequestId { get; init; }

    public required BackupSelection Selection { get; init; }
}
