using BackupKit.Building;
using BackupKit.Model;
using BackupKit.Rules;
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
/// restore testing alone (and needs no permission for it).</para>
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

    /// <summary>Creates an applier.</summary>
    /// <param name="client">The AWS Backup client of the account and Region to reconcile.</param>
    /// <param name="options">What may be deleted; <see langword="null"/> for the defaults (nothing undeclared is deleted).</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock (compliance lock dates), or <see langword="null"/> for the system clock.</param>
    public PostureApplier(IBackupClient client, PostureApplyOptions? options = null, ILogger<PostureApplier>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new PostureApplyOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Reads live state and returns the changes <see cref="ApplyAsync"/> would make, without writing anything.</summary>
    /// <param name="posture">The declared posture.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The change plan, in apply order.</returns>
    /// <exception cref="BackupPostureValidationException">The posture breaks AWS Backup rules.</exception>
    public async Task<PosturePlan> PlanAsync(BackupPosture posture, CancellationToken cancellationToken = default)
    {
        var steps = await PrepareAsync(posture, cancellationToken).ConfigureAwait(false);
        return new PosturePlan([.. steps.Select(s => s.Change)]);
    }

    /// <summary>
    /// Applies the posture: creates, updates and replaces what differs, in dependency order (vaults; their locks,
    /// policies and notifications; plans; selections; restore testing plans and their selections; then opted-in deletions). Applying the same posture again writes nothing.
    /// </summary>
    /// <param name="posture">The declared posture.</param>
    /// <param name="cancellationToken">Cancels the apply between (or during) calls; what was applied stays applied.</param>
    /// <returns>What was created, updated, replaced, deleted or left unchanged.</returns>
    /// <exception cref="BackupPostureValidationException">The posture breaks AWS Backup rules; nothing was written.</exception>
    /// <exception cref="PostureApplyException">
    /// A change failed (the exception lists what was applied before it and carries the cause), or some differences cannot
    /// be applied in place (<see cref="ChangeAction.Blocked"/>; nothing was written).
    /// </exception>
    public async Task<PostureApplyResult> ApplyAsync(BackupPosture posture, CancellationToken cancellationToken = default)
    {
        var live = new LiveStateHolder();
        var steps = await PrepareAsync(posture, cancellationToken, live).ConfigureAwait(false);
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

        var context = new ApplyContext(live.State!);
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
                throw new PostureApplyException(
                    completed,
                    step.Change,
                    remaining,
                    $"Applying {step.Change.Action} of {ChangeFormatter.Describe(step.Change)} failed: {ex.Message} Applied before the failure: {applied}. " +
                    $"{remaining.Count} change(s) were not attempted. Fix the cause and apply again; the apply continues from the live state.",
                    ex);
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
        var steps = await PrepareAsync(posture, cancellationToken).ConfigureAwait(false);
        var drift = steps.Select(s => s.Change).Where(c => c.Action != ChangeAction.Unchanged).ToList();
        ReconcileLog.DriftDetected(_logger, drift.Count);
        return new PostureDriftReport(drift);
    }

    private async Task<IReadOnlyList<PlannedStep>> PrepareAsync(BackupPosture posture, CancellationToken cancellationToken, LiveStateHolder? holder = null)
    {
        ArgumentNullException.ThrowIfNull(posture);
        cancellationToken.ThrowIfCancellationRequested();
        var violations = posture.Validate();
        if (violations.Any(v => v.Severity == RuleSeverity.Error))
        {
            throw new BackupPostureValidationException(violations);
        }

        var live = await new LiveStateReader(_client, _timeProvider).ReadAsync(posture, _options, cancellationToken).ConfigureAwait(false);
        ReconcileLog.PostureRead(_logger, live.Vaults.Count, live.Plans.Count, posture.Vaults.Count, posture.Plans.Count);
        if (holder is not null)
        {
            holder.State = live;
        }

        var steps = new ChangePlanner(_client, _options, _timeProvider).Plan(posture, live);
        ReconcileLog.PlanComputed(
            _logger,
            steps.Count(s => s.Change.IsWrite),
            steps.Count(s => s.Change.Action == ChangeAction.Unchanged),
            steps.Count(s => s.Change.Action == ChangeAction.Undeclared),
            steps.Count(s => s.Change.Action == ChangeAction.Blocked));
        return steps;
    }

    private sealed class LiveStateHolder
    {
        public LiveState? State { get; set; }
    }
}
