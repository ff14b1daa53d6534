using BackupKit.Wire;

namespace BackupKit.Verification;

/// <summary>
/// A started AWS Backup restore job as a long-running operation: start it once (idempotent by its token), then
/// <see cref="WaitForCompletionAsync"/> polls <c>DescribeRestoreJob</c> with backoff until the job is COMPLETED,
/// FAILED or ABORTED, the deadline passes, or the wait is cancelled. Cancelling the wait does not stop the job:
/// AWS Backup cannot stop a restore job.
/// </summary>
public sealed class RestoreJobOperation
{
    private readonly IBackupClient _client;
    private readonly RestoreJobPolling _polling;
    private readonly TimeProvider _timeProvider;
    private readonly long _startedTimestamp;

    private RestoreJobOperation(IBackupClient client, string restoreJobId, RestoreJobPolling polling, TimeProvider timeProvider)
    {
        _client = client;
        RestoreJobId = restoreJobId;
        _polling = polling;
        _timeProvider = timeProvider;
        _startedTimestamp = timeProvider.GetTimestamp();
    }

    /// <summary>Gets the restore job id.</summary>
    public string RestoreJobId { get; }

    /// <summary>Gets the last state read from AWS, or <see langword="null"/> before the first poll.</summary>
    public DescribeRestoreJobOutput? LastStatus { get; private set; }

    /// <summary>Gets whether the job has ended (COMPLETED, FAILED or ABORTED) as of the last poll.</summary>
    public bool HasCompleted => LastStatus?.Status is { } status && IsFinal(status);

    /// <summary>Starts a restore job. Pass an <c>IdempotencyToken</c> so that a retried start does not restore twice.</summary>
    /// <param name="client">The client of the account and Region that hold the recovery point.</param>
    /// <param name="input">The restore: recovery point, metadata, role, token.</param>
    /// <param name="polling">How to wait, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for the deadline and the default pauses, or <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Cancels the start call.</param>
    /// <returns>The operation.</returns>
    public static async Task<RestoreJobOperation> StartAsync(
        IBackupClient client,
        StartRestoreJobInput input,
        RestoreJobPolling? polling = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        polling ??= new RestoreJobPolling();
        polling.Validate();
        var output = await client.StartRestoreJobAsync(input, cancellationToken).ConfigureAwait(false);
        var id = output.RestoreJobId ?? throw new InvalidOperationException("StartRestoreJob answered without a RestoreJobId.");
        return new RestoreJobOperation(client, id, polling, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Resumes waiting for a restore job started elsewhere.</summary>
    /// <param name="client">The client of the job's account and Region.</param>
    /// <param name="restoreJobId">The restore job id.</param>
    /// <param name="polling">How to wait, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system clock.</param>
    /// <returns>The operation.</returns>
    public static RestoreJobOperation Resume(IBackupClient client, string restoreJobId, RestoreJobPolling? polling = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(restoreJobId);
        polling ??= new RestoreJobPolling();
        polling.Validate();
        return new RestoreJobOperation(client, restoreJobId, polling, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Reads the job's state once.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job as AWS describes it.</returns>
    public async Task<DescribeRestoreJobOutput> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        LastStatus = await _client.DescribeRestoreJobAsync(new DescribeRestoreJobInput { RestoreJobId = RestoreJobId }, cancellationToken).ConfigureAwait(false);
        return LastStatus;
    }

    /// <summary>Polls until the job ends and returns how it ended (a FAILED job is a result, not an exception).</summary>
    /// <param name="cancellationToken">Stops waiting (the job goes on).</param>
    /// <returns>The job's final state.</returns>
    /// <exception cref="TimeoutException">The job did not end before <see cref="RestoreJobPolling.Deadline"/>.</exception>
    public async Task<RestoreJobOutcome> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        var interval = _polling.InitialInterval;
        while (true)
        {
            var status = await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            if (status.Status is { } state && IsFinal(state))
            {
                return new RestoreJobOutcome(status);
            }

            var elapsed = _timeProvider.GetElapsedTime(_startedTimestamp);
            if (elapsed >= _polling.Deadline)
            {
                throw new TimeoutException(
                    $"Restore job {RestoreJobId} is still {status.Status?.Value ?? "unknown"} after {elapsed}, past its deadline of {_polling.Deadline}. " +
                    "The job goes on in AWS Backup; raise RestoreJobPolling.Deadline if restores of this size take longer.");
            }

            var pause = interval < _polling.Deadline - elapsed ? interval : _polling.Deadline - elapsed;
            await _polling.DelayAsync(pause, _timeProvider, cancellationToken).ConfigureAwait(false);
            interval = _polling.Next(interval);
        }
    }

    private static bool IsFinal(RestoreJobStatus status) =>
        status == RestoreJobStatus.COMPLETED || status == RestoreJobStatus.FAILED || status == RestoreJobStatus.ABORTED;
}

/// <summary>How a restore job ended.</summary>
public sealed class RestoreJobOutcome
{
    internal RestoreJobOutcome(DescribeRestoreJobOutput job) => Job = job;

    /// <summary>Gets the job as AWS last described it.</summary>
    public DescribeRestoreJobOutput Job { get; }

    /// <summary>Gets whether the job COMPLETED.</summary>
    public bool Succeeded => Job.Status == RestoreJobStatus.COMPLETED;

    /// <summary>Gets the ARN of the restored resource (when completed).</summary>
    public string? CreatedResourceArn => Job.CreatedResourceArn;

    /// <summary>Gets the restore duration AWS reports: created to completed.</summary>
    public TimeSpan? Duration => Job.CompletionDate is { } done && Job.CreationDate is { } created ? done - created : null;
}
