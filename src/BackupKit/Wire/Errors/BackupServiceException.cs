namespace BackupKit.Wire;

/// <summary>
/// An error answered by AWS Backup (or BackupKit.Local). Modelled errors have their own subclasses
/// (for example <c>ResourceNotFoundException</c>); an undeclared code arrives as this type.
/// </summary>
public class BackupServiceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message.</param>
    /// <param name="errorCode">The AWS error code without namespace, for example <c>ResourceNotFoundException</c>.</param>
    /// <param name="statusCode">The HTTP status code of the answer.</param>
    /// <param name="requestId">The request id AWS assigned (<c>x-amzn-RequestId</c>), when present.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public BackupServiceException(string? message, string errorCode, int statusCode, string? requestId, Exception? innerException = null)
        : base(message ?? errorCode, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The AWS error code, without namespace.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The AWS request id, to quote to AWS Support.</summary>
    public string? RequestId { get; }
}

/// <summary>
/// AWS refused the call because the caller is sending too fast. Not in the service model: AWS sends it as an
/// HTTP 400 with <c>x-amzn-errortype: ThrottlingException</c>. BackupKit's resilience pipeline retries it.
/// </summary>
public sealed class ThrottlingException : BackupServiceException
{
    /// <summary>Creates the exception.</summary>
    public ThrottlingException(string? message, int statusCode, string? requestId)
        : base(message, "ThrottlingException", statusCode, requestId)
    {
    }
}
