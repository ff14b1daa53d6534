using System.Collections.Frozen;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BackupKit.Resilience;

/// <summary>
/// Decides which failures are worth another attempt, following the AWS SDKs' standard retry mode. Throttling arrives as
/// HTTP 400 with a throttling code, so status codes alone are not enough. <c>LimitExceededException</c> is deliberately
/// absent: in AWS Backup it means a resource quota (too many plans or vaults), which no retry fixes.
/// </summary>
internal static class RetryClassifier
{
    private static readonly FrozenSet<string> ThrottlingCodes = FrozenSet.ToFrozenSet(
        [
            "Throttling",
            "ThrottlingException",
            "ThrottledException",
            "RequestThrottledException",
            "TooManyRequestsException",
            "ProvisionedThroughputExceededException",
            "TransactionInProgressException",
            "RequestLimitExceeded",
            "BandwidthLimitExceeded",
            "RequestThrottled",
            "SlowDown",
            "PriorRequestNotComplete",
            "EC2ThrottledException",
        ],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> TransientCodes = FrozenSet.ToFrozenSet(
        ["RequestTimeout", "RequestTimeoutException", "InternalFailure", "ServiceUnavailable"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> ClockSkewCodes = FrozenSet.ToFrozenSet(
        ["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure"],
        StringComparer.Ordinal);

    /// <summary>
    /// Whether an AWS error code can mean "your signing time is off" (definitely for <c>RequestTimeTooSkewed</c> and
    /// friends, possibly for signature errors); the answer's <c>Date</c> header decides.
    /// </summary>
    public static bool IsClockSkewCode(string? code) => code is not null && ClockSkewCodes.Contains(code);

    /// <summary>Whether an AWS error code means "slow down".</summary>
    public static bool IsThrottlingCode(string? code) => code is not null && ThrottlingCodes.Contains(code);

    /// <summary>Classifies a service error answer.</summary>
    public static RetryKind ClassifyServiceError(int statusCode, string? errorCode)
    {
        // As the AWS SDKs do: any HTTP 429 is throttling, whatever code it carries.
        if (IsThrottlingCode(errorCode) || statusCode == 429)
        {
            return RetryKind.Throttling;
        }

        if (statusCode is 500 or 502 or 503 or 504 || (errorCode is not null && TransientCodes.Contains(errorCode)))
        {
            return RetryKind.Transient;
        }

        return RetryKind.None;
    }

    /// <summary>Classifies an attempt's outcome. <paramref name="callToken"/> is the call's token: its cancellation is final.</summary>
    public static RetryKind Classify(in Outcome<AttemptResult> outcome, CancellationToken callToken)
    {
        if (outcome.Exception is { } exception)
        {
            return callToken.IsCancellationRequested ? RetryKind.None : ClassifyException(exception);
        }

        var result = outcome.Result;
        return result?.Kind switch
        {
            AttemptResultKind.ServiceError when result.ClockSkewCorrected => RetryKind.ClockSkew,
            AttemptResultKind.ServiceError => ClassifyServiceError(result.StatusCode, result.ErrorCode),
            AttemptResultKind.MalformedResponse when result.MalformedIsRetryable => RetryKind.Transient,
            _ => RetryKind.None,
        };
    }

    /// <summary>Whether the outcome counts as a failure of the endpoint for the circuit breaker (throttling does not: the service is up).</summary>
    public static bool IsEndpointFailure(in Outcome<AttemptResult> outcome, CancellationToken callToken)
    {
        if (outcome.Exception is { } exception)
        {
            return !callToken.IsCancellationRequested && ClassifyException(exception) == RetryKind.Transient;
        }

        return outcome.Result is { Kind: AttemptResultKind.ServiceError } result
            && ClassifyServiceError(result.StatusCode, result.ErrorCode) == RetryKind.Transient;
    }

    private static RetryKind ClassifyException(Exception exception) => exception switch
    {
        BrokenCircuitException or IsolatedCircuitException => RetryKind.None,

        // The attempt timeout, or HttpClient giving up on its own (not the caller: that case was handled above).
        TimeoutRejectedException or TimeoutException or OperationCanceledException => RetryKind.Transient,

        // No answer came back: connection refused, reset or dropped after the request was sent.
        HttpRequestException or IOException or System.Net.Sockets.SocketException => RetryKind.Transient,
        _ => RetryKind.None,
    };
}
