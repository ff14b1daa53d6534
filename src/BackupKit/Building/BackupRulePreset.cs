using BackupKit.Model;

namespace BackupKit.Building;

/// <summary>
/// A named schedule and lifecycle for a backup rule, as in the AWS CDK (all at 05:00 UTC, 365-day years).
/// Apply with <see cref="BackupRuleBuilder.ApplyPreset"/>.
/// </summary>
public sealed class BackupRulePreset
{
    private readonly Action<BackupRuleBuilder> _apply;

    private BackupRulePreset(string name, string description, Action<BackupRuleBuilder> apply)
    {
        Name = name;
        Description = description;
        _apply = apply;
    }

    /// <summary>Daily at 05:00 UTC, kept 35 days.</summary>
    public static BackupRulePreset Daily { get; } = new(nameof(Daily), "Daily at 05:00 UTC, deleted after 35 days.",
        r => r.Daily().DeleteAfter(Retention.Days(35)));

    /// <summary>Weekly on Saturday at 05:00 UTC, kept 90 days.</summary>
    public static BackupRulePreset Weekly { get; } = new(nameof(Weekly), "Weekly on Saturday at 05:00 UTC, deleted after 90 days.",
        r => r.Weekly(DayOfWeek.Saturday).DeleteAfter(Retention.Days(90)));

    /// <summary>Monthly on the 1st at 05:00 UTC, cold storage after 30 days, kept 1 year (365 days).</summary>
    public static BackupRulePreset Monthly1Year { get; } = new(nameof(Monthly1Year), "Monthly on the 1st at 05:00 UTC, cold storage after 30 days, deleted after 365 days.",
        r => r.Monthly(1).MoveToColdStorageAfter(Retention.Days(30)).DeleteAfter(Retention.Years(1)));

    /// <summary>Monthly on the 1st at 05:00 UTC, cold storage after 90 days, kept 5 years (1,825 days).</summary>
    public static BackupRulePreset Monthly5Year { get; } = new(nameof(Monthly5Year), "Monthly on the 1st at 05:00 UTC, cold storage after 90 days, deleted after 1,825 days.",
        r => r.Monthly(1).MoveToColdStorageAfter(Retention.Days(90)).DeleteAfter(Retention.Years(5)));

    /// <summary>Monthly on the 1st at 05:00 UTC, cold storage after 90 days, kept 7 years (2,555 days).</summary>
    public static BackupRulePreset Monthly7Year { get; } = new(nameof(Monthly7Year), "Monthly on the 1st at 05:00 UTC, cold storage after 90 days, deleted after 2,555 days.",
        r => r.Monthly(1).MoveToColdStorageAfter(Retention.Days(90)).DeleteAfter(Retention.Years(7)));

    /// <summary>Hourly snapshots kept 7 days plus continuous backup (point-in-time recovery) kept 35 days for S3, RDS, Aurora and SAP HANA.</summary>
    public static BackupRulePreset HourlyWithContinuous35Day { get; } = new(nameof(HourlyWithContinuous35Day),
        "Continuous backup (point-in-time recovery) with hourly snapshots, all kept 35 days.",
        r => r.Hourly().EnableContinuousBackup().DeleteAfter(Retention.Days(35)));

    /// <summary>Gets the preset name.</summary>
    public string Name { get; }

    /// <summary>Gets what the preset does.</summary>
    public string Description { get; }

    internal void Apply(BackupRuleBuilder builder) => _apply(builder);

    /// <summary>Returns the preset name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}

/// <summary>
/// A ready-made backup plan: named rules built from <see cref="BackupRulePreset"/>s, with the AWS Backup Audit
/// Manager controls the plan satisfies. Apply with <see cref="BackupPlanBuilder.ApplyPreset"/>.
/// </summary>
public sealed class BackupPlanPreset
{
    private BackupPlanPreset(string name, string description, IReadOnlyList<(string RuleName, BackupRulePreset Preset)> rules)
    {
        Name = name;
        Description = description;
        Rules = rules;

        // The controls come from the preset's own rules: the shortest interval and the shortest retention they
        // produce, so a plan built from the preset and the preset's framework agree by construction.
        var built = rules.Select(r => new BackupRuleBuilder(r.RuleName).ApplyPreset(r.Preset).InVault("preset").ToModel()).ToList();
        var frequency = built.Select(Audit.PlanFacts.IntervalOf).Where(i => i is not null).Min() ?? TimeSpan.FromDays(1);
        var retention = built.Select(r => r.Lifecycle?.DeleteAfter).Where(d => d is not null).Min() ?? Retention.Days(35);
        AuditControls =
        [
            AuditControl.BackupPlanMinFrequencyAndMinRetention(frequency, retention),
            AuditControl.RecoveryPointMinimumRetention(retention),
        ];
        SatisfiesAuditControls = [.. AuditControls.Select(c => new AuditControlReference(
            c.Name, string.Join(", ", c.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))))];
    }

    /// <summary>
    /// Daily backups kept 35 days. Satisfies <c>BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK</c> and
    /// <c>BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK</c> with their default parameters (1 day, 35 days).
    /// </summary>
    public static BackupPlanPreset Daily35DayRetention { get; } = new(nameof(Daily35DayRetention),
        "Daily backups kept 35 days.",
        [("daily", BackupRulePreset.Daily)]);

    /// <summary>
    /// Daily backups kept 35 days and monthly backups kept 1 year (cold after 30 days). Satisfies the daily/35-day
    /// controls, and <c>BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK</c> up to 35 days for every recovery point.
    /// </summary>
    public static BackupPlanPreset DailyMonthly1YearRetention { get; } = new(nameof(DailyMonthly1YearRetention),
        "Daily backups kept 35 days; monthly backups kept 1 year, in cold storage after 30 days.",
        [("daily", BackupRulePreset.Daily), ("monthly", BackupRulePreset.Monthly1Year)]);

    /// <summary>
    /// Daily (35 days), weekly (90 days) and monthly (5 years, cold after 90 days) backups: the grandfather-father-son
    /// scheme. Satisfies the daily/35-day controls.
    /// </summary>
    public static BackupPlanPreset DailyWeeklyMonthly5YearRetention { get; } = new(nameof(DailyWeeklyMonthly5YearRetention),
        "Daily backups kept 35 days, weekly kept 90 days, monthly kept 5 years (cold after 90 days).",
        [("daily", BackupRulePreset.Daily), ("weekly", BackupRulePreset.Weekly), ("monthly", BackupRulePreset.Monthly5Year)]);

    /// <summary>
    /// Daily (35 days), weekly (90 days) and monthly (7 years, cold after 90 days) backups, the usual regulatory
    /// retention. Satisfies the daily/35-day controls.
    /// </summary>
    public static BackupPlanPreset DailyWeeklyMonthly7YearRetention { get; } = new(nameof(DailyWeeklyMonthly7YearRetention),
        "Daily backups kept 35 days, weekly kept 90 days, monthly kept 7 years (cold after 90 days).",
        [("daily", BackupRulePreset.Daily), ("weekly", BackupRulePreset.Weekly), ("monthly", BackupRulePreset.Monthly7Year)]);

    /// <summary>
    /// Continuous backup (point-in-time recovery, 35 days) with hourly snapshots, plus monthly backups kept 1 year.
    /// Satisfies <c>BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK</c> even with an hourly frequency requirement.
    /// </summary>
    public static BackupPlanPreset Continuous35DayMonthly1YearRetention { get; } = new(nameof(Continuous35DayMonthly1YearRetention),
        "Continuous backup with hourly snapshots kept 35 days; monthly backups kept 1 year, in cold storage after 30 days.",
        [("continuous", BackupRulePreset.HourlyWithContinuous35Day), ("monthly", BackupRulePreset.Monthly1Year)]);

    /// <summary>Gets every plan preset.</summary>
    public static IReadOnlyList<BackupPlanPreset> All { get; } =
    [
        Daily35DayRetention, DailyMonthly1YearRetention, DailyWeeklyMonthly5YearRetention, DailyWeeklyMonthly7YearRetention, Continuous35DayMonthly1YearRetention,
    ];

    /// <summary>Gets the preset name.</summary>
    public string Name { get; }

    /// <summary>Gets what the preset does.</summary>
    public string Description { get; }

    /// <summary>Gets the rules the preset adds: rule name and rule preset.</summary>
    public IReadOnlyList<(string RuleName, BackupRulePreset Preset)> Rules { get; }

    /// <summary>Gets the AWS Backup Audit Manager controls a plan built from this preset satisfies, with the parameters checked.</summary>
    public IReadOnlyList<AuditControlReference> SatisfiesAuditControls { get; }

    /// <summary>
    /// Gets the controls of the preset's framework (<see cref="BackupPostureBuilder.AddFramework(BackupPlanPreset, string?)"/>):
    /// minimum frequency and retention of the plan, and minimum retention of its recovery points, with the values the
    /// preset's rules produce.
    /// </summary>
    public IReadOnlyList<AuditControl> AuditControls { get; }

    /// <summary>Returns the preset name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}

/// <summary>An AWS Backup Audit Manager control and the input parameters under which something satisfies it.</summary>
/// <param name="ControlName">The control name, e.g. <c>BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK</c>.</param>
/// <param name="Parameters">The control input parameters, e.g. <c>requiredRetentionDays=35</c>.</param>
public sealed record AuditControlReference(string ControlName, string Parameters);
