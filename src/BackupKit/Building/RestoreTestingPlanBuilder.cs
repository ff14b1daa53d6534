using BackupKit.Model;
using BackupKit.Rules;

namespace BackupKit.Building;

/// <summary>Configures a <see cref="RestoreTestingPlan"/>; obtained from <see cref="BackupPostureBuilder.AddRestoreTestingPlan"/>.</summary>
public sealed class RestoreTestingPlanBuilder
{
    private static readonly TimeOnly s_defaultTime = new(5, 0);

    private readonly BuilderGuard _guard = new(nameof(RestoreTestingPlanBuilder));
    private readonly string _name;
    private readonly List<string> _includeVaults = [];
    private readonly List<string> _excludeVaults = [];
    private readonly List<RestoreTestingSelection> _selections = [];
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private List<RestoreTestingRecoveryPointType> _types = [RestoreTestingRecoveryPointType.Snapshot];
    private RestoreTestingAlgorithm _algorithm = RestoreTestingAlgorithm.LatestWithinWindow;
    private string? _cron;
    private List<RuleViolation> _scheduleViolations = [];
    private string? _timeZone;
    private TimeSpan? _startWindow;
    private Retention? _selectionWindow;

    internal RestoreTestingPlanBuilder(string name) => _name = name;

    /// <summary>Runs once a day.</summary>
    /// <param name="at">The time of day (whole minutes); default 05:00.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder Daily(TimeOnly? at = null) => Preset(v => CronText.Daily(at ?? s_defaultTime, v));

    /// <summary>Runs once a week.</summary>
    /// <param name="day">The day of the week.</param>
    /// <param name="at">The time of day (whole minutes); default 05:00.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder Weekly(DayOfWeek day, TimeOnly? at = null) => Preset(v => CronText.Weekly(day, at ?? s_defaultTime, v));

    /// <summary>Runs once a month.</summary>
    /// <param name="dayOfMonth">The day of the month, 1 to 31.</param>
    /// <param name="at">The time of day (whole minutes); default 05:00.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder Monthly(int dayOfMonth = 1, TimeOnly? at = null) => Preset(v => CronText.Monthly(dayOfMonth, at ?? s_defaultTime, v));

    /// <summary>Uses a raw AWS cron expression (required: a restore testing plan has no default schedule).</summary>
    /// <param name="expression">The six-field AWS cron expression.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder Cron(string expression)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(expression);
        _cron = expression;
        _scheduleViolations = [];
        return this;
    }

    // A preset out of range renders no expression; its BK2007 findings replace any earlier schedule, as a new schedule would.
    private RestoreTestingPlanBuilder Preset(Func<List<RuleViolation>, string?> render)
    {
        _guard.ThrowIfFrozen();
        var violations = new List<RuleViolation>();
        _cron = render(violations);
        _scheduleViolations = violations;
        return this;
    }

    /// <summary>Interprets the schedule in an IANA time zone instead of UTC.</summary>
    /// <param name="ianaTimeZoneId">The IANA id, e.g. <c>Europe/Paris</c>.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder InTimeZone(string ianaTimeZoneId)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(ianaTimeZoneId);
        _timeZone = ianaTimeZoneId;
        return this;
    }

    /// <summary>Sets the window in which restore jobs start (whole hours, 1 to 168; AWS default 24 hours).</summary>
    /// <param name="window">The start window.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder StartWithin(TimeSpan window)
    {
        _guard.ThrowIfFrozen();
        _startWindow = window;
        return this;
    }

    /// <summary>Restores the latest recovery point in the selection window (the default).</summary>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder LatestRecoveryPoint() => Algorithm(RestoreTestingAlgorithm.LatestWithinWindow);

    /// <summary>Restores a random recovery point in the selection window.</summary>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder RandomRecoveryPoint() => Algorithm(RestoreTestingAlgorithm.RandomWithinWindow);

    /// <summary>Chooses the recovery point types to restore (default: snapshots only).</summary>
    /// <param name="types">At least one type.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder RecoveryPointTypes(params RestoreTestingRecoveryPointType[] types)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(types);
        _types = [.. types];
        return this;
    }

    /// <summary>Draws recovery points from these vaults: vault ARNs or patterns such as <c>arn:aws:backup:*:*:backup-vault:prod-*</c>.</summary>
    /// <param name="vaultSelectors">The vault ARNs or patterns.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder FromVaults(params string[] vaultSelectors)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(vaultSelectors);
        _includeVaults.AddRange(vaultSelectors);
        return this;
    }

    /// <summary>Draws recovery points from every vault (<c>IncludeVaults: ["*"]</c>).</summary>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder FromAllVaults() => FromVaults("*");

    /// <summary>Leaves vaults out: vault ARNs or ARN patterns.</summary>
    /// <param name="vaultSelectors">The vault ARNs or patterns.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder ExceptVaults(params string[] vaultSelectors)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(vaultSelectors);
        _excludeVaults.AddRange(vaultSelectors);
        return this;
    }

    /// <summary>Considers recovery points created within this window (1 to 365 days; AWS default 30 days).</summary>
    /// <param name="window">The selection window.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder WithinLast(Retention window)
    {
        _guard.ThrowIfFrozen();
        _selectionWindow = window;
        return this;
    }

    /// <summary>Adds a selection: the protected resources of one type to restore.</summary>
    /// <param name="name">The selection name: 1 to 50 letters, digits or underscores.</param>
    /// <param name="protectedResourceType">Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS or S3.</param>
    /// <param name="configure">Chooses the resources, role, validation window and metadata overrides.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder Test(string name, string protectedResourceType, Action<RestoreTestingSelectionBuilder> configure)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(protectedResourceType);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new RestoreTestingSelectionBuilder(name, protectedResourceType);
        configure(builder);
        _selections.Add(builder.ToModel());
        return this;
    }

    /// <summary>Adds or replaces a tag of the plan (at most 50).</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingPlanBuilder Tag(string key, string value)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _tags[key] = value;
        return this;
    }

    internal RestoreTestingPlan ToModel()
    {
        _guard.Freeze();
        return new RestoreTestingPlan
        {
            Name = _name,
            Schedule = new BackupSchedule { CronExpression = _cron ?? string.Empty, TimeZone = _timeZone },
            // The shared empty array keeps postures built the same way equal (record equality compares the reference).
            ScheduleViolations = _scheduleViolations.Count == 0 ? Array.Empty<RuleViolation>() : _scheduleViolations.ToArray(),
            StartWindow = _startWindow,
            RecoveryPointSelection = new RestoreTestingRecoveryPointSelection
            {
                Algorithm = _algorithm,
                RecoveryPointTypes = new ValueList<RestoreTestingRecoveryPointType>(_types),
                IncludeVaults = new ValueList<string>(_includeVaults),
                ExcludeVaults = new ValueList<string>(_excludeVaults),
                SelectionWindow = _selectionWindow,
            },
            Selections = new ValueList<RestoreTestingSelection>(_selections),
            Tags = new ValueMap<string>(_tags),
        };
    }

    private RestoreTestingPlanBuilder Algorithm(RestoreTestingAlgorithm algorithm)
    {
        _guard.ThrowIfFrozen();
        _algorithm = algorithm;
        return this;
    }
}

/// <summary>Configures a <see cref="RestoreTestingSelection"/>; obtained from <see cref="RestoreTestingPlanBuilder.Test"/>.</summary>
public sealed class RestoreTestingSelectionBuilder
{
    private readonly BuilderGuard _guard = new(nameof(RestoreTestingSelectionBuilder));
    private readonly string _name;
    private readonly string _resourceType;
    private readonly List<string> _arns = [];
    private readonly List<TagCondition> _equals = [];
    private readonly List<TagCondition> _notEquals = [];
    private readonly Dictionary<string, string> _overrides = new(StringComparer.OrdinalIgnoreCase);
    private IamRoleReference _role = IamRoleReference.DefaultServiceRole;
    private TimeSpan? _validationWindow;

    internal RestoreTestingSelectionBuilder(string name, string resourceType)
    {
        _name = name;
        _resourceType = resourceType;
    }

    /// <summary>Restores these resources (at most 30 explicit ARNs; no tag conditions with explicit ARNs).</summary>
    /// <param name="resourceArns">The resource ARNs.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingSelectionBuilder Resources(params string[] resourceArns)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(resourceArns);
        _arns.AddRange(resourceArns);
        return this;
    }

    /// <summary>Restores every protected resource of the type (<c>ProtectedResourceArns: ["*"]</c>), optionally narrowed by tags.</summary>
    /// <returns>This builder.</returns>
    public RestoreTestingSelectionBuilder AllProtectedResources() => Resources("*");

    /// <summary>Keeps only resources whose latest recovery point has this tag value (AWS <c>StringEquals</c>).</summary>
    /// <param name="key">The bare tag key (no <c>aws:</c> prefix).</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingSelectionBuilder WhereTag(string key, string value) => Add(_equals, key, value);

    /// <summary>Drops resources whose latest recovery point has this tag value (AWS <c>StringNotEquals</c>).</summary>
    /// <param name="key">The bare tag key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingSelectionBuilder ExceptTag(string key, string value) => Add(_notEquals, key, value);

    /// <summary>Uses an explicit IAM role with restore permissions instead of the account's default service role.</summary>
    /// <param name="roleArn">The role ARN.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingSelectionBuilder WithRole(string roleArn)
    {
        _guard.ThrowIfFrozen();
        _role = IamRoleReference.FromArn(roleArn);
        return this;
    }

    /// <summary>Keeps restored resources this long for validation before AWS deletes them (whole hours, 0 to 168).</summary>
    /// <param name="window">The validation window.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingSelectionBuilder ValidateWithin(TimeSpan window)
    {
        _guard.ThrowIfFrozen();
        _validationWindow = window;
        return this;
    }

    /// <summary>Overrides one restore metadata value AWS would infer (e.g. <c>DBSubnetGroupName</c>); keys are case-insensitive.</summary>
    /// <param name="key">The metadata key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public RestoreTestingSelectionBuilder OverrideRestoreMetadata(string key, string value)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _overrides[key] = value;
        return this;
    }

    internal RestoreTestingSelection ToModel()
    {
        _guard.Freeze();
        return new RestoreTestingSelection
        {
            Name = _name,
            ProtectedResourceType = _resourceType,
            IamRole = _role,
            ProtectedResourceArns = new ValueList<string>(_arns),
            Conditions = new RestoreTestingConditions
            {
                StringEquals = new ValueList<TagCondition>(_equals),
                StringNotEquals = new ValueList<TagCondition>(_notEquals),
            },
            RestoreMetadataOverrides = new ValueMap<string>(_overrides),
            ValidationWindow = _validationWindow,
        };
    }

    private RestoreTestingSelectionBuilder Add(List<TagCondition> list, string key, string value)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        list.Add(new TagCondition(key, value));
        return this;
    }
}
