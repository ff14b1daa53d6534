using System.Buffers;

namespace BackupKit.Resilience;

/// <summary>What one HTTP attempt produced, once the whole answer was read. Failures the service answered are results, not exceptions, so that classifying and retrying them never throws.</summary>
internal sealed class AttemptResult : IDisposable
{
    // What only failed attempts carry lives in a second object, so a success (nearly every call) allocates half as much.
    private readonly Failure? _failure;

    private AttemptResult(AttemptResultKind kind, int statusCode, string? requestId, object? output, Failure? failure)
    {
        Kind = kind;
        StatusCode = statusCode;
        RequestId = requestId;
        Output = output;
        _failure = failure;
    }

    /// <summary>Success, an AWS error, or a success status whose body could not be read.</summary>
    public AttemptResultKind Kind { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The AWS request id, when the answer carried one.</summary>
    public string? RequestId { get; }

    /// <summary>The parsed output (success only).</summary>
    public object? Output { get; }

    /// <summary>The AWS error code without namespace (errors only); null when the answer named none.</summary>
    public string? ErrorCode => _failure?.ErrorCode;

    /// <summary>The service's error message (errors only).</summary>
    public string? ErrorMessage => _failure?.ErrorMessage;

    /// <summary>Whether the answer refused the signing time and the client corrected its clock offset from the answer's <c>Date</c>.</summary>
    public bool ClockSkewCorrected => _failure?.ClockSkewCorrected ?? false;

    /// <summary>The service's <c>x-amz-retry-after</c> hint.</summary>
    public TimeSpan? RetryAfter => _failure?.RetryAfter;

    /// <summary>Why a success body could not be read (malformed responses only).</summary>
    public Exception? FormatError => _failure?.FormatError;

    /// <summary>Whether a malformed success body may be retried (the operation is safe to repeat).</summary>
    public bool MalformedIsRetryable => _failure?.MalformedIsRetryable ?? false;

    /// <summary>The raw error body, for the modelled error's extra members.</summary>
    public ReadOnlySpan<byte> ErrorBody => _failure?.Body is { } body ? body.AsSpan(0, _failure.BodyLength) : default;

    /// <summary>A successful answer.</summary>
    public static AttemptResult Success(int statusCode, string? requestId, object output) =>
        new(AttemptResultKind.Success, statusCode, requestId, output, null);

    /// <summary>An AWS error. Takes ownership of <paramref name="pooledBody"/> (rented from <see cref="ArrayPool{T}.Shared"/>).</summary>
    public static AttemptResult ServiceError(
        int statusCode, string? requestId, string? errorCode, string? message, TimeSpan? retryAfter, byte[]? pooledBody, int bodyLength, bool clockSkewCorrected = false) =>
        new(AttemptResultKind.ServiceError, statusCode, requestId, null, new Failure
        {
            ClockSkewCorrected = clockSkewCorrected,
            ErrorCode = errorCode,
            ErrorMessage = message,
            RetryAfter = retryAfter,
            Body = pooledBody,
            BodyLength = bodyLength,
        });

    /// <summary>A success status whose body is not the operation's output.</summary>
    public static AttemptResult Malformed(int statusCode, string? requestId, Exception error, bool retryable) =>
        new(AttemptResultKind.MalformedResponse, statusCode, requestId, null, new Failure { FormatError = error, MalformedIsRetryable = retryable });

    /// <summary>Returns the pooled error body.</summary>
    public void Dispose()
    {
        if (_failure is null)
        {
            return;
        }

        var body = Interlocked.Exchange(ref _failure.Body, null);
        if (body is not null)
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private sealed class Failure
    {
        public byte[]? Body;
        public int BodyLength;

        public string? ErrorCode { get; init; }

        public string? ErrorMessage { get; init; }

        public bool ClockSkewCorrected { get; init; }

        public TimeSpan? RetryAfter { get; init; }

        public Exception? FormatError { get; init; }

        public bool MalformedIsRetryable { get; init; }
    }
}

/// <summary>The kinds of <see cref="AttemptResult"/>.</summary>
internal enum AttemptResultKind
{
    /// <summary>A 2xx answer whose body was read as the operation's output.</summary>
    Success,

    /// <summary>An AWS error answer.</summary>
    ServiceError,

    /// <summary>A 2xx answer whose body is not valid output.</summary>
    MalformedResponse,
}
