namespace BackupKit.Model;

/// <summary>A backup rule: a schedule, windows, the target vault, a lifecycle and optional copies.</summary>
public sealed record BackupRule
{
    /// <summary>Gets the rule name: 1 to 50 letters, digits, hyphens, underscores or dots; unique within its plan.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the name (not the ARN) of the backup vault that receives the recovery points.</summary>
    public required string TargetVaultName { get; init; }

    /// <summary>
    /// Gets a value indicating whether the target vault is deliberately managed outside this posture (for example
    /// the account's <c>Default</c> vault). When <see langword="false"/> the vault must be declared in the posture.
    /// </summary>
    public bool TargetVaultIsExternal { get; init; }

    /// <summary>
    /// Gets the ARN of a logically air-gapped vault (same account and Region) that fully managed resource types are
    /// backed up to directly, or <see langword="null"/>.
    /// </summary>
    public string? TargetLogicallyAirGappedVaultArn { get; init; }

    /// <summary>
    /// Gets the schedule, or <see langword="null"/> when the rule omits it; AWS then applies its default,
    /// <c>cron(0 5 ? * * *)</c> in UTC (daily at 05:00).
    /// </summary>
    public BackupSchedule? Schedule { get; init; }

    /// <summary>
    /// Gets how long after the scheduled time a job may start (AWS: at least 60 minutes), or <see langword="null"/>
    /// for the AWS default of 8 hours.
    /// </summary>
    public TimeSpan? StartWindow { get; init; }

    /// <summary>
    /// Gets how long after the scheduled time a job must complete before AWS cancels it, or <see langword="null"/>
    /// for the AWS default of 7 days.
    /// </summary>
    public TimeSpan? CompletionWindow { get; init; }

    /// <summary>Gets the lifecycle of the recovery points, or <see langword="null"/> to keep them in warm storage forever.</summary>
    public Lifecycle? Lifecycle { get; init; }

    /// <summary>
    /// Gets a value indicating whether keeping the recovery points forever is a deliberate choice
    /// (<c>BackupRuleBuilder.KeepForever()</c>) rather than a forgotten delete-after, so the BK1001
    /// recommendation does not apply. BackupKit's own intent, like <see cref="TargetVaultIsExternal"/>: AWS does not
    /// store it, and reconcile ignores it.
    /// </summary>
    public bool KeepsForeverDeliberately { get; init; }

    /// <summary>Gets a value indicating whether continuous backup (point-in-time recovery) is enabled for supporting resource types.</summary>
    public bool ContinuousBackup { get; init; }

    /// <summary>Gets the tags AWS Backup adds to each recovery point (at most 10).</summary>
    public ValueMap<string> RecoveryPointTags { get; init; }

    /// <summary>
    /// Gets the BK2007 findings of a schedule preset whose arguments are out of range (then no expression is
    /// rendered); <c>Build()</c> reports them with the posture's other violations. Builder input only: AWS never sees it.
    /// </summary>
    internal IReadOnlyList<BackupKit.Rules.RuleViolation> ScheduleViolations { get; init; } = [];

    /// <summary>Gets the copies made of each recovery point (at most 5).</summary>
    public ValueList<CopyAction> CopyActions { get; init; }

    /// <summary>Gets the backup-index (search) actions: at most one, for exactly one of <c>EBS</c> or <c>S3</c>.</summary>
    public ValueList<IndexAction> IndexActions { get; init; }
}

/// <summary>An AWS cron schedule interpreted in a time zone.</summary>
public sealed record BackupSchedule
{
    /// <summary>Gets the AWS cron expression, e.g. <c>cron(0 5 ? * * *)</c>.</summary>
    public required string CronExpression { get; init; }

    /// <summary>Gets the IANA time zone the expression is interpreted in, or <see langword="null"/> for UTC (the AWS default).</summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// Gets whether the expression is left to AWS (a rule read with a time zone but no <c>ScheduleExpression</c>):
    /// <see cref="CronExpression"/> then holds the default AWS applies, and requests keep omitting the expression, so
    /// an import never writes a value the source did not hold.
    /// </summary>
    public bool ExpressionIsServiceDefault { get; init; }
}

/// <summary>
/// When recovery points move to cold storage and when they are deleted, counted from their creation.
/// <see langword="null"/> members are unset: never move to cold storage, never delete.
/// </summary>
public sealed record Lifecycle
{
    /// <summary>Gets the age at which recovery points move to cold storage, or <see langword="null"/> for never.</summary>
    public Retention? MoveToColdStorageAfter { get; init; }

    /// <summary>Gets the age at which recovery points are deleted, or <see langword="null"/> to keep them forever.</summary>
    public Retention? DeleteAfter { get; init; }

    /// <summary>Gets a value indicating whether supporting resource types (EBS) use the archive tier instead of cold storage.</summary>
    public bool OptInToArchiveForSupportedResources { get; init; }
}

/// <summary>A copy of each recovery point into another vault, usually in another Region or account.</summary>
public sealed record CopyAction
{
    /// <summary>Gets the ARN of the destination vault (<c>arn:aws:backup:region:account:backup-vault:name</c>).</summary>
    public required string DestinationVaultArn { get; init; }

    /// <summary>Gets the lifecycle of the copies, or <see langword="null"/> to inherit the source recovery point's lifecycle.</summary>
    public Lifecycle? Lifecycle { get; init; }
}

/// <summary>A backup-index action: recovery points of the listed resource types are indexed for search.</summary>
public sealed record IndexAction
{
    /// <summary>Gets the resource types to index; AWS accepts exactly one of <c>EBS</c> or <c>S3</c>.</summary>
    public required ValueList<string> ResourceTypes { get; init; }
}
