using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace BackupKit.Local.Protocol;

/// <summary>
/// Writes errors as AWS Backup's restJson1 front end does: the status code, <c>x-amzn-errortype</c> with the exception
/// name, and a JSON body carrying <c>__type</c>, <c>Code</c>, <c>Message</c>, <c>Type</c> and, when known, <c>Context</c>.
/// </summary>
internal static class ErrorResponseWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static Task WriteAsync(HttpContext context, BackupApiError error, TimeSpan? retryAfter = null)
        => WriteAsync(context, error.ErrorCode, error.StatusCode, error.Message, error.Context, error.BodyCode, error.Arn, error.CreatorRequestId, retryAfter);

    public static async Task WriteAsync(
        HttpContext context,
        string errorCode,
        int statusCode,
        string message,
        string? errorContext = null,
        string? bodyCode = null,
        string? arn = null,
        string? creatorRequestId = null,
        TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.Headers["x-amzn-errortype"] = errorCode;
        response.ContentType = "application/json";
        if (retryAfter is { } delay)
        {
            response.Headers["x-amz-retry-after"] = ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }

        await using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", errorCode);
            writer.WriteString("Code", bodyCode ?? errorCode);
            writer.WriteString("Message", message);
            writer.WriteString("Type", statusCode >= 500 ? "Server" : "User");
            if (errorContext is not null)
            {
                writer.WriteString("Context", errorContext);
            }

            if (arn is not null)
            {
                writer.WriteString("Arn", arn);
            }

            if (creatorRequestId is not null)
            {
                writer.WriteString("CreatorRequestId", creatorRequestId);
            }

            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
