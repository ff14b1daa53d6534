namespace BackupKit.Local.Protocol;

/// <summary>What an injected fault does.</summary>
internal enum FaultKind
{
    /// <summary>Answer with an AWS-shaped error instead of performing the operation.</summary>
    Error,

    /// <summary>Wait before handling the request.</summary>
    Latency,

    /// <summary>Perform the operation, then abort the connection without an answer.</summary>
    DropAfterCommit,
}

/// <summary>One injected fault.</summary>
internal sealed record FaultRule(FaultKind Kind, string? ErrorCode, int StatusCode, string? Message, TimeSpan? RetryAfter, TimeSpan Delay)
{
    /// <summary>Gets the seeded draw that decides whether the rule applies to a request; <see langword="null"/> when it applies to every request it counts.</summary>
    public SampledRate? Rate { get; init; }
}

/// <summary>A share of requests picked by a seeded random draw, so that a run can be repeated exactly. Drawn under the rules' lock.</summary>
internal sealed class SampledRate(double rate, int seed)
{
    private readonly Random _random = new(seed);

    public double Value { get; } = rate;

    public bool Next() => _random.NextDouble() < Value;
}

/// <summary>The faults that apply to one request: a delay and at most one outcome.</summary>
internal readonly record struct FaultDecision(TimeSpan Delay, FaultRule? Outcome);
