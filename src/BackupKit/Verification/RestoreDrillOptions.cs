using BackupKit.Model;
using BackupKit.Rules;

namespace BackupKit.Verification;

/// <summary>
/// What a restore drill restores, from where, how it checks, measures and cleans up. Checked by <see cref="Validate"/>
/// (the runner calls it) so that a wrong setting is reported before anything is listed or started.
/// </summary>
public sealed class RestoreDrillOptions
{
    /// <summary>
    /// The default concurrent restores per resource type: AWS's caps for restore testing jobs (Aurora, DocumentDB,
    /// DynamoDB, FSx, Neptune and RDS 40; EBS and EC2 100; EFS and S3 30). Other types: 10.
    /// </summary>
    public static IReadOnlyDictionary<string, int> AwsConcurrencyByType { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["Aurora"] = 40, ["DocumentDB"] = 40, ["DynamoDB"] = 40, ["FSx"] = 40, ["Neptune"] = 40, ["RDS"] = 40,
        ["EBS"] = 100, ["EC2"] = 100, ["EFS"] = 30, ["S3"] = 30,
    };

    /// <summary>Gets or sets the drill's name, used in reports, history and telemetry. Default <c>restore-drill</c>.</summary>
    public string Name { get; set; } = "restore-drill";

    /// <summary>Gets or sets where recovery points come from and restores run. Required.</summary>
    public RecoveryPointSource? Source { get; set; }

    /// <summary>Gets the selectors of the resources to restore; a resource is in the drill when any matches. At least one.</summary>
    public IList<DrillResourceSelector> Resources { get; } = new List<DrillResourceSelector>();

    /// <summary>Gets or sets which recovery point of each resource is restored. Default: the latest usable one.</summary>
    public RecoveryPointChoice RecoveryPoint { get; set; } = RecoveryPointChoice.Latest;

    /// <summary>Gets or sets the IAM role AWS Backup assumes for the restores. Required (preflight fails without it).</summary>
    public string? IamRoleArn { get; set; }

    /// <summary>Gets restore metadata overrides per resource type (keys compared without case, as AWS does), applied over what AWS infers.</summary>
    public IDictionary<string, IDictionary<string, string>> MetadataOverridesByType { get; } =
        new Dictionary<string, IDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets per-resource metadata overrides, applied last; <see langword="null"/> for none.</summary>
    public Func<DrillCandidate, IReadOnlyDictionary<string, string>?>? MetadataOverrides { get; set; }

    /// <summary>Gets metadata keys that must be present and non-empty per resource type, beyond those BackupKit knows AWS needs.</summary>
    public IDictionary<string, IList<string>> RequiredMetadataKeys { get; } = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets the name of each restored resource from the source's name and the run id. Default:
    /// <c>{name}-drill-{run}</c>, shortened to the type's limit, so a drill never restores over a live resource.
    /// </summary>
    public Func<string, string, string>? TargetName { get; set; }

    /// <summary>
    /// Gets or sets a check that a target resource already exists (for example a DynamoDB <c>DescribeTable</c>). The
    /// default asks AWS Backup whether a protected resource has the target ARN, which misses unprotected ones.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<bool>>? TargetExists { get; set; }

    /// <summary>
    /// Gets or sets how a resource's tags are read, given its ARN and its latest recovery point's ARN (when it has one).
    /// The default reads the tags of the latest recovery point (<c>ListTags</c>), as AWS restore testing evaluates
    /// conditions; set it to read live tags instead, for example through the Resource Groups Tagging API.
    /// </summary>
    public Func<string, string?, CancellationToken, ValueTask<IReadOnlyDictionary<string, string>>>? ResourceTags { get; set; }

    /// <summary>Gets the validators; each runs on the resources of its scope.</summary>
    public IList<RestoreValidatorRegistration> Validators { get; } = new List<RestoreValidatorRegistration>();

    /// <summary>Gets or sets whether a resource no validator matches fails (a restore nobody checked proves little). Default <see langword="true"/>.</summary>
    public bool RequireValidation { get; set; } = true;

    /// <summary>Gets or sets the timeout of validators without their own. Default 5 minutes.</summary>
    public TimeSpan ValidatorTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets the recovery targets.</summary>
    public IList<RecoveryTarget> Targets { get; } = new List<RecoveryTarget>();

    /// <summary>Gets the clean-ups per resource type.</summary>
    public IDictionary<string, IRestoredResourceCleanup> Cleanups { get; } = new Dictionary<string, IRestoredResourceCleanup>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets whether restored resources are kept on purpose (reported as kept, not as left behind). Default <see langword="false"/>.</summary>
    public bool KeepRestoredResources { get; set; }

    /// <summary>Gets or sets how long a clean-up may take. Default 15 minutes.</summary>
    public TimeSpan CleanupTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets or sets how long a cancelled drill still waits for restores already started, so that it can clean up what
    /// they create (AWS cannot stop a restore job). Default 2 hours; zero reports them as left behind at once.
    /// </summary>
    public TimeSpan CancellationGracePeriod { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Gets how the restore jobs are polled.</summary>
    public RestoreJobPolling Polling { get; } = new();

    /// <summary>Gets or sets what a failed preflight does. Default: nothing starts when any resource fails preflight.</summary>
    public PreflightFailureMode PreflightFailure { get; set; } = PreflightFailureMode.StartNothing;

    /// <summary>Gets or sets the most resources restored at once across types. Default 100.</summary>
    public int MaxConcurrency { get; set; } = 100;

    /// <summary>Gets the most restores at once per resource type; types not listed use <see cref="AwsConcurrencyByType"/>.</summary>
    public IDictionary<string, int> MaxConcurrencyByType { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets whether AWS copies the source's tags to the restored resource. Default <see langword="false"/>.</summary>
    public bool CopySourceTagsToRestoredResource { get; set; }

    /// <summary>Gets or sets the age past which a resource's last successful verification is stale (reported per resource; a stale resource that is not verified in this drill fails it); <see langword="null"/> for no check.</summary>
    public TimeSpan? StalenessLimit { get; set; }

    /// <summary>
    /// Takes the resources, role, metadata overrides and recovery point choice of a restore testing selection of the
    /// posture, so that a drill on demand restores what AWS's scheduled restore test restores.
    /// </summary>
    /// <param name="plan">The restore testing plan (for its recovery point algorithm and selection window).</param>
    /// <param name="selection">One of its selections.</param>
    /// <returns>These options, for chaining.</returns>
    public RestoreDrillOptions AddRestoreTestingSelection(RestoreTestingPlan plan, RestoreTestingSelection selection)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(selection);
        Resources.Add(DrillResourceSelector.RestoreTestingSelection(selection));
        if (IamRoleArn is null && selection.IamRole.Arn is { } role)
        {
            IamRoleArn = role;
        }

        if (selection.RestoreMetadataOverrides.Count > 0)
        {
            if (!MetadataOverridesByType.TryGetValue(selection.ProtectedResourceType, out var overrides))
            {
                overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                MetadataOverridesByType[selection.ProtectedResourceType] = overrides;
            }

            foreach (var (key, value) in selection.RestoreMetadataOverrides)
            {
                overrides[key] = value;
            }
        }

        var window = TimeSpan.FromDays(plan.RecoveryPointSelection.SelectionWindow?.TotalDays ?? 30);
        RecoveryPoint = plan.RecoveryPointSelection.Algorithm == RestoreTestingAlgorithm.RandomWithinWindow
            ? RecoveryPointChoice.RandomWithin(window)
            : RecoveryPointChoice.LatestWithin(window);
        return this;
    }

    /// <summary>Checks the options and throws one exception listing every problem with its fix.</summary>
    /// <exception cref="ArgumentException">Something is missing or out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 128)
        {
            problems.Add("Name must be 1 to 128 characters; it names the drill in reports and history.");
        }

        if (Source is null)
        {
            problems.Add("Source is required: new RecoveryPointSource(client, \"vault-name\") of the account and Region whose recovery points the drill restores.");
        }

        if (Resources.Count == 0)
        {
            problems.Add("Resources is empty: add at least one DrillResourceSelector (Arn, Type, Tag, Where or RestoreTestingSelection).");
        }

        if (IamRoleArn is { } role && !Arns.IamRole.IsMatch(role))
        {
            problems.Add($"IamRoleArn '{role}' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).");
        }

        if (ValidatorTimeout <= TimeSpan.Zero)
        {
            problems.Add($"ValidatorTimeout must be positive (was {BackupKit.Rules.DurationText.Format(ValidatorTimeout)}).");
        }

        if (CleanupTimeout <= TimeSpan.Zero)
        {
            problems.Add($"CleanupTimeout must be positive (was {BackupKit.Rules.DurationText.Format(CleanupTimeout)}).");
        }

        if (CancellationGracePeriod < TimeSpan.Zero)
        {
            problems.Add($"CancellationGracePeriod cannot be negative (was {BackupKit.Rules.DurationText.Format(CancellationGracePeriod)}).");
        }

        if (MaxConcurrency < 1)
        {
            problems.Add($"MaxConcurrency must be at least 1 (was {MaxConcurrency}).");
        }

        foreach (var (type, limit) in MaxConcurrencyByType)
        {
            if (limit < 1)
            {
                problems.Add($"MaxConcurrencyByType[{type}] must be at least 1 (was {limit}).");
            }
            else if (AwsConcurrencyByType.TryGetValue(type, out var aws) && limit > aws)
            {
                problems.Add($"MaxConcurrencyByType[{type}] = {limit} is above AWS's limit of {aws} concurrent {type} restores; use at most {aws}.");
            }
        }

        if (StalenessLimit is { } stale && stale <= TimeSpan.Zero)
        {
            problems.Add($"StalenessLimit must be positive (was {BackupKit.Rules.DurationText.Format(stale)}).");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var validator in Validators)
        {
            if (!names.Add(validator.Name))
            {
                problems.Add($"Two validators are named '{validator.Name}'; give each its own name so reports can tell them apart.");
            }
        }

        Polling.Collect(problems, nameof(Polling));
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The restore drill options are not valid:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems));
        }
    }

    internal int ConcurrencyFor(string resourceType) =>
        MaxConcurrencyByType.TryGetValue(resourceType, out var limit) ? limit
        : AwsConcurrencyByType.TryGetValue(resourceType, out var aws) ? aws
        : 10;
}

/// <summary>What a drill does when some resources fail preflight.</summary>
public enum PreflightFailureMode
{
    /// <summary>Start no restore at all; the report lists every resource's preflight.</summary>
    StartNothing,

    /// <summary>Restore the resources that passed; those that failed are reported as failed.</summary>
    SkipFailedResources,
}
