using Polly;

namespace BackupKit.Resilience;

/// <summary>What the pipeline records about one logical call across its attempts.</summary>
internal class CallTracker
{
    protected CallTracker(string operationName, int maxAttempts)
    {
        OperationName = operationName;
        MaxAttempts = maxAttempts;
    }

    /// <summary>The model's operation name.</summary>
    public string OperationName { get; }

    /// <summary>The most attempts the call may make.</summary>
    public int MaxAttempts { get; }

    /// <summary>Attempts started so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Quota tokens the latest retry took (0 before any retry).</summary>
    public int LastRetryCost { get; set; }

    /// <summary>Why the latest retry was made.</summary>
    public RetryKind LastRetryKind { get; set; }

    /// <summary>Whether a retry was refused because the endpoint's retry quota was empty.</summary>
    public bool QuotaExhausted { get; set; }

    /// <summary>
    /// The exception of the latest attempt that hit <see cref="BackupResilienceOptions.AttemptTimeout"/>, so that a
    /// timeout is told apart from the total timeout by what raised it rather than by its length (the two can be equal).
    /// </summary>
    public Exception? AttemptTimeoutError { get; set; }

    /// <summary>When the call started (<see cref="TimeProvider.GetTimestamp"/>); the total timeout counts from here.</summary>
    public long StartedAt { get; set; }

    /// <summary>
    /// The first attempt's outcome, made outside the retry pipeline, until the retry pipeline takes it as its own first
    /// attempt (so that quota, backoff and the attempt count see it exactly once).
    /// </summary>
    public Outcome<AttemptResult>? FirstOutcome { get; set; }
}
