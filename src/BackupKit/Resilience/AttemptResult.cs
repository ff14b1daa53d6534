using System.Buffers;

namespace BackupKit.Resilience;

/// <summary>What one HTTP attempt produced, once the whole answer was read. Failures the service answered are results, not exceptions, so that classifying and retrying them never throws.</summary>
internal sealed class AttemptResult : IDisposable
{
    private byte[]? _errorBody;
    private int _errorBodyLength;

    private AttemptResult(AttemptResultKind kind, int statusCode, string? requestId)
    {
        Kind = kind;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>Success, an AWS error, or a success status whose body could not be read.</summary>
    public AttemptResultKind Kind { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The AWS request id, when the answer carried one.</summary>
    public string? RequestId { get; }

    /// <summary>The parsed output (success only).</summary>
    public object? Output { get; private init; }

    /// <summary>The AWS error code without namespace (errors only); null when the answer named none.</summary>
    public string? ErrorCode { get; private init; }

    /// <summary>The service's error message (errors only).</summary>
    public string? ErrorMessage { get; private init; }

    /// <summary>Whether the answer refused the signing time and the client corrected its clock offset from the answer's <c>Date</c>.</summary>
    public bool ClockSkewCorrected { get; private init; }

    /// <summary>The service's <c>x-amz-retry-after</c> hint.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Why a success body could not be read (malformed responses only).</summary>
    public Exception? FormatError { get; private init; }

    /// <summary>Whether a malformed success body may be retried (the operation is safe to repeat).</summary>
    public bool MalformedIsRetryable { get; private init; }

    /// <summary>The raw error body, for the modelled error's extra members.</summary>
    public ReadOnlySpan<byte> ErrorBody => _errorBody is null ? default : _errorBody.AsSpan(0, _errorBodyLength);

    /// <summary>A successful answer.</summary>
    public static AttemptResult Success(int statusCode, string? requestId, object output) =>
        new(AttemptResultKind.Success, statusCode, requestId) { Output = output };

    /// <summary>An AWS error. Takes ownership of <paramref name="pooledBody"/> (rented from <see cref="ArrayPool{T}.Shared"/>).</summary>
    public static AttemptResult ServiceError(
        int statusCode, string? requestId, string? errorCode, string? message, TimeSpan? retryAfter, byte[]? pooledBody, int bodyLength, bool clockSkewCorrected = false) =>
        new(AttemptResultKind.ServiceError, statusCode, requestId)
        {
            ClockSkewCorrected = clockSkewCorrected,
            ErrorCode = errorCode,
            ErrorMessage = message,
            RetryAfter = retryAfter,
            _errorBody = pooledBody,
            _errorBodyLength = bodyLength,
        };

    /// <summary>A success status whose body is not the operation's output.</summary>
    public static AttemptResult Malformed(int statusCode, string? requestId, Exception error, bool retryable) =>
        new(AttemptResultKind.MalformedResponse, statusCode, requestId) { FormatError = error, MalformedIsRetryable = retryable };

    /// <summary>Returns the pooled error body.</summary>
    public void Dispose()
    {
        var body = Interlocked.Exchange(ref _errorBody, null);
        if (body is not null)
        {
            ArrayPool<byte>.Shared.Return(body);
        }
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
