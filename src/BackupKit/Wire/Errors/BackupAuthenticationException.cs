namespace BackupKit.Wire;

/// <summary>
/// AWS did not accept who the caller is: the signature, access key or session token was refused (codes such as
/// <c>UnrecognizedClientException</c>, <c>InvalidSignatureException</c>, <c>ExpiredTokenException</c>). Not retried:
/// fix the credentials BackupKit signs with. The message names where they came from, never the credentials.
/// </summary>
public sealed class BackupAuthenticationException : BackupServiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What AWS said and how to fix it.</param>
    /// <param name="errorCode">The AWS error code, for example <c>InvalidSignatureException</c>.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="requestId">The AWS request id, when present.</param>
    public BackupAuthenticationException(string message, string errorCode, int statusCode, string? requestId)
        : base(message, errorCode, statusCode, requestId)
    {
    }

    /// <summary>The codes AWS answers when it does not accept the caller's identity.</summary>
    internal static bool IsAuthenticationCode(string? code) => code is
        "UnrecognizedClientException" or "InvalidClientTokenId" or "InvalidSignatureException" or "SignatureDoesNotMatch" or
        "IncompleteSignatureException" or "IncompleteSignature" or "MissingAuthenticationTokenException" or "MissingAuthenticationToken" or
        "ExpiredTokenException" or "ExpiredToken" or "RequestExpired" or "InvalidAccessKeyId" or "AuthFailure";
}

/// <summary>
/// AWS knows the caller but refused the call (<c>AccessDeniedException</c>): an IAM policy, a service control policy,
/// a permissions boundary or a vault access policy does not allow it. Not retried.
/// </summary>
public sealed class BackupAccessDeniedException : BackupServiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What AWS said and what to grant.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="requestId">The AWS request id, when present.</param>
    public BackupAccessDeniedException(string message, int statusCode, string? requestId)
        : base(message, "AccessDeniedException", statusCode, requestId)
    {
    }
}
