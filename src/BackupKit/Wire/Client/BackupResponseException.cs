namespace BackupKit.Wire;

/// <summary>
/// AWS Backup (or the endpoint configured in its place) answered with a success status, but the body is not the
/// operation's output. Usually the endpoint is not AWS Backup: check <see cref="BackupClientOptions.ServiceUrl"/>.
/// </summary>
public sealed class BackupResponseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BackupResponseException(string operation, int statusCode, string? requestId, Exception innerException)
        : base(
            $"The answer to {operation} (HTTP {statusCode}, request id {requestId ?? "none"}) is not a valid {operation} response: " +
            $"{innerException?.Message} Check that the endpoint is AWS Backup or BackupKit.Local.",
            innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The operation called.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status code of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>The AWS request id, when the answer carried one.</summary>
    public string? RequestId { get; }
}
