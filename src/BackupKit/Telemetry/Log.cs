using Microsoft.Extensions.Logging;

namespace BackupKit.Telemetry;

/// <summary>
/// Every log line BackupKit writes, source-generated. Event ids and names are part of the public contract. No method
/// takes a header, a credential or a request body: secrets cannot reach a log by construction.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, EventName = "ClientCreated", Level = LogLevel.Debug,
        Message = "AWS Backup client created for region {Region} at {Endpoint}; credentials from {CredentialSource}")]
    public static partial void ClientCreated(ILogger logger, string region, string endpoint, string credentialSource);

    [LoggerMessage(EventId = 1001, EventName = "CallStarting", Level = LogLevel.Trace,
        Message = "Calling {Operation}: {HttpMethod} {Path}")]
    public static partial void CallStarting(ILogger logger, string operation, string httpMethod, string path);

    [LoggerMessage(EventId = 1002, EventName = "CallSucceeded", Level = LogLevel.Debug,
        Message = "{Operation} succeeded with HTTP {StatusCode} in {ElapsedMilliseconds} ms after {Attempts} attempt(s); request id {RequestId}")]
    public static partial void CallSucceeded(ILogger logger, string operation, int statusCode, double elapsedMilliseconds, int attempts, string? requestId);

    [LoggerMessage(EventId = 1003, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "{Operation} failed with {ErrorCode} (HTTP {StatusCode}) in {ElapsedMilliseconds} ms after {Attempts} attempt(s); request id {RequestId}")]
    public static partial void CallFailed(ILogger logger, string operation, string errorCode, int statusCode, double elapsedMilliseconds, int attempts, string? requestId);

    [LoggerMessage(EventId = 1004, EventName = "CallFaulted", Level = LogLevel.Warning,
        Message = "{Operation} failed without an answer from AWS ({ErrorType}) in {ElapsedMilliseconds} ms after {Attempts} attempt(s)")]
    public static partial void CallFaulted(ILogger logger, Exception exception, string operation, string errorType, double elapsedMilliseconds, int attempts);

    [LoggerMessage(EventId = 1011, EventName = "LookupFoundNothing", Level = LogLevel.Debug,
        Message = "{Operation} found nothing (ResourceNotFoundException, HTTP {StatusCode}) in {ElapsedMilliseconds} ms; request id {RequestId}")]
    public static partial void LookupFoundNothing(ILogger logger, string operation, int statusCode, double elapsedMilliseconds, string? requestId);

    [LoggerMessage(EventId = 1010, EventName = "CallCancelled", Level = LogLevel.Debug,
        Message = "{Operation} was cancelled by the caller after {ElapsedMilliseconds} ms and {Attempts} attempt(s)")]
    public static partial void CallCancelled(ILogger logger, string operation, double elapsedMilliseconds, int attempts);

    [LoggerMessage(EventId = 1009, EventName = "ClockSkewCorrected", Level = LogLevel.Warning,
        Message = "AWS refused the signing time of {Operation} ({ErrorCode}); the local clock is {OffsetSeconds} s off the service's, signing with the corrected time from now on")]
    public static partial void ClockSkewCorrected(ILogger logger, string operation, string errorCode, double offsetSeconds);
}
