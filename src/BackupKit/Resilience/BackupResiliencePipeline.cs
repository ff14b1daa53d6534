using BackupKit.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace BackupKit.Resilience;

/// <summary>
/// The Polly pipelines that own retries for a client, in two parts so that a call that succeeds at once pays for no
/// retry or timeout machinery: <see cref="Breaker"/> (the endpoint's circuit breaker) sees every attempt, each with its own
/// attempt timeout (<see cref="AttemptCancellation"/>); <see cref="Retries"/> (total timeout, then retry in AWS standard
/// mode with the endpoint's retry quota) is entered only when the first attempt's outcome is worth a retry, takes that
/// outcome as its own first attempt, and is then the only layer that retries. The order of the one pipeline this
/// replaces is kept: total timeout, retry, circuit breaker, attempt timeout. Callbacks are static or created once per
/// client, and failures travel as outcomes, so the success path allocates nothing here.
/// </summary>
internal sealed class BackupResiliencePipeline
{
    /// <summary>Where the pipeline finds the call's tracker in the <see cref="ResilienceContext"/>.</summary>
    public static readonly ResiliencePropertyKey<CallTracker> CallKey = new("BackupKit.Call");

    private static readonly TimeSpan MinimumRemaining = TimeSpan.FromMilliseconds(1);

    private readonly BackupResilienceOptions _options;
    private readonly ILogger _logger;
    private readonly string _endpointName;
    private readonly BackupKitMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly CircuitBreakerStateProvider _circuit = new();

    public BackupResiliencePipeline(
        BackupResilienceOptions options, RetryQuota quota, TimeProvider timeProvider, ILogger logger, BackupKitMetrics metrics, string endpointName)
    {
        _options = options;
        _metrics = metrics;
        Quota = quota;
        _logger = logger;
        _endpointName = endpointName;
        _timeProvider = timeProvider;
        TotalTimeout = options.TotalTimeout;
        AttemptTimeout = options.AttemptTimeout < options.TotalTimeout ? options.AttemptTimeout : options.TotalTimeout;
        MaxAttempts = options.MaxAttempts;

        Breaker = new ResiliencePipelineBuilder<AttemptResult> { Name = "BackupKit.Attempt", TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResult>
            {
                Name = "BackupKit.CircuitBreaker",
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = static args => new ValueTask<bool>(RetryClassifier.IsEndpointFailure(args.Outcome, args.Context.CancellationToken)),
                OnOpened = OnOpened,
                OnClosed = OnClosed,
                StateProvider = _circuit,
            })
            .Build();

        // The first attempt ran before this pipeline is entered: the total timeout gets what is left of the call's time.
        var builder = new ResiliencePipelineBuilder<AttemptResult> { Name = "BackupKit", TimeProvider = timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "BackupKit.TotalTimeout", TimeoutGenerator = RemainingTotal });
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                Name = "BackupKit.Retry",
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = ShouldRetry,
                DelayGenerator = GetDelay,
                OnRetry = OnRetry,
            });
        }

        Retries = builder.Build();
    }

    /// <summary>
    /// The endpoint's circuit breaker: attempts run inside it while the circuit is not closed; while it is closed, a first
    /// attempt is sent first and its outcome recorded in it (<see cref="RecordClosedCircuitOutcome"/>). Either way every
    /// attempt's outcome is counted once.
    /// </summary>
    public ResiliencePipeline<AttemptResult> Breaker { get; }

    /// <summary>Total timeout and retry, for calls whose first attempt failed in a way worth another attempt.</summary>
    public ResiliencePipeline<AttemptResult> Retries { get; }

    /// <summary>The time limit of one attempt (never more than <see cref="TotalTimeout"/>).</summary>
    public TimeSpan AttemptTimeout { get; }

    /// <summary>The time limit of a whole call.</summary>
    public TimeSpan TotalTimeout { get; }

    /// <summary>Attempts per call, the first one included.</summary>
    public int MaxAttempts { get; }

    /// <summary>
    /// Whether the endpoint's circuit is closed. While it is, the circuit breaker lets every attempt through without
    /// doing anything before it, so an attempt may be sent first and its outcome recorded afterwards with
    /// <see cref="RecordClosedCircuitOutcome"/>, which completes synchronously (no asynchronous breaker around the send).
    /// </summary>
    public bool IsCircuitClosed => _circuit.CircuitState == CircuitState.Closed;

    /// <summary>
    /// Records an attempt's outcome in the circuit breaker (the attempt was sent while <see cref="IsCircuitClosed"/>) and
    /// returns it. When the circuit opened meanwhile the breaker refuses the record; the attempt was still made, so its
    /// outcome stands, as it does for an attempt in flight through the breaker when the circuit opens. (When the circuit
    /// opened and its break already ran out during the attempt, this record is the half-open trial: a fresh answer of the
    /// endpoint, so it decides as a trial call would.)
    /// </summary>
    public ValueTask<Outcome<AttemptResult>> RecordClosedCircuitOutcome(ResilienceContext context, Outcome<AttemptResult> outcome)
    {
        var recorded = Breaker.ExecuteOutcomeAsync(static (_, attempt) => new ValueTask<Outcome<AttemptResult>>(attempt), context, outcome);
        return recorded.IsCompletedSuccessfully
            ? new ValueTask<Outcome<AttemptResult>>(KeepAttempt(recorded.Result, outcome))
            : AwaitRecord(recorded, outcome);

        static async ValueTask<Outcome<AttemptResult>> AwaitRecord(ValueTask<Outcome<AttemptResult>> pending, Outcome<AttemptResult> attempt) =>
            KeepAttempt(await pending.ConfigureAwait(false), attempt);

        static Outcome<AttemptResult> KeepAttempt(Outcome<AttemptResult> recorded, Outcome<AttemptResult> attempt) =>
            recorded.Exception is BrokenCircuitException or IsolatedCircuitException ? attempt : recorded;
    }

    /// <summary>
    /// Whether the first attempt's outcome sends the call into <see cref="Retries"/>: it is a kind of failure AWS's
    /// standard mode retries and the call may make more attempts. Quota and cancellation are decided there.
    /// </summary>
    public bool ShouldEnterRetries(in Outcome<AttemptResult> firstOutcome, CancellationToken callToken) =>
        MaxAttempts > 1 && RetryClassifier.Classify(firstOutcome, callToken) != RetryKind.None;

    /// <summary>The endpoint's retry quota.</summary>
    public RetryQuota Quota { get; }

    /// <summary>Refills the quota after a successful call: a successful retry returns its cost, a first-time success a small refund.</summary>
    public void OnCallSucceeded(CallTracker call) =>
        Quota.Release(call.LastRetryCost > 0 ? call.LastRetryCost : _options.SuccessRefund);

    private ValueTask<TimeSpan> RemainingTotal(TimeoutGeneratorArguments args)
    {
        var call = args.Context.Properties.GetValue(CallKey, null!);
        var remaining = TotalTimeout - _timeProvider.GetElapsedTime(call.StartedAt);
        return new ValueTask<TimeSpan>(remaining > MinimumRemaining ? remaining : MinimumRemaining);
    }

    private ValueTask<bool> ShouldRetry(RetryPredicateArguments<AttemptResult> args)
    {
        var token = args.Context.CancellationToken;
        var kind = RetryClassifier.Classify(args.Outcome, token);
        if (kind == RetryKind.None || token.IsCancellationRequested || args.AttemptNumber >= _options.MaxAttempts - 1)
        {
            return new ValueTask<bool>(false);
        }

        var call = args.Context.Properties.GetValue(CallKey, null!);
        if (kind == RetryKind.ClockSkew)
        {
            // As the AWS SDKs do: re-signing with the corrected clock is not a retry of a failing service.
            call.LastRetryKind = kind;
            return new ValueTask<bool>(true);
        }

        var cost = kind == RetryKind.Throttling ? _options.ThrottlingRetryCost : _options.TransientRetryCost;
        if (!Quota.TryAcquire(cost))
        {
            call.QuotaExhausted = true;
            Log.RetryQuotaExhausted(_logger, call.OperationName, kind, _endpointName, Quota.Available, cost);
            return new ValueTask<bool>(false);
        }

        call.LastRetryCost = cost;
        call.LastRetryKind = kind;
        return new ValueTask<bool>(true);
    }

    private ValueTask<TimeSpan?> GetDelay(RetryDelayGeneratorArguments<AttemptResult> args)
    {
        var call = args.Context.Properties.GetValue(CallKey, null!);
        if (call.LastRetryKind == RetryKind.ClockSkew)
        {
            return new ValueTask<TimeSpan?>(TimeSpan.Zero);
        }

        var retryAfter = args.Outcome.Result?.RetryAfter;
        return new ValueTask<TimeSpan?>(RetryDelay.Compute(_options, call.LastRetryKind, args.AttemptNumber, retryAfter, Random.Shared.NextDouble()));
    }

    private ValueTask OnRetry(OnRetryArguments<AttemptResult> args)
    {
        var call = args.Context.Properties.GetValue(CallKey, null!);
        var reason = args.Outcome.Exception?.GetType().Name ?? args.Outcome.Result?.ErrorCode ?? $"HTTP {args.Outcome.Result?.StatusCode}";
        Log.RetryScheduled(_logger, call.OperationName, args.AttemptNumber + 2, call.MaxAttempts, args.RetryDelay.TotalMilliseconds, reason, call.LastRetryKind);
        _metrics.RecordRetry(call.OperationName, call.LastRetryKind);
        return default;
    }

    private ValueTask OnOpened(OnCircuitOpenedArguments<AttemptResult> args)
    {
        Log.CircuitOpened(_logger, _endpointName, args.BreakDuration.TotalMilliseconds);
        return default;
    }

    private ValueTask OnClosed(OnCircuitClosedArguments<AttemptResult> args)
    {
        Log.CircuitClosed(_logger, _endpointName);
        return default;
    }
}
