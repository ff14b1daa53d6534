using System.Buffers;
using System.Text;
using System.Text.Json;
using BackupKit.Local.Protocol;
using BackupKit.Local.Routing;
using BackupKit.Wire.Protocol;
using Microsoft.AspNetCore.Http;

namespace BackupKit.Local.Hosting;

/// <summary>
/// Serves one implemented operation through its generated binding: binds the request into the input shape, checks it
/// against the model's constraints, runs the handler, and writes the output shape as JSON straight from the binding.
/// </summary>
internal sealed class OperationEndpoint<TInput, TOutput> : IOperationEndpoint
    where TInput : class
    where TOutput : class
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly ServerBinding<TInput, TOutput> _binding;
    private readonly Func<CallContext, TInput, TOutput> _handler;

    public OperationEndpoint(ServerBinding<TInput, TOutput> binding, Func<CallContext, TInput, TOutput> handler)
    {
        _binding = binding;
        _handler = handler;
    }

    public string Name => _binding.Name;

    public async Task ExecuteAsync(HttpContext http, CallContext call, ServerRequestParts request, bool dropAfterCommit)
    {
        var input = ReadInput(http, request);
        var errors = new ModelValidationErrors();
        _binding.Validate(input, errors);
        if (!errors.IsEmpty)
        {
            throw ToApiError(errors);
        }

        var output = _handler(call, input);
        if (dropAfterCommit)
        {
            // The change is committed; the caller never hears of it.
            http.Abort();
            return;
        }

        var response = http.Response;
        response.StatusCode = _binding.SuccessStatusCode;
        if (output is EmptyOutput || _binding.OutputType is null)
        {
            response.ContentLength = 0;
            return;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        try
        {
            writer.Reset(buffer);
            _binding.WriteOutput(output, writer);
            writer.Flush();
            response.ContentType = "application/json";
            response.ContentLength = buffer.WrittenCount;
            response.BodyWriter.Write(buffer.WrittenSpan);
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity > 1024 * 1024)
            {
                // Do not keep a huge buffer alive on the thread after one large answer.
                t_buffer = null;
                t_writer = null;
            }
        }

        await response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private TInput ReadInput(HttpContext http, ServerRequestParts request)
    {
        var query = http.Request.Query;
        var serverRequest = new ServerRequest(
            new LabelValues(request.LabelNames, request.LabelValues),
            name => query.TryGetValue(name, out var values) ? (IReadOnlyList<string>)values : null,
            request.Body);
        try
        {
            return _binding.ReadInput(serverRequest);
        }
        catch (WireFormatException ex)
        {
            throw new BackupApiError(ErrorCodes.InvalidParameterValue, 400, ex.Message);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new BackupApiError(ErrorCodes.Serialization, 400, $"The request body of {_binding.Name} is not valid JSON for its input shape: {ex.Message}");
        }
    }

    private static BackupApiError ToApiError(ModelValidationErrors errors)
    {
        // A missing member is reported before malformed ones, as MissingParameterValueException.
        var kind = ModelValidationErrorKind.Invalid;
        foreach (var error in errors.Errors)
        {
            if (error.Kind == ModelValidationErrorKind.Missing)
            {
                kind = ModelValidationErrorKind.Missing;
                break;
            }
        }

        var message = new StringBuilder();
        foreach (var error in errors.Errors)
        {
            if (error.Kind != kind)
            {
                continue;
            }

            if (message.Length > 0)
            {
                message.Append(' ');
            }

            message.Append(error.Message);
        }

        return kind == ModelValidationErrorKind.Missing
            ? new BackupApiError(ErrorCodes.MissingParameterValue, 400, message.ToString())
            : new BackupApiError(ErrorCodes.InvalidParameterValue, 400, message.ToString());
    }
}

/// <summary>An operation of the model the emulator does not implement: it answers 501 and says so, never a fake success.</summary>
internal sealed class NotImplementedEndpoint : IOperationEndpoint
{
    public NotImplementedEndpoint(string name) => Name = name;

    public string Name { get; }

    public Task ExecuteAsync(HttpContext http, CallContext call, ServerRequestParts request, bool dropAfterCommit) =>
        ErrorResponseWriter.WriteAsync(http, ErrorCodes.NotImplemented, 501, $"BackupKit.Local does not implement {Name} yet.");
}
