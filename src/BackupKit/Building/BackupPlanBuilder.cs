using BackupKit.Model;

namespace BackupKit.Building;

/// <summary>Configures a <see cref="BackupPlan"/>; obtained from <see cref="BackupPostureBuilder.AddPlan"/>.</summary>
public sealed class BackupPlanBuilder
{
    private readonly BuilderGuard _guard = new(nameof(BackupPlanBuilder));
    private readonly string _name;
    private readonly List<BackupRule> _rules = [];
    private readonly List<BackupSelection> _selections = [];
    private readonly Dictionary<string, Dictionary<string, string>> _advanced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);

    internal BackupPlanBuilder(string name) => _name = name;

    /// <summary>Adds a rule (a plan has 1 to 10).</summary>
    /// <param name="name">The rule name: 1 to 50 letters, digits, hyphens, underscores or dots; unique in the plan.</param>
    /// <param name="configure">Chooses the schedule, target vault, windows, lifecycle and copies.</param>
    /// <returns>This builder.</returns>
    public BackupPlanBuilder AddRule(string name, Action<BackupRuleBuilder> configure)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new BackupRuleBuilder(name);
        configure(builder);
        _rules.Add(builder.ToModel());
        return this;
    }

    /// <summary>
    /// Adds the rules of a preset, all targeting <paramref name="vaultName"/>. Each preset rule is named after its
    /// cadence (<c>daily</c>, <c>weekly</c>, <c>monthly</c>).
    /// </summary>
    /// <param name="preset">The preset, e.g. <see cref="BackupPlanPreset.DailyWeeklyMonthly7YearRetention"/>.</param>
    /// <param name="vaultName">The vault the rules back up to.</param>
    /// <returns>This builder.</returns>
    public BackupPlanBuilder ApplyPreset(BackupPlanPreset preset, string vaultName)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(vaultName);
        foreach (var (ruleName, rulePreset) in preset.Rules)
        {
            AddRule(ruleName, r => r.ApplyPreset(rulePreset).InVault(vaultName));
        }

        return this;
    }

    /// <summary>Adds a resource selection: which resources this plan backs up.</summary>
    /// <param name="name">The selection name: 1 to 50 letters, digits, hyphens, underscores or dots; unique in the plan.</param>
    /// <param name="configure">Chooses resources, tags, conditions, exclusions and the IAM role.</param>
    /// <returns>This builder.</returns>
    public BackupPlanBuilder Select(string name, Action<BackupSelectionBuilder> configure)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new BackupSelectionBuilder(name);
        configure(builder);
        _selections.Add(builder.ToModel());
        return this;
    }

    /// <summary>Enables or disables Windows VSS (application-consistent) backups of EC2 instances (AWS default: disabled).</summary>
    /// <param name="enabled">Whether VSS is enabled.</param>
    /// <returns>This builder.</returns>
    public BackupPlanBuilder WindowsVss(bool enabled = true) => AdvancedOption("EC2", "WindowsVSS", enabled ? "enabled" : "disabled");

    /// <summary>Chooses whether S3 backups include ACLs and object tags (AWS default: both included).</summary>
    /// <param name="backupAcls">Whether ACLs are backed up.</param>
    /// <param name="backupObjectTags">Whether object tags are backed up.</param>
    /// <returns>This builder.</returns>
    public BackupPlanBuilder S3BackupOptions(bool backupAcls = true, bool backupObjectTags = true) =>
        AdvancedOption("S3", "BackupACLs", backupAcls ? "enabled" : "disabled")
            .AdvancedOption("S3", "BackupObjectTags", backupObjectTags ? "enabled" : "disabled");

    /// <summary>Sets a raw advanced backup option (for options newer than this library); prefer <see cref="WindowsVss"/> and <see cref="S3BackupOptions"/>.</summary>
    /// <param name="resourceType">The resource type, e.g. <c>EC2</c>.</param>
    /// <param name="key">The option name, e.g. <c>WindowsVSS</c>.</param>
    /// <param name="value">The option value, e.g. <c>enabled</c>.</param>
    /// <returns>This builder.</returns>
    public BackupPlanBuilder AdvancedOption(string resourceType, string key, string value)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!_advanced.TryGetValue(resourceType, out var options))
        {
            options = new Dictionary<string, string>(StringComparer.Ordinal);
            _advanced.Add(resourceType, options);
        }

        options[key] = value;
        return this;
    }

    /// <summary>Adds or replaces a tag of the plan.</summary>
    /// <param name="key">The tag key (1 to 128 characters).</param>
    /// <param name="value">The tag value (0 to 256 characters).</param>
    /// <returns>This builder.</returns>
    public BackupPlanBuilder Tag(string key, string value)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _tags[key] = value;
        return this;
    }

    internal BackupPlan ToModel()
    {
        _guard.Freeze();
        return new BackupPlan
        {
            Name = _name,
            Rules = new ValueList<BackupRule>(_rules),
            Selections = new ValueList<BackupSelection>(_selections),
            AdvancedBackupSettings = new ValueList<AdvancedBackupSetting>(_advanced.Select(a =>
                new AdvancedBackupSetting { ResourceType = a.Key, Options = new ValueMap<string>(a.Value) })),
            Tags = new ValueMap<string>(_tags),
        };
    }
}
