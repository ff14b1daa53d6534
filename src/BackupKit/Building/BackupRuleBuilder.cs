using BackupKit.Model;
using BackupKit.Rules;

namespace BackupKit.Building;

/// <summary>Configures a <see cref="BackupRule"/>; obtained from <see cref="BackupPlanBuilder.AddRule"/>.</summary>
public sealed class BackupRuleBuilder
{
    private static readonly TimeOnly s_awsDefaultTime = new(5, 0);

    private readonly BuilderGuard _guard = new(nameof(BackupRuleBuilder));
    private readonly string _name;
    private readonly LifecycleState _lifecycle = new();
    private readonly Dictionary<string, string> _recoveryPointTags = new(StringComparer.Ordinal);
    private readonly List<CopyAction> _copyActions = [];
    private readonly List<IndexAction> _indexActions = [];
    private string? _targetVaultName;
    private bool _targetVaultIsExternal;
    private bool _keepsForeverDeliberately;
    private string? _airGappedVaultArn;
    private string? _cron;
    private List<RuleViolation> _scheduleViolations = [];
    private string? _timeZone;
    private TimeSpan? _startWindow;
    private TimeSpan? _completionWindow;
    private bool _continuous;

    internal BackupRuleBuilder(string name) => _name = name;

    /// <summary>Runs every hour at <paramref name="minute"/> past the hour (the most frequent schedule AWS Backup allows).</summary>
    /// <param name="minute">The minute past each hour, 0 to 59.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder Hourly(int minute = 0) => Preset(v => CronText.Hourly(minute, v));

    /// <summary>Runs every <paramref name="hours"/> hours each day, starting at <paramref name="startingAt"/> (e.g. every 12 hours from 05:00: 05:00 and 17:00).</summary>
    /// <param name="hours">The interval in hours, 1 to 23.</param>
    /// <param name="startingAt">The first run of the day; its hour must be below <paramref name="hours"/>.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder EveryHours(int hours, TimeOnly startingAt) => Preset(v => CronText.EveryHours(hours, startingAt, v));

    /// <summary>Runs once a day, e.g. <c>Daily(at: new TimeOnly(5, 0))</c> renders <c>cron(0 5 ? * * *)</c>.</summary>
    /// <param name="at">The time of day (whole minutes), in the rule's time zone; default 05:00.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder Daily(TimeOnly? at = null) => Preset(v => CronText.Daily(at ?? s_awsDefaultTime, v));

    /// <summary>Runs once a week, e.g. <c>Weekly(DayOfWeek.Saturday)</c> renders <c>cron(0 5 ? * SAT *)</c>.</summary>
    /// <param name="day">The day of the week.</param>
    /// <param name="at">The time of day (whole minutes); default 05:00.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder Weekly(DayOfWeek day, TimeOnly? at = null) => Preset(v => CronText.Weekly(day, at ?? s_awsDefaultTime, v));

    /// <summary>
    /// Runs once a month, e.g. <c>Monthly(1)</c> renders <c>cron(0 5 1 * ? *)</c>. Months without that day (29 to 31)
    /// are skipped, as with any cron; use <see cref="MonthlyOnLastDay"/> for month ends.
    /// </summary>
    /// <param name="dayOfMonth">The day of the month, 1 to 31.</param>
    /// <param name="at">The time of day (whole minutes); default 05:00.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder Monthly(int dayOfMonth = 1, TimeOnly? at = null) => Preset(v => CronText.Monthly(dayOfMonth, at ?? s_awsDefaultTime, v));

    /// <summary>Runs on the last day of every month: <c>cron(0 5 L * ? *)</c>.</summary>
    /// <param name="at">The time of day (whole minutes); default 05:00.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder MonthlyOnLastDay(TimeOnly? at = null) => Preset(v => CronText.MonthlyOnLastDay(at ?? s_awsDefaultTime, v));

    /// <summary>Uses a raw AWS cron expression, e.g. <c>cron(0 5 ? * MON-FRI *)</c>. Without any schedule AWS runs the rule daily at 05:00 UTC.</summary>
    /// <param name="expression">The six-field AWS cron expression.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder Cron(string expression)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(expression);
        _cron = expression;
        _scheduleViolations = [];
        return this;
    }

    // A preset out of range renders no expression; its BK2007 findings replace any earlier schedule, as a new schedule would.
    private BackupRuleBuilder Preset(Func<List<RuleViolation>, string?> render)
    {
        _guard.ThrowIfFrozen();
        var violations = new List<RuleViolation>();
        _cron = render(violations);
        _scheduleViolations = violations;
        return this;
    }

    /// <summary>Interprets the schedule in an IANA time zone instead of UTC (AWS default).</summary>
    /// <param name="ianaTimeZoneId">The IANA id, e.g. <c>Europe/Paris</c>.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder InTimeZone(string ianaTimeZoneId)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(ianaTimeZoneId);
        _timeZone = ianaTimeZoneId;
        return this;
    }

    /// <summary>Backs up into a vault declared in this posture.</summary>
    /// <param name="vaultName">The vault name (not its ARN).</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder InVault(string vaultName)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(vaultName);
        _targetVaultName = vaultName;
        _targetVaultIsExternal = false;
        return this;
    }

    /// <summary>Backs up into a vault that exists but is managed outside this posture, such as the account's <c>Default</c> vault.</summary>
    /// <param name="vaultName">The vault name (not its ARN).</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder InExistingVault(string vaultName)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(vaultName);
        _targetVaultName = vaultName;
        _targetVaultIsExternal = true;
        return this;
    }

    /// <summary>
    /// Also sends backups of fully managed resource types straight to a logically air-gapped vault (same account and
    /// Region); other types are backed up to the <see cref="InVault"/> vault and copied.
    /// </summary>
    /// <param name="airGappedVaultArn">The air-gapped vault ARN.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder DirectToAirGappedVault(string airGappedVaultArn)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(airGappedVaultArn);
        _airGappedVaultArn = airGappedVaultArn;
        return this;
    }

    /// <summary>Sets how long after the scheduled time a job may start (at least 60 minutes; AWS default 8 hours).</summary>
    /// <param name="window">The start window, in whole minutes.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder StartWithin(TimeSpan window)
    {
        _guard.ThrowIfFrozen();
        _startWindow = window;
        return this;
    }

    /// <summary>Sets how long after the scheduled time a job must complete before AWS cancels it (AWS default 7 days).</summary>
    /// <param name="window">The completion window, in whole minutes; not shorter than the start window.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder CompleteWithin(TimeSpan window)
    {
        _guard.ThrowIfFrozen();
        _completionWindow = window;
        return this;
    }

    /// <summary>Moves recovery points to cold storage at this age; they must then be kept at least 90 more days.</summary>
    /// <param name="age">The age.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder MoveToColdStorageAfter(Retention age)
    {
        _guard.ThrowIfFrozen();
        _lifecycle.ColdAfter = age;
        return this;
    }

    /// <summary>Deletes recovery points at this age (1 to 36,500 days). Without it they are kept forever.</summary>
    /// <param name="age">The age.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder DeleteAfter(Retention age)
    {
        _guard.ThrowIfFrozen();
        _lifecycle.DeleteAfter = age;
        _keepsForeverDeliberately = false;
        return this;
    }

    /// <summary>Keeps recovery points forever (clears any <see cref="DeleteAfter"/>). Refused by vaults with a maximum retention.</summary>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder KeepForever()
    {
        _guard.ThrowIfFrozen();
        _lifecycle.DeleteAfter = null;
        _keepsForeverDeliberately = true;
        return this;
    }

    /// <summary>Uses the archive tier instead of cold storage for resource types that support it (EBS snapshots archive).</summary>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder OptInToArchive()
    {
        _guard.ThrowIfFrozen();
        _lifecycle.OptInToArchive = true;
        return this;
    }

    /// <summary>Enables continuous backup (point-in-time recovery) for S3, RDS, Aurora and SAP HANA; requires a delete-after of 1 to 35 days and no cold storage.</summary>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder EnableContinuousBackup()
    {
        _guard.ThrowIfFrozen();
        _continuous = true;
        return this;
    }

    /// <summary>Adds a tag to every recovery point the rule creates (at most 10 per rule).</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder TagRecoveryPoints(string key, string value)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _recoveryPointTags[key] = value;
        return this;
    }

    /// <summary>Copies every recovery point to another vault, typically in another Region or account (at most 5 copies per rule).</summary>
    /// <param name="destinationVaultArn">The destination vault ARN.</param>
    /// <param name="configure">Sets the copy's own lifecycle; without it the copy inherits the rule's lifecycle.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder CopyTo(string destinationVaultArn, Action<CopyActionBuilder>? configure = null)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(destinationVaultArn);
        var builder = new CopyActionBuilder(destinationVaultArn);
        configure?.Invoke(builder);
        _copyActions.Add(builder.ToModel());
        return this;
    }

    /// <summary>Indexes the recovery points of one resource type for backup search (one index action per rule).</summary>
    /// <param name="resourceType"><see cref="IndexResourceType.Ebs"/> or <see cref="IndexResourceType.S3"/>.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder IndexFor(string resourceType)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(resourceType);
        _indexActions.Add(new IndexAction { ResourceTypes = new ValueList<string>([resourceType]) });
        return this;
    }

    /// <summary>Applies a preset's schedule and lifecycle (the vault is still chosen with <see cref="InVault"/>).</summary>
    /// <param name="preset">The preset, e.g. <see cref="BackupRulePreset.Daily"/>.</param>
    /// <returns>This builder.</returns>
    public BackupRuleBuilder ApplyPreset(BackupRulePreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        _guard.ThrowIfFrozen();
        preset.Apply(this);
        return this;
    }

    internal BackupRule ToModel()
    {
        _guard.Freeze();
        return new BackupRule
        {
            Name = _name,
            TargetVaultName = _targetVaultName ?? string.Empty,
            TargetVaultIsExternal = _targetVaultIsExternal,
            TargetLogicallyAirGappedVaultArn = _airGappedVaultArn,
            Schedule = _cron is null && _timeZone is null ? null : new BackupSchedule { CronExpression = _cron ?? AwsDefaults.ScheduleExpression, TimeZone = _timeZone },
            // The shared empty array keeps postures built the same way equal (record equality compares the reference).
            ScheduleViolations = _scheduleViolations.Count == 0 ? Array.Empty<RuleViolation>() : _scheduleViolations.ToArray(),
            StartWindow = _startWindow,
            CompletionWindow = _completionWindow,
            Lifecycle = _lifecycle.ToModel(),
            KeepsForeverDeliberately = _keepsForeverDeliberately,
            ContinuousBackup = _continuous,
            RecoveryPointTags = new ValueMap<string>(_recoveryPointTags),
            CopyActions = new ValueList<CopyAction>(_copyActions),
            IndexActions = new ValueList<IndexAction>(_indexActions),
        };
    }
}

/// <summary>Configures a <see cref="CopyAction"/>'s lifecycle; obtained from <see cref="BackupRuleBuilder.CopyTo"/>.</summary>
public sealed class CopyActionBuilder
{
    private readonly BuilderGuard _guard = new(nameof(CopyActionBuilder));
    private readonly string _destinationVaultArn;
    private readonly LifecycleState _lifecycle = new();

    internal CopyActionBuilder(string destinationVaultArn) => _destinationVaultArn = destinationVaultArn;

    /// <summary>Moves copies to cold storage at this age; they must then be kept at least 90 more days.</summary>
    /// <param name="age">The age, counted from the source recovery point's creation.</param>
    /// <returns>This builder.</returns>
    public CopyActionBuilder MoveToColdStorageAfter(Retention age)
    {
        _guard.ThrowIfFrozen();
        _lifecycle.ColdAfter = age;
        return this;
    }

    /// <summary>Deletes copies at this age (1 to 36,500 days).</summary>
    /// <param name="age">The age, counted from the source recovery point's creation.</param>
    /// <returns>This builder.</returns>
    public CopyActionBuilder DeleteAfter(Retention age)
    {
        _guard.ThrowIfFrozen();
        _lifecycle.DeleteAfter = age;
        return this;
    }

    /// <summary>Uses the archive tier instead of cold storage for resource types that support it.</summary>
    /// <returns>This builder.</returns>
    public CopyActionBuilder OptInToArchive()
    {
        _guard.ThrowIfFrozen();
        _lifecycle.OptInToArchive = true;
        return this;
    }

    internal CopyAction ToModel()
    {
        _guard.Freeze();
        return new CopyAction { DestinationVaultArn = _destinationVaultArn, Lifecycle = _lifecycle.ToModel() };
    }
}

internal sealed class LifecycleState
{
    public Retention? ColdAfter { get; set; }

    public Retention? DeleteAfter { get; set; }

    public bool OptInToArchive { get; set; }

    public Lifecycle? ToModel() =>
        ColdAfter is null && DeleteAfter is null && !OptInToArchive
            ? null
            : new Lifecycle { MoveToColdStorageAfter = ColdAfter, DeleteAfter = DeleteAfter, OptInToArchiveForSupportedResources = OptInToArchive };
}
