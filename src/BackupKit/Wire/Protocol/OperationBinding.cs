using System.Text.Json;

namespace BackupKit.Wire.Protocol;

/// <summary>
/// How the client sends one operation of the AWS Backup model over HTTP (restJson1). One instance per operation is
/// generated from the service model (<c>BackupOperations</c>). The emulator has its own generated server bindings in
/// BackupKit.Local, so nothing here is public.
/// </summary>
internal abstract class OperationBinding
{
    /// <summary>The operation name as in the model, for example <c>CreateBackupPlan</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The HTTP method, upper case.</summary>
    public abstract string HttpMethod { get; }

    /// <summary>The request URI template as in the model, for example <c>/backup/plans/{backupPlanId}/</c>.</summary>
    public abstract string UriTemplate { get; }

    /// <summary>The status code AWS answers on success.</summary>
    public abstract int SuccessStatusCode { get; }

    /// <summary>Whether the input shape has members bound to the JSON body (then a body is always sent, <c>{}</c> at least).</summary>
    public abstract bool HasRequestBody { get; }

    /// <summary>Whether the model marks the operation idempotent.</summary>
    public abstract bool IsIdempotent { get; }

    /// <summary>The error codes the model declares for the operation (without namespace).</summary>
    public abstract IReadOnlyList<string> ErrorCodes { get; }

    /// <summary>The input type, or <see langword="null"/> when the operation takes no input.</summary>
    public abstract Type InputType { get; }

    /// <summary>The output type, or <see langword="null"/> when the operation answers with no body.</summary>
    public abstract Type? OutputType { get; }
}

/// <summary>The generated client binding of one operation with its input and output types.</summary>
/// <typeparam name="TInput">The model's input shape.</typeparam>
/// <typeparam name="TOutput">The model's output shape, or <see cref="EmptyOutput"/>.</typeparam>
internal abstract class OperationBinding<TInput, TOutput> : OperationBinding
    where TInput : class
    where TOutput : class
{
    /// <inheritdoc />
    public override Type InputType => typeof(TInput);

    /// <summary>
    /// Writes path, query string and JSON body of the request. An idempotency-token member the caller left empty is
    /// written as a new UUIDv4 (as AWS SDKs do) without changing <paramref name="input"/>, and recorded in
    /// <see cref="RequestWriter.IdempotencyToken"/>. The runtime calls this once per logical call, so every retry
    /// sends the same token.
    /// </summary>
    public abstract void WriteRequest(TInput input, RequestWriter writer);

    /// <summary>Reads the output from a JSON body (an empty body reads as <c>{}</c>).</summary>
    public abstract TOutput ReadOutput(ref Utf8JsonReader reader);
}
