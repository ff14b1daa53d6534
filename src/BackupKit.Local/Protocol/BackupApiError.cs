namespace BackupKit.Local.Protocol;

/// <summary>
/// An error the emulator answers with, in AWS's shape. Thrown by operation handlers and turned into the HTTP answer by
/// <see cref="ErrorResponseWriter"/>; it never leaves the emulator.
/// </summary>
internal sealed class BackupApiError : Exception
{
    public BackupApiError(string errorCode, int statusCode, string message, string? context = null, string? bodyCode = null)
        : base(message)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        Context = context;
        BodyCode = bodyCode;
    }

    /// <summary>The exception name sent in <c>x-amzn-errortype</c> and <c>__type</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>Context</c> member AWS Backup fills for some errors.</summary>
    public string? Context { get; }

    /// <summary>The service-internal code AWS Backup writes into the body's <c>Code</c> (for example <c>ERROR_9101</c>); defaults to <see cref="ErrorCode"/>.</summary>
    public string? BodyCode { get; }

    /// <summary>An identifier or ARN the create request collided with (AlreadyExistsException's <c>Arn</c>).</summary>
    public string? Arn { get; init; }

    /// <summary>The creator request id of the existing resource (AlreadyExistsException's <c>CreatorRequestId</c>).</summary>
    public string? CreatorRequestId { get; init; }

    public static BackupApiError NotFound(string message) => new(ErrorCodes.ResourceNotFound, 400, message);

    public static BackupApiError InvalidParameter(string message, string? context = null) => new(ErrorCodes.InvalidParameterValue, 400, message, context);

    public static BackupApiError InvalidRequest(string message, string? context = null, string? bodyCode = null) => new(ErrorCodes.InvalidRequest, 400, message, context, bodyCode);

    public static BackupApiError MissingParameter(string message) => new(ErrorCodes.MissingParameterValue, 400, message);

    public static BackupApiError LimitExceeded(string message) => new(ErrorCodes.LimitExceeded, 400, message);
}
