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
internal sealed record FaultRule(FaultKind Kind, string? ErrorCode, int StatusCode, string? Message, TimeSpan? RetryAfter, TimeSpan Delay);

/// <summary>The faults that apply to one request: a delay and at most one outcome.</summary>
internal readonly record struct FaultDecision(TimeSpan Delay, FaultRule? Outcome);
