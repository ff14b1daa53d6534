using BackupKit.Model;

namespace BackupKit.Building;

/// <summary>
/// Builds a <see cref="BackupPosture"/>. Start with <see cref="BackupPosture.Create"/>, add vaults and plans, then
/// call <see cref="Build"/>, which checks every rule of the BackupKit rules table and either returns the immutable
/// posture or throws one <see cref="BackupPostureValidationException"/> listing every violation.
/// </summary>
/// <example>
/// <code>
/// using static BackupKit.Model.Retention;
///
/// var posture = BackupPosture.Create()
///     .AddVault("primary", v => v
///         .EncryptWith(kmsKeyArn)
///         .Lock(l => l.Governance().MinRetention(Days(7)).MaxRetention(Days(365))))
///     .AddPlan("prod", p => p
///         .AddRule("daily", r => r
///             .Daily(at: new TimeOnly(5, 0))
///             .InVault("primary")
///             .StartWithin(TimeSpan.FromHours(1))
///             .CompleteWithin(TimeSpan.FromHours(8))
///             .MoveToColdStorageAfter(Days(30))
///             .DeleteAfter(Days(120))
///             .CopyTo(drVaultArn, c => c.DeleteAfter(Days(120))))
///         .Select("prod-tagged", s => s.WhereTag("backup", "prod").Except(scratchTableArn)))
///     .Build();
/// </code>
/// </example>
public sealed class BackupPostureBuilder
{
    private readonly BuilderGuard _guard = new(nameof(BackupPostureBuilder));
    private readonly List<BackupVault> _vaults = [];
    private readonly List<BackupPlan> _plans = [];
    private readonly List<RestoreTestingPlan> _restoreTestingPlans = [];
    private readonly List<AuditFramework> _frameworks = [];
    private readonly List<AuditReportPlan> _reportPlans = [];

    internal BackupPostureBuilder()
    {
    }

    /// <summary>Adds a backup vault.</summary>
    /// <param name="name">The vault name: 2 to 50 letters, digits, hyphens or underscores.</param>
    /// <param name="configure">Configures encryption, lock, access policy, notifications and tags; optional.</param>
    /// <returns>This builder.</returns>
    public BackupPostureBuilder AddVault(string name, Action<BackupVaultBuilder>? configure = null)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(name);
        var builder = new BackupVaultBuilder(name);
        configure?.Invoke(builder);
        _vaults.Add(builder.ToModel());
        return this;
    }

    /// <summary>Adds a backup plan.</summary>
    /// <param name="name">The plan name: 1 to 50 letters, digits, hyphens, underscores or dots.</param>
    /// <param name="configure">Adds the rules (1 to 10) and selections, or applies a <see cref="BackupPlanPreset"/>.</param>
    /// <returns>This builder.</returns>
    public BackupPostureBuilder AddPlan(string name, Action<BackupPlanBuilder> configure)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new BackupPlanBuilder(name);
        configure(builder);
        _plans.Add(builder.ToModel());
        return this;
    }

    /// <summary>Adds a restore testing plan: scheduled restores that prove the backups can be restored.</summary>
    /// <param name="name">The plan name: 1 to 50 letters, digits or underscores (no hyphens).</param>
    /// <param name="configure">Chooses the schedule (required), the recovery points and the resources to test.</param>
    /// <returns>This builder.</returns>
    public BackupPostureBuilder AddRestoreTestingPlan(string name, Action<RestoreTestingPlanBuilder> configure)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new RestoreTestingPlanBuilder(name);
        configure(builder);
        _restoreTestingPlans.Add(builder.ToModel());
        return this;
    }

    /// <summary>
    /// Adds an AWS Backup Audit Manager framework: controls the posture's plans must satisfy. <see cref="Build"/>
    /// fails (BK9101) when a plan of this posture breaks one of them.
    /// </summary>
    /// <param name="name">The framework name: a letter, then letters, digits or underscores.</param>
    /// <param name="configure">Adds the controls (see <see cref="AuditControl"/>).</param>
    /// <returns>This builder.</returns>
    public BackupPostureBuilder AddFramework(string name, Action<AuditFrameworkBuilder> configure)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new AuditFrameworkBuilder(name);
        configure(builder);
        _frameworks.Add(builder.ToModel());
        return this;
    }

    /// <summary>
    /// Adds the framework of a plan preset: the controls a plan built from <paramref name="preset"/> satisfies, with the
    /// preset's own frequency and retention, so that the plan and its framework agree by construction.
    /// </summary>
    /// <param name="preset">The plan preset.</param>
    /// <param name="name">The framework name; defaults to the preset's name.</param>
    /// <returns>This builder.</returns>
    public BackupPostureBuilder AddFramework(BackupPlanPreset preset, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return AddFramework(name ?? preset.Name, f => f.Describe(preset.Description).RequireWhatPresetSatisfies(preset));
    }

    /// <summary>Adds an AWS Backup Audit Manager report plan.</summary>
    /// <param name="name">The report plan name: a letter, then letters, digits or underscores.</param>
    /// <param name="configure">Chooses the report (jobs, or compliance of frameworks) and its S3 destination.</param>
    /// <returns>This builder.</returns>
    public BackupPostureBuilder AddReportPlan(string name, Action<AuditReportPlanBuilder> configure)
    {
        _guard.ThrowIfFrozen();
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new AuditReportPlanBuilder(name);
        configure(builder);
        _reportPlans.Add(builder.ToModel());
        return this;
    }

    /// <summary>
    /// Checks every rule and returns the immutable posture. The builder cannot be used afterwards.
    /// Warnings (e.g. default quotas exceeded) do not fail the build; read them with <see cref="BackupPosture.Validate"/>.
    /// </summary>
    /// <returns>The posture.</returns>
    /// <exception cref="BackupPostureValidationException">The posture breaks one or more AWS Backup rules; the exception lists all of them.</exception>
    /// <exception cref="InvalidOperationException">The builder was already built.</exception>
    public BackupPosture Build()
    {
        var posture = BuildUnchecked();
        PostureValidator.ThrowIfInvalid(posture);
        return posture;
    }

    /// <summary>
    /// Returns the posture without checking it; the builder cannot be used afterwards. The agreement test replays
    /// postures the rules refuse as AWS requests, to prove that the emulator refuses them too.
    /// </summary>
    internal BackupPosture BuildUnchecked()
    {
        _guard.ThrowIfFrozen();
        _guard.Freeze();
        return new BackupPosture
        {
            Vaults = new ValueList<BackupVault>(_vaults),
            Plans = new ValueList<BackupPlan>(_plans),
            RestoreTestingPlans = new ValueList<RestoreTestingPlan>(_restoreTestingPlans),
            Frameworks = new ValueList<AuditFramework>(_frameworks),
            ReportPlans = new ValueList<AuditReportPlan>(_reportPlans),
        };
    }
}
