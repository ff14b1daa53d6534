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

    /// <summary>The model's name of the operation that failed, for example <c>CreateBackupPlan</c>; set by the client.</summary>
    public string? Operation { get; internal set; }

    /// <summary>How many attempts the client made before giving up (1 when the error was not retried); 0 when not set by the client.</summary>
    public int Attempts { get; internal set; }

    /// <summary>Gets the service's message; after retries, prefixed with the operation, the number of attempts and the error code.</summary>
    public override string Message => Attempts > 1 && Operation is not null
        ? $"{Operation} failed after {Attempts} attempts; last error {ErrorCode} (HTTP {StatusCode}): {base.Message}"
        : base.Message;
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
