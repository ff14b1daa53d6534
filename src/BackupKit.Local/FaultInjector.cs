using System.Collections.Concurrent;
using BackupKit.Local.Protocol;

namespace BackupKit.Local;

/// <summary>
/// Makes chosen operations of a running <see cref="BackupEmulator"/> misbehave the way AWS can: throttle, fail with a
/// server error or any AWS-shaped error, answer slowly, or commit a change and then drop the connection. Rules are
/// per operation (model name, for example <c>CreateBackupPlan</c>) and apply to the next requests of that operation
/// in the order they were added. Thread-safe.
/// </summary>
public sealed partial class FaultInjector
{
    private readonly ConcurrentDictionary<string, OperationFaults> _operations = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _isKnownOperation;

    internal FaultInjector(Func<string, bool> isKnownOperation) => _isKnownOperation = isKnownOperation;

    /// <summary>
    /// Answers the next <paramref name="times"/> requests of <paramref name="operation"/> with HTTP 400
    /// <c>ThrottlingException</c> "Rate exceeded", as AWS does when a caller sends too fast.
    /// </summary>
    /// <param name="operation">The operation name as in the model, for example <c>CreateBackupPlan</c>.</param>
    /// <param name="times">How many requests to throttle.</param>
    /// <param name="retryAfter">When set, the answer carries <c>x-amz-retry-after</c> with this delay in milliseconds.</param>
    public void Throttle(string operation, int times = 1, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(retryAfter));
        }

        Add(operation, times, new FaultRule(FaultKind.Error, ErrorCodes.Throttling, 400, "Rate exceeded", retryAfter, TimeSpan.Zero));
    }

    /// <summary>Answers the next <paramref name="times"/> requests of <paramref name="operation"/> with a server fault, <c>ServiceUnavailableException</c>.</summary>
    /// <param name="operation">The operation name as in the model.</param>
    /// <param name="times">How many requests to fail.</param>
    /// <param name="statusCode">The 5xx status code to answer with.</param>
    public void ServerError(string operation, int times = 1, int statusCode = 503)
    {
        if (statusCode is < 500 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A server error needs a 5xx status code; use Error(...) for client errors.");
        }

        Add(operation, times, new FaultRule(FaultKind.Error, ErrorCodes.ServiceUnavailable, statusCode, "The service is temporarily unavailable. Try again later.", null, TimeSpan.Zero));
    }

    /// <summary>Answers the next <paramref name="times"/> requests of <paramref name="operation"/> with an AWS-shaped error of any code, for example <c>LimitExceededException</c> with 400.</summary>
    /// <param name="operation">The operation name as in the model.</param>
    /// <param name="errorCode">The error code sent in <c>x-amzn-errortype</c> and the body.</param>
    /// <param name="statusCode">The HTTP status code (400..599).</param>
    /// <param name="times">How many requests to fail.</param>
    public void Error(string operation, string errorCode, int statusCode, int times = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An error needs a 4xx or 5xx status code.");
        }

        Add(operation, times, new FaultRule(FaultKind.Error, errorCode, statusCode, $"Injected fault: {errorCode}.", null, TimeSpan.Zero));
    }

    /// <summary>Delays the answers to the next <paramref name="times"/> requests of <paramref name="operation"/> (all of them by default) by <paramref name="delay"/> of real time.</summary>
    /// <param name="operation">The operation name as in the model.</param>
    /// <param name="delay">How long to wait before handling each request.</param>
    /// <param name="times">How many requests to delay.</param>
    public void Latency(string operation, TimeSpan delay, int times = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Add(operation, times, new FaultRule(FaultKind.Latency, null, 0, null, null, delay));
    }

    /// <summary>
    /// For the next <paramref name="times"/> requests of <paramref name="operation"/>: performs the operation (its state
    /// change is committed) and then aborts the TCP connection without answering, as when a response is lost on the way.
    /// A request the operation refuses (validation or state error) commits nothing and is answered with its error.
    /// </summary>
    /// <param name="operation">The operation name as in the model.</param>
    /// <param name="times">How many requests to treat so.</param>
    public void DropConnectionAfterCommit(string operation, int times = 1)
        => Add(operation, times, new FaultRule(FaultKind.DropAfterCommit, null, 0, null, null, TimeSpan.Zero));

    /// <summary>
    /// From now on (until <see cref="Clear"/>), drops each request of <paramref name="operation"/> after committing it
    /// with probability <paramref name="rate"/>, as <see cref="DropConnectionAfterCommit(string, int)"/> does for one
    /// request. The draw is seeded, so the same sequence of requests meets the same drops in every run.
    /// </summary>
    /// <param name="operation">The operation name as in the model.</param>
    /// <param name="rate">The share of requests to drop, greater than 0 and at most 1 (0.3 drops about 30 %).</param>
    /// <param name="seed">The seed of the draw.</param>
    public void DropConnectionAfterCommitAtRate(string operation, double rate, int seed = 0)
    {
        if (!(rate > 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate is a share of requests: greater than 0 and at most 1.");
        }

        Add(operation, int.MaxValue, new FaultRule(FaultKind.DropAfterCommit, null, 0, null, null, TimeSpan.Zero) { Rate = new SampledRate(rate, seed) });
    }

    /// <summary>How many requests of <paramref name="operation"/> the emulator received, faulted ones included.</summary>
    /// <param name="operation">The operation name as in the model.</param>
    public int RequestCount(string operation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        return _operations.TryGetValue(operation, out var faults) ? Volatile.Read(ref faults.RequestCount) : 0;
    }

    /// <summary>Removes every rule (restore faults included) and resets the request counts.</summary>
    public void Clear()
    {
        ClearRestoreFaults();
        foreach (var faults in _operations.Values)
        {
            faults.Clear();
        }
    }

    /// <summary>Counts one request and takes the faults that apply to it.</summary>
    internal FaultDecision OnRequest(string operation)
    {
        var faults = _operations.GetOrAdd(operation, static _ => new OperationFaults());
        Interlocked.Increment(ref faults.RequestCount);
        return faults.HasRules ? faults.Take() : default;
    }

    private void Add(string operation, int times, FaultRule rule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        if (!_isKnownOperation(operation))
        {
            throw new ArgumentException(
                $"'{operation}' is not an operation of the AWS Backup model. Use the model's operation name, for example 'CreateBackupPlan'.",
                nameof(operation));
        }

        _operations.GetOrAdd(operation, static _ => new OperationFaults()).Add(rule, times);
    }

    private sealed class OperationFaults
    {
        private readonly List<(FaultRule Rule, int Remaining)> _rules = [];
        private readonly object _gate = new();
        private volatile bool _hasRules;
        public int RequestCount;

        public bool HasRules => _hasRules;

        public void Add(FaultRule rule, int times)
        {
            lock (_gate)
            {
                _rules.Add((rule, times));
                _hasRules = true;
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _rules.Clear();
                _hasRules = false;
                Volatile.Write(ref RequestCount, 0);
            }
        }

        public FaultDecision Take()
        {
            lock (_gate)
            {
                FaultRule? latency = null;
                FaultRule? outcome = null;
                for (var i = 0; i < _rules.Count && (latency is null || outcome is null); i++)
                {
                    var (rule, remaining) = _rules[i];
                    var isLatency = rule.Kind == FaultKind.Latency;
                    if ((isLatency && latency is not null) || (!isLatency && outcome is not null))
                    {
                        continue;
                    }

                    // A rule with a rate applies to the requests its draw picks; the others pass it by.
                    if (rule.Rate is { } rate && !rate.Next())
                    {
                        continue;
                    }

                    if (isLatency)
                    {
                        latency = rule;
                    }
                    else
                    {
                        outcome = rule;
                    }

                    if (remaining == int.MaxValue)
                    {
                        continue;
                    }

                    if (remaining == 1)
                    {
                        _rules.RemoveAt(i);
                        i--;
                    }
                    else
                    {
                        _rules[i] = (rule, remaining - 1);
                    }
                }

                _hasRules = _rules.Count > 0;
                return new FaultDecision(latency?.Delay ?? TimeSpan.Zero, outcome);
            }
        }
    }
}
