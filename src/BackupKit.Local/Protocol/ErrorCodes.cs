namespace BackupKit.Local.Protocol;

/// <summary>The AWS error codes the emulator answers with.</summary>
internal static class ErrorCodes
{
    public const string AlreadyExists = "AlreadyExistsException";
    public const string Conflict = "ConflictException";
    public const string InvalidParameterValue = "InvalidParameterValueException";
    public const string InvalidRequest = "InvalidRequestException";
    public const string LimitExceeded = "LimitExceededException";
    public const string MissingParameterValue = "MissingParameterValueException";
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string ServiceUnavailable = "ServiceUnavailableException";
    public const string Throttling = "ThrottlingException";
    public const string Serialization = "SerializationException";
    public const string UnknownOperation = "UnknownOperationException";
    public const string NotImplemented = "NotImplementedException";
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";
    public const string IncompleteSignature = "IncompleteSignatureException";
    public const string InvalidSignature = "InvalidSignatureException";
    public const string InternalFailure = "InternalFailure";
}
