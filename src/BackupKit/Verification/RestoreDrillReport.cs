namespace BackupKit.Verification;

/// <summary>
/// The evidence of one drill: per resource the recovery point and vault, its age, the restore job, durations,
/// targets and verdicts, validator results and clean-up. Render it with <see cref="Reporting.RestoreDrillReportWriter"/>
/// as JSON (schema <see cref="SchemaVersion"/>, documented in docs/restore-drill-report.md), Markdown or JUnit XML.
/// </summary>
public sealed class RestoreDrillReport
{
    /// <summary>The version of the JSON report schema this library writes.</summary>
    public const string SchemaVersion = "1.0";

    internal RestoreDrillReport(string drillName, string runId, string source, string recoveryPointChoice, DateTimeOffset startedAt, IReadOnlyList<ResourceVerification> resources)
    {
        DrillName = drillName;
        RunId = runId;
        Source = source;
        RecoveryPointChoice = recoveryPointChoice;
        StartedAt = startedAt;
        Resources = resources;
    }

    /// <summary>Gets the drill's name.</summary>
    public string DrillName { get; }

    /// <summary>Gets this run's id (also the prefix of its idempotency tokens).</summary>
    public string RunId { get; }

    /// <summary>Gets where the recovery points came from.</summary>
    public string Source { get; }

    /// <summary>Gets how recovery points were chosen.</summary>
    public string RecoveryPointChoice { get; }

    /// <summary>Gets when the drill started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets when the drill ended.</summary>
    public DateTimeOffset CompletedAt { get; internal set; }

    /// <summary>Gets whether restores were started (false after a failed preflight in <see cref="PreflightFailureMode.StartNothing"/> mode, or a dry run).</summary>
    public bool RestoresStarted { get; internal set; }

    /// <summary>Gets whether the drill was cancelled.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>Gets whether this was a dry run (preflight only).</summary>
    public bool DryRun { get; internal set; }

    /// <summary>Gets the per-resource results, in resource ARN order.</summary>
    public IReadOnlyList<ResourceVerification> Resources { get; }

    /// <summary>Gets notes on the whole drill, for example why nothing started.</summary>
    public IList<string> Notes { get; } = new List<string>();

    /// <summary>Gets the drill's outcome: passed only when every resource passed and nothing was left behind.</summary>
    public DrillOutcome Outcome =>
        Cancelled ? DrillOutcome.Cancelled
        : Resources.Count > 0 && Resources.All(r => r.Outcome == ResourceOutcome.Passed) ? DrillOutcome.Passed
        : DrillOutcome.Failed;

    /// <summary>Gets the number of resources that passed.</summary>
    public int PassedCount => Resources.Count(r => r.Outcome == ResourceOutcome.Passed);

    /// <summary>Gets the number of resources that did not pass.</summary>
    public int FailedCount => Resources.Count - PassedCount;

    /// <summary>Gets the resources whose restored copy is still there (no clean-up, a failed one, or a restore still running after cancellation).</summary>
    public IEnumerable<ResourceVerification> LeftBehind => Resources.Where(r => r.Cleanup.Outcome == CleanupOutcome.LeftBehind);

    /// <inheritdoc />
    public override string ToString() =>
        $"Restore drill {DrillName} ({RunId}): {Outcome}, {PassedCount} of {Resources.Count} resources passed" +
        (LeftBehind.Any() ? $", {LeftBehind.Count()} left behind" : string.Empty);
}

/// <summary>How a drill ended.</summary>
public enum DrillOutcome
{
    /// <summary>Every resource restored, validated, met its targets and was cleaned up.</summary>
    Passed,

    /// <summary>At least one resource did not pass.</summary>
    Failed,

    /// <summary>The drill was cancelled; see each resource for what was done and left.</summary>
    Cancelled,
}

/// <summary>How one resource fared.</summary>
public enum ResourceOutcome
{
    /// <summary>Restored, validated, targets met, cleaned up (or kept on purpose).</summary>
    Passed,

    /// <summary>Something failed after the restore started: the job, a validator, a target or the clean-up.</summary>
    Failed,

    /// <summary>Preflight failed; no restore was started for it.</summary>
    PreflightFailed,

    /// <summary>Preflight passed but no restore was started (another resource failed preflight, a dry run, or cancellation first).</summary>
    NotStarted,

    /// <summary>The drill was cancelled while this resource was in progress.</summary>
    Cancelled,
}

/// <summary>The evidence for one resource.</summary>
public sealed class ResourceVerification
{
    internal ResourceVerification(string resourceArn, string resourceType, IReadOnlyDictionary<string, string> tags)
    {
        ResourceArn = resourceArn;
        ResourceType = resourceType;
        Tags = tags;
    }

    /// <summary>Gets the protected resource's ARN.</summary>
    public string ResourceArn { get; }

    /// <summary>Gets its AWS Backup resource type.</summary>
    public string ResourceType { get; }

    /// <summary>Gets its tags as read for the drill (empty when none were needed).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Gets the restored recovery point.</summary>
    public string? RecoveryPointArn { get; internal set; }

    /// <summary>Gets the vault that holds it.</summary>
    public string? BackupVaultArn { get; internal set; }

    /// <summary>Gets when the recovery point was created.</summary>
    public DateTimeOffset? RecoveryPointCreatedAt { get; internal set; }

    /// <summary>Gets the recovery point's age at drill start.</summary>
    public TimeSpan? RecoveryPointAge { get; internal set; }

    /// <summary>Gets the preflight checks.</summary>
    public IList<PreflightCheck> Preflight { get; } = new List<PreflightCheck>();

    /// <summary>Gets the restore metadata the restore was (or would be) started with.</summary>
    public IReadOnlyDictionary<string, string>? RestoreMetadata { get; internal set; }

    /// <summary>Gets the restore job id.</summary>
    public string? RestoreJobId { get; internal set; }

    /// <summary>Gets the restore job's final status (COMPLETED, FAILED, ABORTED), or the last one seen.</summary>
    public string? RestoreStatus { get; internal set; }

    /// <summary>Gets AWS's status message for the job.</summary>
    public string? RestoreStatusMessage { get; internal set; }

    /// <summary>Gets the ARN of the restored resource.</summary>
    public string? RestoredResourceArn { get; internal set; }

    /// <summary>Gets when AWS created the restore job.</summary>
    public DateTimeOffset? RestoreCreatedAt { get; internal set; }

    /// <summary>Gets when AWS completed it.</summary>
    public DateTimeOffset? RestoreCompletedAt { get; internal set; }

    /// <summary>Gets the restore duration (job created to completed).</summary>
    public TimeSpan? RestoreDuration => RestoreCompletedAt - RestoreCreatedAt;

    /// <summary>Gets the time the validators took together.</summary>
    public TimeSpan? ValidationDuration { get; internal set; }

    /// <summary>Gets restore plus validation.</summary>
    public TimeSpan? RecoveryTime => RestoreDuration is { } restore ? restore + (ValidationDuration ?? TimeSpan.Zero) : null;

    /// <summary>Gets each validator's result.</summary>
    public IList<ValidatorReport> Validations { get; } = new List<ValidatorReport>();

    /// <summary>Gets each target checked, with its verdict.</summary>
    public IList<TargetVerdict> Targets { get; } = new List<TargetVerdict>();

    /// <summary>Gets what happened to the restored resource.</summary>
    public CleanupReport Cleanup { get; internal set; } = new(CleanupOutcome.NotNeeded, "nothing was restored");

    /// <summary>Gets the outcome.</summary>
    public ResourceOutcome Outcome { get; internal set; } = ResourceOutcome.NotStarted;

    /// <summary>Gets why it did not pass, one line per reason.</summary>
    public IList<string> Failures { get; } = new List<string>();

    /// <summary>Gets what the history store knew of the resource before this run, when a store is used.</summary>
    public ResourceHistorySummary? History { get; internal set; }
}

/// <summary>One preflight check of one resource.</summary>
/// <param name="Name">The check: <c>RecoveryPoint</c>, <c>RestoreMetadata</c>, <c>IamRole</c> or <c>TargetName</c>.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Message">What was found.</param>
public sealed record PreflightCheck(string Name, bool Passed, string Message);

/// <summary>One validator's result for one resource.</summary>
/// <param name="Name">The validator's name.</param>
/// <param name="Outcome">Passed, failed, timed out or errored.</param>
/// <param name="Message">The validator's message, or what went wrong.</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="Measurements">The values it measured.</param>
public sealed record ValidatorReport(string Name, ValidatorOutcome Outcome, string Message, TimeSpan Duration, IReadOnlyDictionary<string, double> Measurements);

/// <summary>How a validator ended.</summary>
public enum ValidatorOutcome
{
    /// <summary>It returned a passing result.</summary>
    Passed,

    /// <summary>It returned a failing result.</summary>
    Failed,

    /// <summary>It did not finish within its timeout.</summary>
    TimedOut,

    /// <summary>It threw.</summary>
    Errored,
}

/// <summary>A recovery target compared with a measurement.</summary>
/// <param name="Measure">What was measured.</param>
/// <param name="Scope">The target's scope.</param>
/// <param name="Limit">The target.</param>
/// <param name="Actual">The measured value, or <see langword="null"/> when it could not be measured.</param>
/// <param name="Met">Whether the measurement is within the target.</param>
public sealed record TargetVerdict(RecoveryMeasure Measure, string Scope, TimeSpan Limit, TimeSpan? Actual, bool Met);

/// <summary>What was done with a restored resource.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Message">What was done or why not.</param>
public sealed record CleanupReport(CleanupOutcome Outcome, string Message);

/// <summary>What was done with a restored resource.</summary>
public enum CleanupOutcome
{
    /// <summary>Nothing was restored, so nothing needed cleaning.</summary>
    NotNeeded,

    /// <summary>The clean-up deleted it.</summary>
    Deleted,

    /// <summary>It was kept on purpose (<see cref="RestoreDrillOptions.KeepRestoredResources"/>).</summary>
    Kept,

    /// <summary>It is still there: no clean-up for its type, the clean-up failed, or a restore still ran after cancellation.</summary>
    LeftBehind,
}

/// <summary>What the history store knew of a resource before a run.</summary>
/// <param name="LastVerifiedAt">When its last successful verification ended, if any.</param>
/// <param name="PreviousRuns">How many earlier runs verified it (passed or not).</param>
/// <param name="PreviousRestoreDurations">Restore durations of its earlier successful runs, oldest first (at most ten).</param>
/// <param name="Stale">Whether, after this run, its last successful verification is older than the drill's staleness limit.</param>
public sealed record ResourceHistorySummary(DateTimeOffset? LastVerifiedAt, int PreviousRuns, IReadOnlyList<TimeSpan> PreviousRestoreDurations, bool Stale);
