using Microsoft.Extensions.Logging;

namespace BackupKit.Resilience;

/// <summary>
/// The log lines of the retry strategy and the circuit breaker, source-generated. They share the event id range of the
/// client's lines (<c>BackupKit.Telemetry.Log</c>); ids and names are part of the public contract. No method takes a
/// header, a credential or a request body.
/// </summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 1005, EventName = "RetryScheduled", Level = LogLevel.Information,
        Message = "Retrying {Operation} (attempt {NextAttempt} of {MaxAttempts}) in {DelayMilliseconds} ms after {Reason} ({RetryKind})")]
    public static partial void RetryScheduled(ILogger logger, string operation, int nextAttempt, int maxAttempts, double delayMilliseconds, string reason, RetryKind retryKind);

    [LoggerMessage(EventId = 1006, EventName = "RetryQuotaExhausted", Level = LogLevel.Warning,
        Message = "Not retrying {Operation} after a {RetryKind} failure: the retry quota of {Endpoint} has {Available} token(s) left and a retry costs {Cost}; failing fast")]
    public static partial void RetryQuotaExhausted(ILogger logger, string operation, RetryKind retryKind, string endpoint, int available, int cost);

    [LoggerMessage(EventId = 1007, EventName = "CircuitOpened", Level = LogLevel.Warning,
        Message = "Circuit to {Endpoint} opened: calls fail at once for {BreakMilliseconds} ms")]
    public static partial void CircuitOpened(ILogger logger, string endpoint, double breakMilliseconds);

    [LoggerMessage(EventId = 1008, EventName = "CircuitClosed", Level = LogLevel.Information,
        Message = "Circuit to {Endpoint} closed: calls flow again")]
    public static partial void CircuitClosed(ILogger logger, string endpoint);
}
