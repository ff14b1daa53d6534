using System.Diagnostics;
using System.Diagnostics.Metrics;
using BackupKit.Verification.History;
using BackupKit.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupKit.Verification.RestoreTesting;

/// <summary>
/// Validates AWS Backup's scheduled restore tests: finds completed restore jobs of restore testing plans still waiting
/// for validation, runs the matching validators on the restored resource, checks the targets, and calls
/// <c>PutRestoreValidationResult</c> before the validation window ends. Use it as a hosted service
/// (<see cref="RestoreTestingValidationService"/>), or one-shot from a Lambda or an EventBridge
/// <c>Restore Job State Change</c> rule (<see cref="HandleEventAsync"/>).
/// </summary>
public sealed class RestoreTestingValidationHandler
{
    private const int MaxMessageLength = 1000;

    private readonly IBackupClient _client;
    private readonly RestoreTestingValidationOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IRestoreHistoryStore? _history;
    private readonly VerificationTelemetry _telemetry;

    /// <summary>Creates a handler.</summary>
    /// <param name="client">The client of the account and Region whose restore tests are validated.</param>
    /// <param name="options">Validators, plans and timings; checked here.</param>
    /// <param name="logger">Where to log, or <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system clock.</param>
    /// <param name="history">Where to record results, or <see langword="null"/>.</param>
    /// <param name="meterFactory">The host's meter factory, or <see langword="null"/>.</param>
    public RestoreTestingValidationHandler(
        IBackupClient client,
        RestoreTestingValidationOptions options,
        ILogger<RestoreTestingValidationHandler>? logger = null,
        TimeProvider? timeProvider = null,
        IRestoreHistoryStore? history = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _history = history;
        _telemetry = VerificationTelemetry.For(meterFactory);
    }

    /// <summary>Finds every completed restore test job still waiting for validation and validates it.</summary>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>What was done with each job found.</returns>
    public async Task<IReadOnlyList<RestoreTestValidation>> ValidatePendingAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var plans = await PlanNamesAsync(cancellationToken).ConfigureAwait(false);
        var waiting = new List<string>();
        var input = new ListRestoreJobsInput { ByStatus = RestoreJobStatus.COMPLETED, ByCompleteAfter = now - _options.LookBack };
        await foreach (var job in _client.PaginateListRestoreJobs(input, cancellationToken).ConfigureAwait(false))
        {
            if (job.RestoreJobId is { } id && job.CreatedBy?.RestoreTestingPlanArn is { } plan && plans.ContainsKey(plan)
                && IsWaiting(job.ValidationStatus, job.DeletionStatus))
            {
                waiting.Add(id);
            }
        }

        var results = new RestoreTestValidation[waiting.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, waiting.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await ValidateCoreAsync(waiting[i], plans, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// Handles an EventBridge <c>Restore Job State Change</c> event (a Lambda's input): validates the job when it
    /// COMPLETED and belongs to one of the plans; returns <see langword="null"/> for other events.
    /// </summary>
    /// <param name="eventJson">The whole event.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was done, or <see langword="null"/> when the event is not for this handler.</returns>
    public async Task<RestoreTestValidation?> HandleEventAsync(string eventJson, CancellationToken cancellationToken = default)
    {
        var change = RestoreJobStateChangeEvent.Parse(eventJson);
        if (change.Status != RestoreJobStatus.COMPLETED.Value || change.RestoreTestingPlanArn is null)
        {
            return null;
        }

        var plans = await PlanNamesAsync(cancellationToken).ConfigureAwait(false);
        return plans.ContainsKey(change.RestoreTestingPlanArn) ? await ValidateCoreAsync(change.RestoreJobId, plans, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Validates one restore test job (the event's details are re-read from AWS, never trusted).</summary>
    /// <param name="restoreJobId">The restore job id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was done.</returns>
    public async Task<RestoreTestValidation> ValidateJobAsync(string restoreJobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(restoreJobId);
        var plans = await PlanNamesAsync(cancellationToken).ConfigureAwait(false);
        return await ValidateCoreAsync(restoreJobId, plans, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsWaiting(RestoreValidationStatus? validation, RestoreDeletionStatus? deletion) =>
        (validation is null || validation == RestoreValidationStatus.VALIDATING) && deletion is null;

    private async Task<Dictionary<string, string>> PlanNamesAsync(CancellationToken cancellationToken)
    {
        var plans = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var plan in _client.PaginateListRestoreTestingPlans(new ListRestoreTestingPlansInput(), cancellationToken).ConfigureAwait(false))
        {
            if (plan.RestoreTestingPlanArn is { } arn && plan.RestoreTestingPlanName is { } name
                && (_options.RestoreTestingPlanNames.Count == 0 || _options.RestoreTestingPlanNames.Contains(name)))
            {
                plans[arn] = name;
            }
        }

        return plans;
    }

    private async Task<RestoreTestValidation> ValidateCoreAsync(string restoreJobId, Dictionary<string, string> plans, CancellationToken cancellationToken)
    {
        using var activity = VerificationTelemetry.Source.StartActivity(VerificationTelemetry.RestoreTestingActivity);
        activity?.SetTag("backupkit.restore_job.id", restoreJobId);
        var job = await _client.DescribeRestoreJobAsync(new DescribeRestoreJobInput { RestoreJobId = restoreJobId }, cancellationToken).ConfigureAwait(false);
        var planArn = job.CreatedBy?.RestoreTestingPlanArn;
        var resourceArn = job.SourceResourceArn ?? "?";
        var type = job.ResourceType ?? "?";
        RestoreTestValidation NotReported(string message) => new()
        {
            RestoreJobId = restoreJobId,
            RestoreTestingPlanArn = planArn ?? "-",
            ResourceArn = resourceArn,
            ResourceType = type,
            RestoredResourceArn = job.CreatedResourceArn,
            Message = message,
        };

        if (planArn is null || !plans.TryGetValue(planArn, out var planName))
        {
            return NotReported(planArn is null ? "Not a restore testing job." : $"Restore testing plan {planArn} is not one this handler validates.");
        }

        if (job.Status != RestoreJobStatus.COMPLETED || job.CreatedResourceArn is null || job.CompletionDate is not { } completed)
        {
            return NotReported($"The job is {job.Status?.Value}, not COMPLETED with a restored resource; nothing to validate.");
        }

        if (!IsWaiting(job.ValidationStatus, job.DeletionStatus))
        {
            return NotReported($"The job is not waiting for validation (validation {job.ValidationStatus?.Value ?? "none"}, deletion {job.DeletionStatus?.Value ?? "none"}).");
        }

        var hours = await ValidationWindowHoursAsync(planName, type, cancellationToken).ConfigureAwait(false);
        if (hours is not > 0)
        {
            return NotReported($"The {type} selection of plan {planName} has no validation window, so AWS deletes the restored resource at once; set ValidationWindowHours to validate it.");
        }

        var windowEnd = completed + TimeSpan.FromHours(hours.Value);
        var deadline = windowEnd - _options.SafetyMargin;
        if (_timeProvider.GetUtcNow() >= deadline)
        {
            VerificationLog.RestoreTestWindowMissed(_logger, restoreJobId, resourceArn, windowEnd);
            return NotReported($"The validation window ended at {windowEnd:u} (less the {BackupKit.Rules.DurationText.Format(_options.SafetyMargin)} safety margin) before the job could be validated.") with { ValidationWindowEnd = windowEnd };
        }

        var context = new RestoreValidationContext
        {
            SourceResourceArn = resourceArn,
            RestoredResourceArn = job.CreatedResourceArn,
            ResourceType = type,
            RecoveryPointArn = job.RecoveryPointArn ?? "?",
            RecoveryPointCreationDate = job.RecoveryPointCreationDate,
            BackupVaultArn = job.BackupVaultArn,
            RestoreJobId = restoreJobId,
            Metadata = await RestoreMetadataAsync(restoreJobId, cancellationToken).ConfigureAwait(false),
            Tags = await TagsAsync(job.RecoveryPointArn, cancellationToken).ConfigureAwait(false),
        };

        var failures = new List<string>();
        var validations = new List<ValidatorReport>();
        var started = _timeProvider.GetTimestamp();
        var matching = _options.Validators.Where(v => v.Scope.Matches(resourceArn, type, context.Tags)).ToList();
        foreach (var registration in matching)
        {
            var left = deadline - _timeProvider.GetUtcNow();
            var timeout = registration.Timeout ?? _options.ValidatorTimeout;
            var report = left <= TimeSpan.Zero
                ? new ValidatorReport(registration.Name, ValidatorOutcome.TimedOut, "not run: the validation window is ending", TimeSpan.Zero, new Dictionary<string, double>())
                : await ValidatorRunner.RunAsync(registration, context, timeout < left ? timeout : left, _timeProvider, cancellationToken).ConfigureAwait(false);
            validations.Add(report);
            _telemetry.RecordValidation(type, registration.Name, report.Outcome);
            if (report.Outcome != ValidatorOutcome.Passed)
            {
                failures.Add($"{registration.Name} {VerificationTelemetry.OutcomeName(report.Outcome).Replace('_', ' ')}: {report.Message}");
            }
        }

        var validationDuration = _timeProvider.GetElapsedTime(started);
        _telemetry.RecordValidationDuration(type, validationDuration);
        if (matching.Count == 0)
        {
            if (!_options.RequireValidation)
            {
                return NotReported($"No validator applies to this {type} resource; left for another validator.") with { ValidationWindowEnd = windowEnd };
            }

            failures.Add($"No validator applies to this {type} resource, so the restore is unverified.");
        }

        var restoreDuration = job.CreationDate is { } created ? completed - created : (TimeSpan?)null;
        var pointAge = job.CreationDate - job.RecoveryPointCreationDate;
        var targets = new List<TargetVerdict>();
        foreach (var target in _options.Targets.Where(t => t.Scope.Matches(resourceArn, type, context.Tags)))
        {
            Check(RecoveryMeasure.RestoreDuration, target.MaxRestoreDuration, restoreDuration, target);
            Check(RecoveryMeasure.RecoveryTime, target.MaxRecoveryTime, restoreDuration + validationDuration, target);
            Check(RecoveryMeasure.RecoveryPointAge, target.MaxRecoveryPointAge, pointAge, target);
        }

        var passed = failures.Count == 0;
        var status = passed ? RestoreValidationStatus.SUCCESSFUL : RestoreValidationStatus.FAILED;
        var message = passed
            ? $"BackupKit: {string.Join("; ", validations.Select(v => $"{v.Name}: {v.Message}"))}"
            : $"BackupKit: {string.Join("; ", failures)}";
        if (message.Length > MaxMessageLength)
        {
            message = message[..(MaxMessageLength - 1)] + "…";
        }

        await _client.PutRestoreValidationResultAsync(
            new PutRestoreValidationResultInput { RestoreJobId = restoreJobId, ValidationStatus = status, ValidationStatusMessage = message },
            cancellationToken).ConfigureAwait(false);
        VerificationLog.RestoreTestValidated(_logger, restoreJobId, resourceArn, status.Value, message);
        activity?.SetTag("backupkit.validation.status", status.Value);
        activity?.SetStatus(passed ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        if (restoreDuration is { } rd)
        {
            _telemetry.RecordRestore(type, rd, succeeded: true);
        }

        if (_history is not null)
        {
            await _history.AppendAsync(
                [
                    new RestoreHistoryEntry
                    {
                        RunId = restoreJobId,
                        DrillName = "restore-testing:" + planName,
                        ResourceArn = resourceArn,
                        ResourceType = type,
                        VerifiedAt = _timeProvider.GetUtcNow(),
                        Passed = passed,
                        RecoveryPointArn = job.RecoveryPointArn,
                        RecoveryPointCreatedAt = job.RecoveryPointCreationDate,
                        RestoreDuration = restoreDuration,
                        RecoveryTime = restoreDuration + validationDuration,
                    },
                ],
                CancellationToken.None).ConfigureAwait(false);
        }

        return new RestoreTestValidation
        {
            RestoreJobId = restoreJobId,
            RestoreTestingPlanArn = planArn,
            ResourceArn = resourceArn,
            ResourceType = type,
            RestoredResourceArn = job.CreatedResourceArn,
            ValidationStatus = status.Value,
            Message = message,
            Reported = true,
            ValidationWindowEnd = windowEnd,
            RestoreDuration = restoreDuration,
            ValidationDuration = validationDuration,
            RecoveryPointAge = pointAge,
            Validations = validations,
            Targets = targets,
        };

        void Check(RecoveryMeasure measure, TimeSpan? limit, TimeSpan? actual, RecoveryTarget target)
        {
            if (limit is not { } l)
            {
                return;
            }

            var met = actual is { } a && a <= l;
            targets.Add(new TargetVerdict(measure, target.Scope.ToString(), l, actual, met));
            if (!met)
            {
                failures.Add($"{measure} target of {target.Scope} missed: {RestoreDrillRunner.Format(actual)} measured, {RestoreDrillRunner.Format(l)} allowed");
            }
        }
    }

    private async Task<int?> ValidationWindowHoursAsync(string planName, string resourceType, CancellationToken cancellationToken)
    {
        await foreach (var selection in _client.PaginateListRestoreTestingSelections(new ListRestoreTestingSelectionsInput { RestoreTestingPlanName = planName }, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(selection.ProtectedResourceType, resourceType, StringComparison.OrdinalIgnoreCase))
            {
                return selection.ValidationWindowHours;
            }
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<string, string>> RestoreMetadataAsync(string restoreJobId, CancellationToken cancellationToken)
    {
        try
        {
            var output = await _client.GetRestoreJobMetadataAsync(new GetRestoreJobMetadataInput { RestoreJobId = restoreJobId }, cancellationToken).ConfigureAwait(false);
            return output.Metadata ?? [];
        }
        catch (BackupServiceException)
        {
            // Metadata helps validators but is not needed to validate; a missing one is not a failure of the restore.
            return new Dictionary<string, string>();
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> TagsAsync(string? recoveryPointArn, CancellationToken cancellationToken)
    {
        if (recoveryPointArn is null || !_options.Validators.Any(v => v.Scope.Kind == ResourceScopeKind.Tag) && !_options.Targets.Any(t => t.Scope.Kind == ResourceScopeKind.Tag))
        {
            return new Dictionary<string, string>();
        }

        var output = await _client.ListTagsAsync(new ListTagsInput { ResourceArn = recoveryPointArn }, cancellationToken).ConfigureAwait(false);
        return output.Tags ?? [];
    }
}
