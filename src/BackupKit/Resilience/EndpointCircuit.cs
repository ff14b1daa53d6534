using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace BackupKit.Resilience;

/// <summary>
/// The circuit breaker of one endpoint and Region, shared by every client of that endpoint and Region in the process.
/// It counts logical calls, not attempts: a call is one outcome, success or failure, after its retries. Only transient
/// failures of the endpoint (5xx, no answer, timeouts) count as failures; throttling and client errors do not, since
/// the service is up. Because a call that a retry rescued is a success here, the breaker opens only when calls keep
/// failing after AWS standard retry mode has done all it can, and then stops sending first attempts for a while.
/// </summary>
internal sealed class EndpointCircuit
{
    private readonly CircuitBreakerStateProvider _state = new();

    public EndpointCircuit(BackupResilienceOptions options, TimeProvider timeProvider, ILogger logger, string endpointName)
    {
        Pipeline = new ResiliencePipelineBuilder<AttemptResult> { Name = "BackupKit.Call", TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResult>
            {
                Name = "BackupKit.CircuitBreaker",
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = static args => new ValueTask<bool>(RetryClassifier.IsEndpointFailure(args.Outcome, args.Context.CancellationToken)),
                OnOpened = args =>
                {
                    ResilienceLog.CircuitOpened(logger, endpointName, args.BreakDuration.TotalMilliseconds);
                    return default;
                },
                OnClosed = _ =>
                {
                    ResilienceLog.CircuitClosed(logger, endpointName);
                    return default;
                },
                StateProvider = _state,
            })
            .Build();
    }

    /// <summary>The breaker, for calls made while the circuit is not closed (open: refused at once; half-open: one trial call).</summary>
    public ResiliencePipeline<AttemptResult> Pipeline { get; }

    /// <summary>
    /// Whether the circuit is closed. While it is, the breaker lets every call through without doing anything before it,
    /// so a call may run first and its final outcome be recorded afterwards with <see cref="RecordAsync"/>.
    /// </summary>
    public bool IsClosed => _state.CircuitState == CircuitState.Closed;

    /// <summary>
    /// Records a logical call's final outcome (the call ran while <see cref="IsClosed"/>) and returns it. When the circuit
    /// opened meanwhile the breaker refuses the record; the call was still made, so its outcome stands.
    /// </summary>
    public ValueTask<Outcome<AttemptResult>> RecordAsync(ResilienceContext context, Outcome<AttemptResult> outcome)
    {
        var recorded = Pipeline.ExecuteOutcomeAsync(static (_, call) => new ValueTask<Outcome<AttemptResult>>(call), context, outcome);
        return recorded.IsCompletedSuccessfully
            ? new ValueTask<Outcome<AttemptResult>>(KeepCall(recorded.Result, outcome))
            : AwaitRecord(recorded, outcome);

        static async ValueTask<Outcome<AttemptResult>> AwaitRecord(ValueTask<Outcome<AttemptResult>> pending, Outcome<AttemptResult> call) =>
            KeepCall(await pending.ConfigureAwait(false), call);

        static Outcome<AttemptResult> KeepCall(Outcome<AttemptResult> recorded, Outcome<AttemptResult> call) =>
            recorded.Exception is BrokenCircuitException or IsolatedCircuitException ? call : recorded;
    }
}

/// <summary>One <see cref="EndpointCircuit"/> per endpoint and Region; the first client created for a pair sets its thresholds.</summary>
internal sealed class EndpointCircuitRegistry
{
    private readonly ConcurrentDictionary<string, EndpointCircuit> _circuits = new(StringComparer.OrdinalIgnoreCase);

    public EndpointCircuit Get(string endpointAuthority, string region, Func<EndpointCircuit> create) =>
        _circuits.GetOrAdd(endpointAuthority + "|" + region, static (_, factory) => factory(), create);
}
