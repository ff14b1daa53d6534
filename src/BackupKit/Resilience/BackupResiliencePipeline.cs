using BackupKit.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace BackupKit.Resilience;

/// <summary>
/// The one Polly pipeline that owns retries for a client: total timeout, then retry (AWS standard mode with the
/// endpoint's retry quota), then the endpoint's circuit breaker, then the per-attempt timeout. Callbacks are static or
/// created once per client, and failures travel as outcomes, so the success path allocates nothing here.
/// </summary>
internal sealed class BackupResiliencePipeline
{
    /// <summary>Where the pipeline finds the call's tracker in the <see cref="ResilienceContext"/>.</summary>
    public static readonly ResiliencePropertyKey<CallTracker> CallKey = new("BackupKit.Call");

    private readonly BackupResilienceOptions _options;
    private readonly ILogger _logger;
    private readonly string _endpointName;
    private readonly BackupKitMetrics _metrics;

    public BackupResiliencePipeline(
        BackupResilienceOptions options, RetryQuota quota, TimeProvider timeProvider, ILogger logger, BackupKitMetrics metrics, string endpointName)
    {
        _options = options;
        _metrics = metrics;
        Quota = quota;
        _logger = logger;
        _endpointName = endpointName;

        var builder = new ResiliencePipelineBuilder<AttemptResult> { Name = "BackupKit", TimeProvider = timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "BackupKit.TotalTimeout", Timeout = options.TotalTimeout });
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

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResult>
        {
            Name = "BackupKit.CircuitBreaker",
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = static args => new ValueTask<bool>(RetryClassifier.IsEndpointFailure(args.Outcome, args.Context.CancellationToken)),
            OnOpened = OnOpened,
            OnClosed = OnClosed,
        });
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "BackupKit.AttemptTimeout", Timeout = options.AttemptTimeout });
        Pipeline = builder.Build();
    }

    /// <summary>The built pipeline.</summary>
    public ResiliencePipeline<AttemptResult> Pipeline { get; }

    /// <summary>The endpoint's retry quota.</summary>
    public RetryQuota Quota { get; }

    /// <summary>Refills the quota after a successful call: a successful retry returns its cost, a first-time success a small refund.</summary>
    public void OnCallSucceeded(CallTracker call) =>
        Quota.Release(call.LastRetryCost > 0 ? call.LastRetryCost : _options.SuccessRefund);

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
