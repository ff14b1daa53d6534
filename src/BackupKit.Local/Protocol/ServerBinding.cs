using System.Text.Json;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Protocol;

/// <summary>
/// How the emulator serves one operation of the AWS Backup model (restJson1): its route, and (in the generic form)
/// how a request binds into the input shape and the output shape becomes the response body. One instance per operation
/// is generated from the service model (<c>ServerOperations</c>), from the same model as the client's bindings.
/// </summary>
internal abstract class ServerBinding
{
    /// <summary>The operation name as in the model, for example <c>CreateBackupPlan</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The HTTP method, upper case.</summary>
    public abstract string HttpMethod { get; }

    /// <summary>The request URI template as in the model, for example <c>/backup/plans/{backupPlanId}/</c>.</summary>
    public abstract string UriTemplate { get; }

    /// <summary>The status code AWS answers on success.</summary>
    public abstract int SuccessStatusCode { get; }

    /// <summary>The output type, or <see langword="null"/> when the operation answers with no body.</summary>
    public abstract Type? OutputType { get; }
}

/// <summary>The generated server binding of one operation with its input and output types.</summary>
/// <typeparam name="TInput">The model's input shape.</typeparam>
/// <typeparam name="TOutput">The model's output shape, or <see cref="EmptyOutput"/>.</typeparam>
internal abstract class ServerBinding<TInput, TOutput> : ServerBinding
    where TInput : class
    where TOutput : class
{
    /// <summary>Binds path labels, query string and body into the input shape.</summary>
    /// <exception cref="WireFormatException">A label or query value is not in the form the model's type requires.</exception>
    public abstract TInput ReadInput(ServerRequest request);

    /// <summary>Writes the output as the JSON body.</summary>
    public abstract void WriteOutput(TOutput output, Utf8JsonWriter writer);

    /// <summary>Checks the input against the model's constraints (required, length, range, pattern, enum).</summary>
    public abstract void Validate(TInput input, ModelValidationErrors errors);
}
