using BackupKit.Building;
using BackupKit.Model;
using BackupKit.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupKit.Reconcile;

/// <summary>
/// Makes an AWS account and Region match a <see cref="BackupPosture"/>: reads live state through an
/// <see cref="IBackupClient"/>, compares it with the posture (AWS defaults normalised, so a second apply of the same
/// posture writes nothing), and applies the differences in dependency order with deterministic idempotency tokens.
/// </summary>
/// <remarks>
/// <para>A posture describes one account and Region: the client's. To apply a multi-Region posture, use one applier per
/// Region with a client for that Region.</para>
/// <para>Nothing the posture does not declare is deleted unless <see cref="PostureApplyOptions.DeleteUndeclared"/> is set.
/// Selections cannot be updated in AWS: a changed selection is replaced (deleted, then created).</para>
/// <para>Restore testing plans are reconciled when the posture declares at least one; a posture without any leaves
/// restore testing alone (and needs no permission for it). Likewise AWS Backup Audit Manager frameworks and report plans
/// are reconciled when the posture declares at least one of that kind (frameworks first; a report plan names the
/// frameworks it reports on by the ARN AWS gave them); AWS refuses to change a framework or report plan while its previous
/// deployment is in progress, so such a change is <see cref="ChangeAction.Blocked"/> until it completes.</para>
/// </remarks>
/// <example>
/// <code>
/// var applier = new PostureApplier(client);
/// Console.WriteLine(await applier.PlanAsync(posture));   // what would change
/// var result = await applier.ApplyAsync(posture);         // make it so
/// Console.WriteLine(result);
/// </code>
/// </example>
public sealed class PostureApplier
{
    private readonly IBackupClient _client;
    private readonly PostureApplyOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IReadOnlyList<IObjectKindPlanner> _kindPlanners;

    /// <summary>Creates an applier.</summary>
    /// <param name="client">The AWS Backup client of the account and Region to reconcile.</param>
    /// <param name="options">What may be deleted; <see langword="null"/> for the defaults (nothing undeclared is deleted).</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <param name="timeProvider">
    /// The clock used for compliance lock dates only when the client does not tell the service's time
    /// (<see cref="IBackupServiceClock"/>; <see cref="BackupClient"/> does), or <see langword="null"/> for the system clock.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="PostureApplyOptions.Validate"/> says which and how to fix it).</exception>
    public PostureApplier(IBackupClient client, PostureApplyOptions? options = null, ILogger<PostureApplier>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new PostureApplyOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _kindPlanners = ObjectKindPlanners.For(client);
    }

    /// <summary>
    /// Reads live state and returns the plan <see cref="ApplyAsync(PosturePlan, CancellationToken)"/> applies, without
    /// writing anything: each change with the live state it was computed from and the requests it sends.
    /// </summary>
    /// <param name="posture">The declared posture.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The change plan, in apply order.</returns>
    /// <exception cref="BackupPostureValidationException">The posture breaks AWS Backup rules.</exception>
    public async Task<PosturePlan> PlanAsync(BackupPosture posture, CancellationToken cancellationToken = default)
    {
        var (steps, live) = await PrepareAsync(posture, _options, cancellationToken).ConfigureAwait(false);
        return new PosturePlan(steps, posture, _options, live, LiveBasis.All(live, _kindPlanners), _client);
    }

    /// <summary>
    /// Applies the posture: plans (reads live state) and applies that plan at once, in dependency order (vaults; their
    /// locks, policies and notifications; plans; selections; restore testing plans and their selections; Audit Manager
    /// frameworks, then report plans; then opted-in deletions, report plans before frameworks). Applying the same posture again writes nothing. Applies of one endpoint and Region within this
    /// process run one at a time, each reading live state after the previous one wrote.
    /// </summary>
    /// <param name="posture">The declared posture.</param>
    /// <param name="cancellationToken">Cancels the apply between (or during) calls; what was applied stays applied.</param>
    /// <returns>What was created, updated, replaced, deleted or left unchanged.</returns>
    /// <exception cref="BackupPostureValidationException">The posture breaks AWS Backup rules; nothing was written.</exception>
    /// <exception cref="PostureConsentRequiredException">The plan contains irreversible or destructive changes not acknowledged in <see cref="PostureApplyOptions.AcknowledgedChanges"/>; nothing was written.</exception>
    /// <exception cref="PostureConflictException">Another writer changed an object this apply was about to write; the apply stopped there.</exception>
    /// <exception cref="PostureApplyException">
    /// A change failed (the exception lists what was applied before it and carries the cause), or some differences cannot
    /// be applied in place (<see cref="ChangeAction.Blocked"/>; nothing was written).
    /// </exception>
    public async Task<PostureApplyResult> ApplyAsync(BackupPosture posture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posture);
        using var gate = await ApplyLocks.AcquireAsync(_client, cancellationToken).ConfigureAwait(false);
        var plan = await PlanAsync(posture, cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies exactly a reviewed plan (from <see cref="PlanAsync"/> of an applier with the same client): reads live state
    /// again and, when any object moved since the plan read it (a plan version, a selection id, a lock setting, a policy,
    /// tags...), refuses before writing anything, naming the objects; otherwise sends the plan's requests.
    /// </summary>
    /// <param name="plan">The reviewed plan.</param>
    /// <param name="cancellationToken">Cancels the apply between (or during) calls; what was applied stays applied.</param>
    /// <returns>What was created, updated, replaced, deleted or left unchanged.</returns>
    /// <exception cref="ArgumentException">The plan was not made by <see cref="PlanAsync"/> with this applier's client.</exception>
    /// <exception cref="PostureConflictException">Live state moved since the plan was read (nothing was written), or another writer changed an object during the apply.</exception>
    /// <exception cref="PostureConsentRequiredException">The plan contains irreversible or destructive changes not acknowledged in <see cref="PostureApplyOptions.AcknowledgedChanges"/>; nothing was written.</exception>
    /// <exception cref="PostureApplyException">A change failed, or the plan is blocked.</exception>
    public async Task<PostureApplyResult> ApplyAsync(PosturePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Posture is null || plan.Options is null || !ReferenceEquals(plan.Client, _client))
        {
            throw new ArgumentException("The plan was not made by PlanAsync of an applier with this applier's client; plan with this client and apply that plan.", nameof(plan));
        }

        using var gate = await ApplyLocks.AcquireAsync(_client, cancellationToken).ConfigureAwait(false);
        var (_, live) = await PrepareAsync(plan.Posture, plan.Options, cancellationToken).ConfigureAwait(false);
        var moved = LiveBasis.Moved(plan.LiveBasis, LiveBasis.All(live, _kindPlanners));
        if (moved.Count > 0)
        {
            ReconcileLog.PlanStale(_logger, moved.Count);
            throw new PostureConflictException(
                moved,
                [],
                null,
                [.. plan.Changes.Where(c => c.IsWrite)],
                $"Nothing was applied: live state moved since the plan was read at {plan.ReadAt:u}: " + string.Join("; ", moved) +
                ". Review a new plan (PlanAsync) and apply that one.",
                null);
        }

        return await ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PostureApplyResult> ExecuteAsync(PosturePlan plan, CancellationToken cancellationToken)
    {
        var steps = plan.Steps;
        var blocked = steps.Where(s => s.Change.Action == ChangeAction.Blocked).Select(s => s.Change).ToList();
        if (blocked.Count > 0)
        {
            ReconcileLog.ApplyRefused(_logger, blocked.Count);
            throw new PostureApplyException(
                [],
                null,
                [.. steps.Where(s => s.Change.IsWrite).Select(s => s.Change)],
                "Nothing was applied: " + string.Join("; ", blocked.Select(b => $"{ChangeFormatter.Describe(b)} ({string.Join(", ", b.Differences)}): {b.Warning}")),
                null);
        }

        var acknowledged = _options.AcknowledgedChanges.ToHashSet(StringComparer.Ordinal);
        var missing = plan.ConsentRequired.Where(c => !acknowledged.Contains(c.Key)).ToList();
        if (missing.Count > 0)
        {
            ReconcileLog.ConsentMissing(_logger, missing.Count);
            throw new PostureConsentRequiredException(
                missing,
                [.. steps.Where(s => s.Change.IsWrite).Select(s => s.Change)],
                "Nothing was applied: these irreversible or destructive changes need consent. To apply them, add each exact text to " +
                "PostureApplyOptions.AcknowledgedChanges: " + string.Join("; ", missing.Select(m => $"\"{m.Key}\" ({m.Reason})")));
        }

        var context = new ApplyContext(plan.Live!);
        var done = new List<PostureChange>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Execute is null)
            {
                done.Add(step.Change);
                continue;
            }

            ReconcileLog.ChangeApplying(_logger, step.Change.Action, step.Change.Kind, step.Change.Name);
            try
            {
                var arn = await step.Execute(context, cancellationToken).ConfigureAwait(false);
                done.Add(arn is null ? step.Change : step.Change with { Arn = arn });
                ReconcileLog.ChangeApplied(_logger, step.Change.Action, step.Change.Kind, step.Change.Name);
            }
            catch (OperationCanceledException)
            {
                ReconcileLog.ApplyCanceled(_logger, done.Count(c => c.IsWrite), steps.Skip(i).Count(s => s.Change.IsWrite));
                throw;
            }
            catch (Exception ex)
            {
                var completed = done.Where(c => c.IsWrite).ToList();
                var remaining = steps.Skip(i + 1).Where(s => s.Change.IsWrite).Select(s => s.Change).ToList();
                ReconcileLog.ApplyFailed(_logger, ex, step.Change.Action, step.Change.Kind, step.Change.Name, completed.Count, remaining.Count);
                var applied = completed.Count == 0 ? "nothing" : string.Join(", ", completed.Select(c => $"{ChangeFormatter.Describe(c)} ({c.Action})"));
                var message = $"Applying {step.Change.Action} of {ChangeFormatter.Describe(step.Change)} failed: {ex.Message} Applied before the failure: {applied}. " +
                    $"{remaining.Count} change(s) were not attempted.";
                if (ex is PostureConflictException conflict)
                {
                    throw new PostureConflictException(conflict.Objects, completed, step.Change, remaining, message + " Plan again and apply.", conflict.InnerException);
                }

                throw new PostureApplyException(completed, step.Change, remaining, message + " Fix the cause and apply again; the apply continues from the live state.", ex);
            }
        }

        var result = new PostureApplyResult(done);
        ReconcileLog.ApplyCompleted(_logger, done.Count(c => c.IsWrite), done.Count(c => c.Action == ChangeAction.Unchanged));
        return result;
    }

    /// <summary>
    /// Reports how live state differs from the posture (for example a retention changed in the console, a selection
    /// deleted, an undeclared plan added) without changing anything.
    /// </summary>
    /// <param name="posture">The declared posture.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The drift; empty when AWS matches the posture.</returns>
    /// <exception cref="BackupPostureValidationException">The posture breaks AWS Backup rules.</exception>
    public async Task<PostureDriftReport> DetectDriftAsync(BackupPosture posture, CancellationToken cancellationToken = default)
    {
        var (steps, _) = await PrepareAsync(posture, _options, cancellationToken).ConfigureAwait(false);
        var drift = steps.Select(s => s.Change).Where(c => c.Action != ChangeAction.Unchanged).ToList();
        ReconcileLog.DriftDetected(_logger, drift.Count);
        return new PostureDriftReport(drift);
    }

    private async Task<(IReadOnlyList<PlannedStep> Steps, LiveState Live)> PrepareAsync(BackupPosture posture, PostureApplyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posture);
        cancellationToken.ThrowIfCancellationRequested();
        PostureValidator.ThrowIfInvalid(posture);

        var live = await new LiveStateReader(_client, _timeProvider).ReadAsync(posture, options, cancellationToken).ConfigureAwait(false);
        foreach (var planner in _kindPlanners)
        {
            await planner.ReadAsync(posture, options, live, cancellationToken).ConfigureAwait(false);
        }

        ReconcileLog.PostureRead(_logger, live.Vaults.Count, live.Plans.Count, posture.Vaults.Count, posture.Plans.Count);
        var steps = new ChangePlanner(_client, options, _kindPlanners).Plan(posture, live);
        ReconcileLog.PlanComputed(
            _logger,
            steps.Count(s => s.Change.IsWrite),
            steps.Count(s => s.Change.Action == ChangeAction.Unchanged),
            steps.Count(s => s.Change.Action == ChangeAction.Undeclared),
            steps.Count(s => s.Change.Action == ChangeAction.Blocked));
        return (steps, live);
    }
}
