using BackupKit.Model;

namespace BackupKit.Building;

/// <summary>Builds an <see cref="AuditFramework"/>; start with <see cref="BackupPostureBuilder.AddFramework(string, Action{AuditFrameworkBuilder})"/>.</summary>
public sealed class AuditFrameworkBuilder
{
    private readonly string _name;
    private readonly List<AuditControl> _controls = [];
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private string? _description;

    internal AuditFrameworkBuilder(string name) => _name = name;

    /// <summary>Sets the description (at most 1,024 characters).</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    public AuditFrameworkBuilder Describe(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        _description = description;
        return this;
    }

    /// <summary>Adds a control, e.g. <c>AuditControl.RecoveryPointMinimumRetention(Retention.Days(35)).ForResourceTypes("RDS")</c>.</summary>
    /// <param name="control">The control.</param>
    /// <returns>This builder.</returns>
    public AuditFrameworkBuilder Require(AuditControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        _controls.Add(control);
        return this;
    }

    /// <summary>Adds the controls that a plan built from <paramref name="preset"/> satisfies, with the preset's own values.</summary>
    /// <param name="preset">The plan preset.</param>
    /// <returns>This builder.</returns>
    public AuditFrameworkBuilder RequireWhatPresetSatisfies(BackupPlanPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        _controls.AddRange(preset.AuditControls);
        return this;
    }

    /// <summary>Adds a tag to the framework.</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    /// <returns>This builder.</returns>
    public AuditFrameworkBuilder Tag(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _tags[key] = value;
        return this;
    }

    internal AuditFramework ToModel() => new()
    {
        Name = _name,
        Description = _description,
        Controls = new ValueList<AuditControl>(_controls),
        Tags = new ValueMap<string>(_tags),
    };
}

/// <summary>Builds an <see cref="AuditReportPlan"/>; start with <see cref="BackupPostureBuilder.AddReportPlan"/>.</summary>
public sealed class AuditReportPlanBuilder
{
    private readonly string _name;
    private readonly List<string> _frameworks = [];
    private readonly List<string> _formats = [];
    private readonly List<string> _regions = [];
    private readonly List<string> _accounts = [];
    private readonly List<string> _units = [];
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private string _template = "BACKUP_JOB_REPORT";
    private string _bucket = string.Empty;
    private string? _prefix;
    private string? _description;

    internal AuditReportPlanBuilder(string name) => _name = name;

    /// <summary>Reports the compliance of every control of the named frameworks of the posture (<c>CONTROL_COMPLIANCE_REPORT</c>).</summary>
    /// <param name="frameworkNames">The frameworks.</param>
    /// <returns>This builder.</returns>
    public AuditReportPlanBuilder ControlCompliance(params string[] frameworkNames) => Compliance("CONTROL_COMPLIANCE_REPORT", frameworkNames);

    /// <summary>Reports the compliance of every resource against the named frameworks (<c>RESOURCE_COMPLIANCE_REPORT</c>).</summary>
    /// <param name="frameworkNames">The frameworks.</param>
    /// <returns>This builder.</returns>
    public AuditReportPlanBuilder ResourceCompliance(params string[] frameworkNames) => Compliance("RESOURCE_COMPLIANCE_REPORT", frameworkNames);

    /// <summary>Reports jobs: <c>BACKUP_JOB_REPORT</c>, <c>COPY_JOB_REPORT</c>, <c>RESTORE_JOB_REPORT</c> or <c>SCAN_JOB_REPORT</c>.</summary>
    /// <param name="template">The job report template.</param>
    /// <returns>This builder.</returns>
    public AuditReportPlanBuilder Jobs(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        _template = template;
        _frameworks.Clear();
        return this;
    }

    /// <summary>Delivers the reports to an S3 bucket.</summary>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="keyPrefix">The key prefix, or <see langword="null"/>.</param>
    /// <param name="formats">CSV, JSON or both (default CSV).</param>
    /// <returns>This builder.</returns>
    public AuditReportPlanBuilder DeliverTo(string bucketName, string? keyPrefix = null, params string[] formats)
    {
        ArgumentNullException.ThrowIfNull(bucketName);
        _bucket = bucketName;
        _prefix = keyPrefix;
        _formats.Clear();
        _formats.AddRange(formats ?? []);
        return this;
    }

    /// <summary>Covers these Regions (and, for organization job reports, accounts and organizational units).</summary>
    /// <param name="regions">The Regions.</param>
    /// <returns>This builder.</returns>
    public AuditReportPlanBuilder InRegions(params string[] regions)
    {
        _regions.AddRange(regions ?? []);
        return this;
    }

    /// <summary>Covers these accounts (organization job reports).</summary>
    /// <param name="accountIds">The account ids.</param>
    /// <returns>This builder.</returns>
    public AuditReportPlanBuilder ForAccounts(params string[] accountIds)
    {
        _accounts.AddRange(accountIds ?? []);
        return this;
    }

    /// <summary>Covers these organizational units (organization job reports).</summary>
    /// <param name="organizationalUnitIds">The OU ids.</param>
    /// <returns>This builder.</returns>
    public AuditReportPlanBuilder ForOrganizationalUnits(params string[] organizationalUnitIds)
    {
        _units.AddRange(organizationalUnitIds ?? []);
        return this;
    }

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    public AuditReportPlanBuilder Describe(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        _description = description;
        return this;
    }

    /// <summary>Adds a tag to the report plan.</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    /// <returns>This builder.</returns>
    public AuditReportPlanBuilder Tag(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _tags[key] = value;
        return this;
    }

    internal AuditReportPlan ToModel() => new()
    {
        Name = _name,
        Description = _description,
        Template = _template,
        Frameworks = new ValueList<string>(_frameworks),
        S3BucketName = _bucket,
        S3KeyPrefix = _prefix,
        Formats = new ValueList<string>(_formats),
        Regions = new ValueList<string>(_regions),
        Accounts = new ValueList<string>(_accounts),
        OrganizationUnits = new ValueList<string>(_units),
        Tags = new ValueMap<string>(_tags),
    };

    private AuditReportPlanBuilder Compliance(string template, string[] frameworkNames)
    {
        _template = template;
        _frameworks.Clear();
        _frameworks.AddRange(frameworkNames ?? []);
        return this;
    }
}
