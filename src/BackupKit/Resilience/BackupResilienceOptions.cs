namespace BackupKit.Resilience;

/// <summary>
/// How the AWS Backup client retries, times out and stops calling a failing endpoint. The defaults follow the AWS SDKs'
/// standard retry mode with the 2026 "Retries 2.1" numbers: 3 attempts, full-jitter exponential backoff from 50 ms for
/// transient faults and from 1 s for throttling, capped at 20 s, and a 500-token retry quota shared by every client of
/// one endpoint. BackupKit's pipeline is the only retry layer: nothing underneath retries again.
/// </summary>
public sealed class BackupResilienceOptions
{
    /// <summary>Attempts per call, the first one included.</summary>
    /// <value>The default value is 3. Allowed: 1 to 10.</value>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Base of the exponential backoff after a throttling error (<c>ThrottlingException</c> and friends).</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan ThrottlingBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Base of the exponential backoff after a transient fault (HTTP 500/502/503/504, network error, attempt timeout).</summary>
    /// <value>The default value is 50 milliseconds.</value>
    public TimeSpan TransientBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Upper bound of the backoff before jitter is applied.</summary>
    /// <value>The default value is 20 seconds.</value>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How far beyond the computed backoff an <c>x-amz-retry-after</c> hint from the service may push the delay.
    /// The delay is the hint clamped to [computed, computed + this value].
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan MaxRetryAfterExtension { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Size of the retry quota (token bucket) shared by all clients of one endpoint in the process.</summary>
    /// <value>The default value is 500. The first client created for an endpoint sets the size.</value>
    public int RetryQuotaCapacity { get; set; } = 500;

    /// <summary>Tokens a retry after a throttling error takes from the quota.</summary>
    /// <value>The default value is 5.</value>
    public int ThrottlingRetryCost { get; set; } = 5;

    /// <summary>Tokens a retry after a transient fault takes from the quota.</summary>
    /// <value>The default value is 14.</value>
    public int TransientRetryCost { get; set; } = 14;

    /// <summary>Tokens a call that succeeded at the first attempt gives back to the quota (a successful retry gives back its cost).</summary>
    /// <value>The default value is 1.</value>
    public int SuccessRefund { get; set; } = 1;

    /// <summary>Time limit of one attempt (send and read the whole answer); an attempt that runs over is retried as a transient fault.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time limit of a whole call, retries and delays included.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether the endpoint's circuit breaker is on. It counts logical calls (one outcome per call, after its retries),
    /// is shared by every client of one endpoint and Region in the process, and while open fails calls at once with
    /// <see cref="Polly.CircuitBreaker.BrokenCircuitException"/> instead of sending them. Set to <see langword="false"/>
    /// for AWS standard retry mode alone.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CircuitBreakerEnabled { get; set; } = true;

    /// <summary>
    /// Share of logical calls that failed with a transient fault of the endpoint (5xx, no answer, timeout) after their
    /// retries, within <see cref="CircuitBreakerSamplingDuration"/>, that opens the circuit. Throttling and client errors
    /// do not count. The default leaves a wide margin above what standard retry mode lets through under heavy transient
    /// faults (about 14 % of calls fail with 30 % of connections dropped, see docs/guarantees.md), so the breaker opens
    /// only when most calls fail anyway.
    /// </summary>
    /// <value>The default value is 0.5. Allowed: greater than 0, at most 1.</value>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Logical calls that must be seen within the sampling duration before the circuit may open.</summary>
    /// <value>The default value is 20. Allowed: 2 or more.</value>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>Window over which the failure ratio is measured.</summary>
    /// <value>The default value is 30 seconds. Must be at least twice <see cref="AttemptTimeout"/>.</value>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open (calls fail at once) before one trial call is let through.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
