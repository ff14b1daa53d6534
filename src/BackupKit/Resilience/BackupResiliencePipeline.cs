using BackupKit.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BackupKit.Resilience;

/// <summary>
/// The Polly pipelines that own retries for a client, in two parts so that a call that succeeds at once pays for no
/// retry or timeout machinery. A call's first attempt is sent with only its own attempt timeout
/// (<see cref="AttemptCancellation"/>); <see cref="Retries"/> (total timeout, then retry in AWS standard mode with the
/// endpoint's retry quota) is entered only when that outcome is worth a retry, takes it as its own first attempt, and
/// is then the only layer that retries. <see cref="Circuit"/>, the endpoint's circuit breaker, sits around the whole
/// logical call and sees one outcome per call, after its retries. Callbacks are static or created once per client, and
/// failures travel as outcomes, so the success path allocates nothing here.
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

    public BackupResiliencePipeline(
        BackupResilienceOptions options, RetryQuota quota, EndpointCircuit? circuit, TimeProvider timeProvider, ILogger logger, BackupKitMetrics metrics, string endpointName)
    {
        _options = options;
        _metrics = metrics;
        Quota = quota;
        Circuit = circuit;
        _logger = logger;
        _endpointName = endpointName;
        _timeProvider = timeProvider;
        TotalTimeout = options.TotalTimeout;
        AttemptTimeout = options.AttemptTimeout < options.TotalTimeout ? options.AttemptTimeout : options.TotalTimeout;
        MaxAttempts = options.MaxAttempts;

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
    /// The circuit breaker of the client's endpoint and Region (shared with every client of that pair), counting logical
    /// calls; <see langword="null"/> when <see cref="BackupResilienceOptions.CircuitBreakerEnabled"/> is off.
    /// </summary>
    public EndpointCircuit? Circuit { get; }

    /// <summary>Total timeout and retry, for calls whose first attempt failed in a way worth another attempt.</summary>
    public ResiliencePipeline<AttemptResult> Retries { get; }

    /// <summary>The time limit of one attempt (never more than <see cref="TotalTimeout"/>).</summary>
    public TimeSpan AttemptTimeout { get; }

    /// <summary>The time limit of a whole call.</summary>
    public TimeSpan TotalTimeout { get; }

    /// <summary>Attempts per call, the first one included.</summary>
    public int MaxAttempts { get; }

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
            ResilienceLog.RetryQuotaExhausted(_logger, call.OperationName, kind, _endpointName, Quota.Available, cost);
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
        ResilienceLog.RetryScheduled(_logger, call.OperationName, args.AttemptNumber + 2, call.MaxAttempts, args.RetryDelay.TotalMilliseconds, reason, call.LastRetryKind);
        _metrics.RecordRetry(call.OperationName, call.LastRetryKind);
        return default;
    }
}
