using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using BackupKit.Verification.History;
using BackupKit.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupKit.Verification;

/// <summary>
/// Runs restore drills on demand (AWS restore testing cannot be started on demand): finds the selected resources'
/// recovery points, preflights every resource before anything starts, restores with idempotency tokens and bounded
/// concurrency, validates, measures against targets, cleans up, and returns the evidence. Only the public
/// <see cref="IBackupClient"/> surface is used.
/// </summary>
public sealed class RestoreDrillRunner
{
    private const int ListingConcurrency = 16;

    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IRestoreHistoryStore? _history;
    private readonly VerificationTelemetry _telemetry;

    /// <summary>Creates a runner.</summary>
    /// <param name="logger">Where to log, or <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for drill time, recovery point ages, validator timeouts and polling pauses, or <see langword="null"/> for the system clock.</param>
    /// <param name="history">Where to keep and read past results, or <see langword="null"/> for no history.</param>
    /// <param name="meterFactory">The host's meter factory, or <see langword="null"/> for the process-wide <c>BackupKit</c> meter.</param>
    public RestoreDrillRunner(ILogger<RestoreDrillRunner>? logger = null, TimeProvider? timeProvider = null, IRestoreHistoryStore? history = null, IMeterFactory? meterFactory = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _history = history;
        _telemetry = VerificationTelemetry.For(meterFactory);
    }

    /// <summary>
    /// Runs a drill. Returns the report whatever the resources' outcomes; a resource's failure (a failed restore, a
    /// validator that throws or hangs, a missed target, something left behind) fails that resource, not the call.
    /// </summary>
    /// <param name="options">The drill.</param>
    /// <param name="cancellationToken">Cancels the drill: restores already started are still awaited (up to
    /// <see cref="RestoreDrillOptions.CancellationGracePeriod"/>) and cleaned up, then
    /// <see cref="RestoreDrillCanceledException"/> carries the report of what was done and left.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    /// <exception cref="RestoreDrillCanceledException">The drill was cancelled.</exception>
    public Task<RestoreDrillReport> RunAsync(RestoreDrillOptions options, CancellationToken cancellationToken = default) =>
        RunCoreAsync(options, dryRun: false, cancellationToken);

    /// <summary>A dry run: selects resources, chooses recovery points and preflights each one, and starts nothing.</summary>
    /// <param name="options">The drill.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The report, with each resource's preflight and the restore metadata it would use.</returns>
    public Task<RestoreDrillReport> PreflightAsync(RestoreDrillOptions options, CancellationToken cancellationToken = default) =>
        RunCoreAsync(options, dryRun: true, cancellationToken);

    private async Task<RestoreDrillReport> RunCoreAsync(RestoreDrillOptions options, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var source = options.Source!;
        var startedAt = _timeProvider.GetUtcNow();
        var runId = NewRunId(startedAt);
        using var activity = VerificationTelemetry.Source.StartActivity(VerificationTelemetry.DrillActivity);
        activity?.SetTag("backupkit.drill", options.Name);
        activity?.SetTag("backupkit.drill.run_id", runId);

        var candidates = await DiscoverAsync(options, cancellationToken).ConfigureAwait(false);
        var plans = candidates.Select(c => new ResourcePlan(c, new ResourceVerification(c.Candidate.ResourceArn, c.Candidate.ResourceType, c.Candidate.Tags))).ToList();
        var report = new RestoreDrillReport(options.Name, runId, source.ToString(), options.RecoveryPoint.ToString(), startedAt, plans.Select(p => p.Verification).ToList())
        {
            DryRun = dryRun,
        };
        VerificationLog.DrillStarting(_logger, options.Name, runId, plans.Count, source.ToString(), options.RecoveryPoint.ToString());
        if (plans.Count == 0)
        {
            report.Notes.Add($"No resource in {source} matched the drill's selectors; nothing was restored.");
        }

        var history = await ReadHistoryAsync(plans, cancellationToken).ConfigureAwait(false);
        var random = new Random(options.RecoveryPoint.Seed ?? runId.GetHashCode(StringComparison.Ordinal));
        var claimedTargets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            ChooseRecoveryPoint(plan, options, startedAt, random);
        }

        await ForEachAsync(plans, ListingConcurrency, (plan, ct) => PreflightAsync(plan, options, runId, claimedTargets, ct), cancellationToken).ConfigureAwait(false);

        var failedPreflight = plans.Count(p => p.Verification.Outcome == ResourceOutcome.PreflightFailed);
        var startNothing = dryRun || (failedPreflight > 0 && options.PreflightFailure == PreflightFailureMode.StartNothing);
        if (failedPreflight > 0 && !dryRun)
        {
            report.Notes.Add(options.PreflightFailure == PreflightFailureMode.StartNothing
                ? $"{failedPreflight} resource(s) failed preflight, so no restore was started (PreflightFailureMode.StartNothing)."
                : $"{failedPreflight} resource(s) failed preflight and were skipped.");
            if (startNothing)
            {
                VerificationLog.NothingStarted(_logger, options.Name, runId, failedPreflight);
            }
        }

        var cancelled = false;
        if (!startNothing)
        {
            report.RestoresStarted = true;
            var limiter = new ConcurrencyLimiter(options);
            var tasks = new List<Task>(plans.Count);
            foreach (var plan in plans)
            {
                if (plan.Verification.Outcome == ResourceOutcome.NotStarted)
                {
                    tasks.Add(VerifyResourceAsync(plan, options, runId, limiter, cancellationToken));
                }
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
            cancelled = cancellationToken.IsCancellationRequested;
        }

        report.CompletedAt = _timeProvider.GetUtcNow();
        report.Cancelled = cancelled;
        ApplyHistory(plans, history, options, report.CompletedAt);
        if (_history is not null)
        {
            await _history.AppendAsync(RestoreHistoryEntry.FromReport(report), CancellationToken.None).ConfigureAwait(false);
        }

        VerificationLog.DrillEnded(_logger, options.Name, runId, report.Outcome, report.PassedCount, report.Resources.Count, report.LeftBehind.Count());
        activity?.SetTag("backupkit.drill.outcome", report.Outcome.ToString());
        activity?.SetStatus(report.Outcome == DrillOutcome.Passed ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        if (cancelled)
        {
            throw new RestoreDrillCanceledException(report, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return report;
    }

    // ---- Discovery: the source vaults' recovery points, grouped by resource -------------------------------------

    private async Task<List<Discovered>> DiscoverAsync(RestoreDrillOptions options, CancellationToken cancellationToken)
    {
        var source = options.Source!;
        var client = source.Client;
        var vaults = source.VaultNames.Count > 0 ? source.VaultNames.ToList() : await ListVaultsAsync(source, cancellationToken).ConfigureAwait(false);
        var byResource = new Dictionary<string, List<RecoveryPointByBackupVault>>(StringComparer.Ordinal);
        foreach (var vault in vaults)
        {
            var input = new ListRecoveryPointsByBackupVaultInput { BackupVaultName = vault, BackupVaultAccountId = source.VaultAccountId };
            await foreach (var point in client.PaginateListRecoveryPointsByBackupVault(input, cancellationToken).ConfigureAwait(false))
            {
                if (point.ResourceArn is not { } arn || point.RecoveryPointArn is null || point.IsParent == true)
                {
                    continue;
                }

                if (!byResource.TryGetValue(arn, out var points))
                {
                    points = [];
                    byResource[arn] = points;
                }

                points.Add(point);
            }
        }

        var needsTags = options.Resources.Any(s => s.NeedsTags)
            || options.Validators.Any(v => v.Scope.Kind == ResourceScopeKind.Tag)
            || options.Targets.Any(t => t.Scope.Kind == ResourceScopeKind.Tag);
        var all = byResource.Select(pair => new Discovered(pair.Key, pair.Value)).ToList();
        foreach (var selector in options.Resources)
        {
            if (selector.NamedArn is { } named && !byResource.ContainsKey(named))
            {
                all.Add(new Discovered(named, []));
                byResource[named] = [];
            }
        }

        if (needsTags)
        {
            await ForEachAsync(all, ListingConcurrency, async (candidate, ct) =>
            {
                var latest = candidate.Points.OrderByDescending(p => p.CreationDate).FirstOrDefault();
                if (options.ResourceTags is { } readTags)
                {
                    candidate.Tags = await readTags(candidate.Candidate.ResourceArn, latest?.RecoveryPointArn, ct).ConfigureAwait(false);
                }
                else if (latest?.RecoveryPointArn is { } pointArn)
                {
                    var tags = await client.ListTagsAsync(new ListTagsInput { ResourceArn = pointArn }, ct).ConfigureAwait(false);
                    candidate.Tags = tags.Tags ?? [];
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        var selected = new List<Discovered>();
        foreach (var candidate in all)
        {
            foreach (var selector in options.Resources)
            {
                if (selector.Matches(candidate.Candidate))
                {
                    candidate.PinnedRecoveryPointArn ??= selector.PinnedRecoveryPointArn;
                    selected.Add(candidate);
                    break;
                }
            }
        }

        selected.Sort(static (a, b) => string.CompareOrdinal(a.Candidate.ResourceArn, b.Candidate.ResourceArn));
        return selected;
    }

    private static async Task<List<string>> ListVaultsAsync(RecoveryPointSource source, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var vault in source.Client.PaginateListBackupVaults(new ListBackupVaultsInput(), cancellationToken).ConfigureAwait(false))
        {
            if (vault.BackupVaultName is { } name && !source.ExcludeVaults.Any(pattern => Wildcard.IsMatch(pattern, vault.BackupVaultArn ?? name)))
            {
                names.Add(name);
            }
        }

        return names;
    }

    // ---- Recovery point choice and preflight -------------------------------------------------------------------

    private static void ChooseRecoveryPoint(ResourcePlan plan, RestoreDrillOptions options, DateTimeOffset now, Random random)
    {
        var candidate = plan.Candidate;
        var verification = plan.Verification;
        if (candidate.PinnedRecoveryPointArn is { } pinned)
        {
            var point = candidate.Points.FirstOrDefault(p => p.RecoveryPointArn == pinned);
            if (point is null)
            {
                plan.RecoveryPointProblem = $"Recovery point {pinned} is not in {options.Source}.";
            }
            else
            {
                plan.Point = point;
                plan.RecoveryPointProblem = Unusable(point, now);
            }
        }
        else if (candidate.Points.Count == 0)
        {
            plan.RecoveryPointProblem = $"No recovery point of {candidate.Candidate.ResourceArn} is in {options.Source}.";
        }
        else
        {
            var choice = options.RecoveryPoint;
            var usable = candidate.Points.Where(p => Unusable(p, now) is null).ToList();
            var inWindow = choice.Window is { } window ? usable.Where(p => p.CreationDate >= now - window).ToList() : usable;
            if (inWindow.Count == 0)
            {
                var newest = usable.OrderByDescending(p => p.CreationDate).FirstOrDefault();
                plan.RecoveryPointProblem = usable.Count == 0
                    ? $"None of the {candidate.Points.Count} recovery point(s) is usable (COMPLETED and not expired); the newest is {Describe(candidate.Points.OrderByDescending(p => p.CreationDate).First(), now)}."
                    : $"No usable recovery point was created in the last {BackupKit.Rules.DurationText.Format(choice.Window!.Value)}; the newest usable one is from {newest!.CreationDate:u}.";
            }
            else
            {
                inWindow.Sort(static (a, b) => Nullable.Compare(b.CreationDate, a.CreationDate));
                plan.Point = choice.Kind == RecoveryPointChoiceKind.Random ? inWindow[random.Next(inWindow.Count)] : inWindow[0];
            }
        }

        if (plan.Point is { } chosen)
        {
            verification.RecoveryPointArn = chosen.RecoveryPointArn;
            verification.BackupVaultArn = chosen.BackupVaultArn;
            verification.RecoveryPointCreatedAt = chosen.CreationDate;
            verification.RecoveryPointAge = chosen.CreationDate is { } created ? now - created : null;
        }
    }

    private static string? Unusable(RecoveryPointByBackupVault point, DateTimeOffset now)
    {
        if (point.Status != RecoveryPointStatus.COMPLETED)
        {
            return $"Recovery point {point.RecoveryPointArn} is {Describe(point, now)}; only COMPLETED recovery points can be restored.";
        }

        return point.CalculatedLifecycle?.DeleteAt is { } deleteAt && deleteAt <= now
            ? $"Recovery point {point.RecoveryPointArn} expired at {deleteAt:u}."
            : null;
    }

    private static string Describe(RecoveryPointByBackupVault point, DateTimeOffset now) =>
        $"{point.Status?.Value ?? "of unknown status"} (created {point.CreationDate:u}{(point.CalculatedLifecycle?.DeleteAt is { } d && d <= now ? $", expired {d:u}" : string.Empty)})";

    private async Task PreflightAsync(ResourcePlan plan, RestoreDrillOptions options, string runId, HashSet<string> claimedTargets, CancellationToken cancellationToken)
    {
        var verification = plan.Verification;
        var checks = verification.Preflight;
        var type = plan.Candidate.Candidate.ResourceType;

        // 1. A usable recovery point.
        checks.Add(plan.RecoveryPointProblem is { } problem
            ? new PreflightCheck("RecoveryPoint", false, problem)
            : new PreflightCheck("RecoveryPoint", true, $"{plan.Point!.RecoveryPointArn} in {plan.Point.BackupVaultName}, COMPLETED, created {plan.Point.CreationDate:u}."));

        // 2. The role.
        checks.Add(string.IsNullOrEmpty(options.IamRoleArn)
            ? new PreflightCheck("IamRole", false, "No IAM role is given: set RestoreDrillOptions.IamRoleArn to a role AWS Backup can assume with restore permissions for " + type + ".")
            : new PreflightCheck("IamRole", true, options.IamRoleArn));

        // 3. Complete restore metadata, and 4. a free target name.
        if (plan.Point is { } point && plan.RecoveryPointProblem is null)
        {
            await MetadataAndTargetAsync(plan, point, options, runId, claimedTargets, cancellationToken).ConfigureAwait(false);
        }

        var failed = checks.Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
        {
            verification.Outcome = ResourceOutcome.PreflightFailed;
            foreach (var check in failed)
            {
                verification.Failures.Add($"Preflight {check.Name}: {check.Message}");
                VerificationLog.PreflightFailed(_logger, verification.ResourceArn, check.Message);
            }
        }
    }

    private static async Task MetadataAndTargetAsync(ResourcePlan plan, RecoveryPointByBackupVault point, RestoreDrillOptions options, string runId, HashSet<string> claimedTargets, CancellationToken cancellationToken)
    {
        var checks = plan.Verification.Preflight;
        var candidate = plan.Candidate.Candidate;
        var type = candidate.ResourceType;
        var client = options.Source!.Client;
        Dictionary<string, string> metadata;
        try
        {
            var output = await client.GetRecoveryPointRestoreMetadataAsync(
                new GetRecoveryPointRestoreMetadataInput { BackupVaultName = point.BackupVaultName, RecoveryPointArn = point.RecoveryPointArn, BackupVaultAccountId = options.Source.VaultAccountId },
                cancellationToken).ConfigureAwait(false);
            metadata = new Dictionary<string, string>(output.RestoreMetadata ?? [], StringComparer.OrdinalIgnoreCase);
        }
        catch (BackupServiceException e)
        {
            checks.Add(new PreflightCheck("RestoreMetadata", false, $"GetRecoveryPointRestoreMetadata failed: {e.ErrorCode}: {e.Message}"));
            return;
        }

        if (options.MetadataOverridesByType.TryGetValue(type, out var typeOverrides))
        {
            Merge(metadata, typeOverrides);
        }

        var resourceOverrides = options.MetadataOverrides?.Invoke(candidate);
        if (resourceOverrides is not null)
        {
            Merge(metadata, resourceOverrides);
        }

        // The restored resource gets a drill name unless the user chose one, so a drill never restores over a live resource.
        string? targetName = null;
        var nameKey = RestoreTargets.NameKey(type);
        if (nameKey is not null)
        {
            var userChose = (typeOverrides?.Keys.Any(k => string.Equals(k, nameKey, StringComparison.OrdinalIgnoreCase)) ?? false)
                || (resourceOverrides?.Keys.Any(k => string.Equals(k, nameKey, StringComparison.OrdinalIgnoreCase)) ?? false);
            var sourceName = RestoreTargets.ResourceName(candidate.ResourceArn);
            targetName = userChose ? metadata[nameKey]
                : options.TargetName?.Invoke(sourceName, runId) ?? RestoreTargets.DefaultName(type, sourceName, runId[^6..]);
            metadata[nameKey] = targetName;
            if (!userChose && string.Equals(type, "S3", StringComparison.OrdinalIgnoreCase))
            {
                // A drill restores into a bucket of its own, which the restore creates.
                metadata["NewBucket"] = "true";
            }
        }

        var required = new List<string>();
        if (nameKey is not null)
        {
            required.Add(nameKey);
        }

        required.AddRange(RestoreTargets.RequiredKeys(type));
        if (options.RequiredMetadataKeys.TryGetValue(type, out var userRequired))
        {
            required.AddRange(userRequired);
        }

        var missing = required.Where(key => !metadata.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        plan.Verification.RestoreMetadata = metadata;
        plan.Metadata = metadata;
        checks.Add(missing.Count > 0
            ? new PreflightCheck("RestoreMetadata", false, $"A {type} restore needs {string.Join(", ", missing)}; add it to RestoreDrillOptions.MetadataOverridesByType[\"{type}\"] (or to the restore testing selection's RestoreMetadataOverrides).")
            : new PreflightCheck("RestoreMetadata", true, $"{metadata.Count} key(s): {string.Join(", ", metadata.Keys.Order(StringComparer.Ordinal))}."));

        if (targetName is null)
        {
            checks.Add(new PreflightCheck("TargetName", true, $"A {type} restore creates a resource with a new id; no name to collide with."));
            return;
        }

        var targetArn = RestoreTargets.TargetArn(type, targetName, point.BackupVaultArn ?? string.Empty) ?? targetName;
        bool claimed;
        lock (claimedTargets)
        {
            claimed = !claimedTargets.Add(targetArn);
        }

        if (claimed)
        {
            checks.Add(new PreflightCheck("TargetName", false, $"Another resource of this drill restores to {targetName}; give each its own target name."));
            return;
        }

        bool exists;
        try
        {
            exists = options.TargetExists is { } probe
                ? await probe(targetArn, cancellationToken).ConfigureAwait(false)
                : await IsProtectedAsync(client, targetArn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            checks.Add(new PreflightCheck("TargetName", false, $"Could not tell whether {targetArn} exists: {e.Message}"));
            return;
        }

        checks.Add(exists
            ? new PreflightCheck("TargetName", false, $"{targetArn} already exists; a restore to it would fail. Delete it, or choose another name with RestoreDrillOptions.TargetName.")
            : new PreflightCheck("TargetName", true, $"{targetName} is free."));
    }

    private static async Task<bool> IsProtectedAsync(IBackupClient client, string arn, CancellationToken cancellationToken)
    {
        try
        {
            await client.DescribeProtectedResourceAsync(new DescribeProtectedResourceInput { ResourceArn = arn }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private static void Merge(Dictionary<string, string> metadata, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        foreach (var (key, value) in overrides)
        {
            metadata[key] = value;
        }
    }

    // ---- Restore, validate, measure, clean up -------------------------------------------------------------------

    private async Task VerifyResourceAsync(ResourcePlan plan, RestoreDrillOptions options, string runId, ConcurrencyLimiter limiter, CancellationToken cancellationToken)
    {
        var verification = plan.Verification;
        var type = verification.ResourceType;
        try
        {
            using var slot = await limiter.EnterAsync(type, cancellationToken).ConfigureAwait(false);
            using var activity = VerificationTelemetry.Source.StartActivity(VerificationTelemetry.ResourceActivity);
            activity?.SetTag("backupkit.resource.arn", verification.ResourceArn);
            activity?.SetTag(VerificationTelemetry.ResourceTypeTag, type);
            await RestoreValidateAndCleanAsync(plan, options, runId, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("backupkit.resource.outcome", verification.Outcome.ToString());
            activity?.SetStatus(verification.Outcome == ResourceOutcome.Passed ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (verification.RestoreJobId is null)
            {
                verification.Outcome = ResourceOutcome.NotStarted;
                verification.Failures.Add("The drill was cancelled before this restore started.");
            }
        }
        catch (Exception e)
        {
            // Whatever went wrong with one resource fails that resource, never the drill.
            VerificationLog.ResourceFaulted(_logger, e, verification.ResourceArn);
            verification.Outcome = ResourceOutcome.Failed;
            verification.Failures.Add($"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task RestoreValidateAndCleanAsync(ResourcePlan plan, RestoreDrillOptions options, string runId, CancellationToken cancellationToken)
    {
        var verification = plan.Verification;
        var point = plan.Point!;
        var client = options.Source!.Client;
        var input = new StartRestoreJobInput
        {
            RecoveryPointArn = point.RecoveryPointArn,
            Metadata = new Dictionary<string, string>(plan.Metadata!, StringComparer.Ordinal),
            IamRoleArn = options.IamRoleArn,
            IdempotencyToken = IdempotencyToken(runId, verification.ResourceArn, point.RecoveryPointArn!),
            ResourceType = verification.ResourceType,
            CopySourceTagsToRestoredResource = options.CopySourceTagsToRestoredResource ? true : null,
        };
        RestoreJobOperation operation;
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Not cancellable once sent: a start that AWS committed but whose answer was abandoned would leave a
            // restore running that the report never mentions. The client's own timeouts bound the call.
            operation = await RestoreJobOperation.StartAsync(client, input, options.Polling, _timeProvider, CancellationToken.None).ConfigureAwait(false);
        }
        catch (BackupServiceException e)
        {
            verification.Outcome = ResourceOutcome.Failed;
            verification.Failures.Add($"StartRestoreJob was refused: {e.ErrorCode}: {e.Message}");
            return;
        }

        verification.RestoreJobId = operation.RestoreJobId;
        VerificationLog.RestoreStarted(_logger, operation.RestoreJobId, verification.ResourceArn, point.RecoveryPointArn!);

        RestoreJobOutcome outcome;
        try
        {
            outcome = await operation.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FinishCancelledAsync(plan, operation, options).ConfigureAwait(false);
            return;
        }
        catch (TimeoutException e)
        {
            Record(verification, operation.LastStatus);
            verification.Outcome = ResourceOutcome.Failed;
            verification.Failures.Add(e.Message);
            verification.Cleanup = new CleanupReport(CleanupOutcome.LeftBehind, $"Restore job {operation.RestoreJobId} was still running at the deadline; what it creates is left behind.");
            return;
        }

        Record(verification, outcome.Job);
        _telemetry.RecordRestore(verification.ResourceType, outcome.Duration ?? TimeSpan.Zero, outcome.Succeeded);
        VerificationLog.RestoreEnded(_logger, operation.RestoreJobId, verification.ResourceArn, outcome.Job.Status?.Value ?? "?", (outcome.Duration ?? TimeSpan.Zero).TotalMinutes);
        if (!outcome.Succeeded)
        {
            verification.Outcome = ResourceOutcome.Failed;
            verification.Failures.Add($"Restore job {operation.RestoreJobId} ended {outcome.Job.Status?.Value}: {outcome.Job.StatusMessage ?? "no message"}");
            if (outcome.CreatedResourceArn is not null)
            {
                await CleanUpAsync(plan, options).ConfigureAwait(false);
            }

            return;
        }

        if (outcome.CreatedResourceArn is null)
        {
            verification.Outcome = ResourceOutcome.Failed;
            verification.Failures.Add($"Restore job {operation.RestoreJobId} COMPLETED without a CreatedResourceArn; nothing can be validated.");
            return;
        }

        var cancelledDuringValidation = false;
        try
        {
            await ValidateAsync(plan, options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelledDuringValidation = true;
        }

        CheckTargets(plan, options);
        await CleanUpAsync(plan, options).ConfigureAwait(false);
        verification.Outcome = cancelledDuringValidation ? ResourceOutcome.Cancelled
            : verification.Failures.Count == 0 ? ResourceOutcome.Passed
            : ResourceOutcome.Failed;
    }

    private async Task FinishCancelledAsync(ResourcePlan plan, RestoreJobOperation operation, RestoreDrillOptions options)
    {
        var verification = plan.Verification;
        verification.Outcome = ResourceOutcome.Cancelled;
        verification.Failures.Add("The drill was cancelled while this restore ran.");
        if (options.CancellationGracePeriod > TimeSpan.Zero)
        {
            // AWS cannot stop a restore job: wait (bounded) for what it creates, so that it can be cleaned up.
            using var grace = new CancellationTokenSource(options.CancellationGracePeriod, _timeProvider);
            try
            {
                var outcome = await operation.WaitForCompletionAsync(grace.Token).ConfigureAwait(false);
                Record(verification, outcome.Job);
                if (outcome.CreatedResourceArn is not null)
                {
                    await CleanUpAsync(plan, options).ConfigureAwait(false);
                }
                else
                {
                    verification.Cleanup = new CleanupReport(CleanupOutcome.NotNeeded, $"Restore job {operation.RestoreJobId} ended {outcome.Job.Status?.Value} without creating a resource.");
                }

                return;
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException or BackupServiceException)
            {
                Record(verification, operation.LastStatus);
            }
        }

        verification.Cleanup = new CleanupReport(CleanupOutcome.LeftBehind,
            $"Restore job {operation.RestoreJobId} was still {operation.LastStatus?.Status?.Value ?? "running"} when the drill stopped waiting; the resource it creates is left behind.");
    }

    private static void Record(ResourceVerification verification, DescribeRestoreJobOutput? job)
    {
        if (job is null)
        {
            return;
        }

        verification.RestoreStatus = job.Status?.Value;
        verification.RestoreStatusMessage = job.StatusMessage;
        verification.RestoredResourceArn = job.CreatedResourceArn;
        verification.RestoreCreatedAt = job.CreationDate;
        verification.RestoreCompletedAt = job.CompletionDate;
    }

    private async Task ValidateAsync(ResourcePlan plan, RestoreDrillOptions options, CancellationToken cancellationToken)
    {
        var verification = plan.Verification;
        var matching = options.Validators.Where(v => v.Scope.Matches(verification.ResourceArn, verification.ResourceType, verification.Tags)).ToList();
        if (matching.Count == 0)
        {
            if (options.RequireValidation)
            {
                verification.Failures.Add($"No validator applies to this {verification.ResourceType} resource, so the restore is unverified; add one (or set RequireValidation = false).");
            }

            return;
        }

        var context = new RestoreValidationContext
        {
            SourceResourceArn = verification.ResourceArn,
            RestoredResourceArn = verification.RestoredResourceArn!,
            ResourceType = verification.ResourceType,
            RecoveryPointArn = verification.RecoveryPointArn!,
            RecoveryPointCreationDate = verification.RecoveryPointCreatedAt,
            BackupVaultArn = verification.BackupVaultArn,
            RestoreJobId = verification.RestoreJobId!,
            Metadata = plan.Metadata!,
            Tags = verification.Tags,
        };
        var started = _timeProvider.GetTimestamp();
        try
        {
            foreach (var registration in matching)
            {
                var result = await ValidatorRunner.RunAsync(registration, context, registration.Timeout ?? options.ValidatorTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
                verification.Validations.Add(result);
                _telemetry.RecordValidation(verification.ResourceType, registration.Name, result.Outcome);
                VerificationLog.ValidatorEnded(_logger, registration.Name, context.RestoredResourceArn, result.Outcome, result.Message);
                if (result.Outcome != ValidatorOutcome.Passed)
                {
                    verification.Failures.Add($"Validator {registration.Name} {VerificationTelemetry.OutcomeName(result.Outcome).Replace('_', ' ')}: {result.Message}");
                }
            }
        }
        finally
        {
            verification.ValidationDuration = _timeProvider.GetElapsedTime(started);
            _telemetry.RecordValidationDuration(verification.ResourceType, verification.ValidationDuration.Value);
        }
    }

    private void CheckTargets(ResourcePlan plan, RestoreDrillOptions options)
    {
        var verification = plan.Verification;
        foreach (var target in options.Targets)
        {
            if (!target.Scope.Matches(verification.ResourceArn, verification.ResourceType, verification.Tags))
            {
                continue;
            }

            Check(RecoveryMeasure.RestoreDuration, target.MaxRestoreDuration, verification.RestoreDuration);
            Check(RecoveryMeasure.RecoveryTime, target.MaxRecoveryTime, verification.RecoveryTime);
            Check(RecoveryMeasure.RecoveryPointAge, target.MaxRecoveryPointAge, verification.RecoveryPointAge);

            void Check(RecoveryMeasure measure, TimeSpan? limit, TimeSpan? actual)
            {
                if (limit is not { } l)
                {
                    return;
                }

                var met = actual is { } a && a <= l;
                verification.Targets.Add(new TargetVerdict(measure, target.Scope.ToString(), l, actual, met));
                if (!met)
                {
                    verification.Failures.Add($"{measure} target of {target.Scope} missed: {Format(actual)} measured, {Format(l)} allowed.");
                    VerificationLog.TargetMissed(_logger, verification.ResourceArn, measure, BackupKit.Rules.DurationText.Format(l), actual is { } took ? BackupKit.Rules.DurationText.Format(took) : "not measured");
                }
            }
        }
    }

    private async Task CleanUpAsync(ResourcePlan plan, RestoreDrillOptions options)
    {
        var verification = plan.Verification;
        var restored = verification.RestoredResourceArn!;
        if (options.KeepRestoredResources)
        {
            verification.Cleanup = new CleanupReport(CleanupOutcome.Kept, $"{restored} kept (KeepRestoredResources).");
        }
        else if (!options.Cleanups.TryGetValue(verification.ResourceType, out var cleanup))
        {
            verification.Cleanup = new CleanupReport(CleanupOutcome.LeftBehind,
                $"{restored} is left behind: no clean-up is registered for {verification.ResourceType} (AWS Backup cannot delete restored resources; register one in RestoreDrillOptions.Cleanups).");
        }
        else
        {
            // Clean-up runs even when the drill was cancelled: its own timeout, not the drill's token.
            using var timeout = new CancellationTokenSource(options.CleanupTimeout, _timeProvider);
            try
            {
                var result = await cleanup.CleanUpAsync(new RestoredResource(restored, verification.ResourceType, verification.ResourceArn, verification.RestoreJobId!), timeout.Token)
                    .AsTask().WaitAsync(options.CleanupTimeout, _timeProvider, CancellationToken.None).ConfigureAwait(false);
                verification.Cleanup = result.Deleted
                    ? new CleanupReport(CleanupOutcome.Deleted, $"{restored}: {result.Message}")
                    : new CleanupReport(CleanupOutcome.LeftBehind, $"{restored}: clean-up failed: {result.Message}");
            }
            catch (Exception e)
            {
                verification.Cleanup = new CleanupReport(CleanupOutcome.LeftBehind, $"{restored}: clean-up failed: {(e is TimeoutException or OperationCanceledException ? $"it did not finish within {BackupKit.Rules.DurationText.Format(options.CleanupTimeout)}" : e.Message)}");
            }
        }

        if (verification.Cleanup.Outcome == CleanupOutcome.LeftBehind)
        {
            verification.Failures.Add($"Left behind: {verification.Cleanup.Message}");
        }

        VerificationLog.CleanupEnded(_logger, restored, verification.Cleanup.Outcome, verification.Cleanup.Message);
    }

    // ---- History --------------------------------------------------------------------------------------------

    private async Task<Dictionary<string, List<RestoreHistoryEntry>>> ReadHistoryAsync(List<ResourcePlan> plans, CancellationToken cancellationToken)
    {
        var byResource = new Dictionary<string, List<RestoreHistoryEntry>>(StringComparer.Ordinal);
        if (_history is null || plans.Count == 0)
        {
            return byResource;
        }

        var wanted = new HashSet<string>(plans.Select(p => p.Verification.ResourceArn), StringComparer.Ordinal);
        await foreach (var entry in _history.ReadAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (wanted.Contains(entry.ResourceArn))
            {
                if (!byResource.TryGetValue(entry.ResourceArn, out var list))
                {
                    list = [];
                    byResource[entry.ResourceArn] = list;
                }

                list.Add(entry);
            }
        }

        return byResource;
    }

    private void ApplyHistory(List<ResourcePlan> plans, Dictionary<string, List<RestoreHistoryEntry>> history, RestoreDrillOptions options, DateTimeOffset now)
    {
        if (_history is null && options.StalenessLimit is null)
        {
            return;
        }

        var stale = 0;
        foreach (var plan in plans)
        {
            var verification = plan.Verification;
            history.TryGetValue(verification.ResourceArn, out var entries);
            entries ??= [];
            var passed = entries.Where(e => e.Passed).OrderBy(e => e.VerifiedAt).ToList();
            var lastVerified = verification.Outcome == ResourceOutcome.Passed ? now : passed.LastOrDefault()?.VerifiedAt;
            var isStale = options.StalenessLimit is { } limit && (lastVerified is not { } at || now - at > limit);
            verification.History = new ResourceHistorySummary(
                passed.LastOrDefault()?.VerifiedAt,
                entries.Count,
                passed.Where(e => e.RestoreDuration is not null).TakeLast(10).Select(e => e.RestoreDuration!.Value).ToList(),
                isStale);
            if (isStale)
            {
                stale++;
                verification.Failures.Add($"Stale: last successful verification {(lastVerified is { } v ? $"at {v:u}" : "never")}, limit {Format(options.StalenessLimit)}.");
                if (verification.Outcome == ResourceOutcome.Passed)
                {
                    verification.Outcome = ResourceOutcome.Failed;
                }
            }
        }

        if (options.StalenessLimit is not null)
        {
            _telemetry.RecordStale(stale);
        }
    }

    // ---- Helpers -------------------------------------------------------------------------------------------

    private string NewRunId(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[3];
        RandomNumberGenerator.Fill(random);
        return $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexString(random).ToLowerInvariant()}";
    }

    private static string IdempotencyToken(string runId, string resourceArn, string recoveryPointArn)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(resourceArn + "\n" + recoveryPointArn));
        return $"drill-{runId}-{Convert.ToHexString(hash.AsSpan(0, 8)).ToLowerInvariant()}";
    }

    internal static string Format(TimeSpan? value) => value is not { } v ? "nothing"
        : v.TotalHours >= 1 ? $"{(int)v.TotalHours} h {v.Minutes:00} min"
        : v.TotalMinutes >= 1 ? $"{(int)v.TotalMinutes} min {v.Seconds:00} s"
        : $"{v.TotalSeconds:0.###} s";

    private static async Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, (item, ct) => new ValueTask(body(item, ct))).ConfigureAwait(false);

    private sealed class Discovered(string resourceArn, List<RecoveryPointByBackupVault> points)
    {
        private IReadOnlyDictionary<string, string> _tags = new Dictionary<string, string>();

        public List<RecoveryPointByBackupVault> Points { get; } = points;

        public string? PinnedRecoveryPointArn { get; set; }

        public IReadOnlyDictionary<string, string> Tags
        {
            get => _tags;
            set
            {
                _tags = value;
                _candidate = null;
            }
        }

        private DrillCandidate? _candidate;

        public DrillCandidate Candidate => _candidate ??= new DrillCandidate(
            resourceArn,
            Points.FirstOrDefault()?.ResourceType ?? RestoreTargets.TypeOfArn(resourceArn),
            _tags);
    }

    private sealed class ResourcePlan(Discovered candidate, ResourceVerification verification)
    {
        public Discovered Candidate { get; } = candidate;

        public ResourceVerification Verification { get; } = verification;

        public RecoveryPointByBackupVault? Point { get; set; }

        public string? RecoveryPointProblem { get; set; }

        public Dictionary<string, string>? Metadata { get; set; }
    }
}
