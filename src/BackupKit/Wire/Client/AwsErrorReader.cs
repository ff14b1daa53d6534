using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BackupKit.Wire;

/// <summary>
/// Reads an AWS restJson1 error answer: the code from <c>x-amzn-errortype</c>, else from the body's <c>code</c>/<c>Code</c>
/// or <c>__type</c>; namespaces (<c>aws.backup#</c>) and URI suffixes (<c>:http://...</c>) removed, as the Smithy
/// protocol tests require.
/// </summary>
internal static partial class AwsErrorReader
{
    /// <summary>Extracts code and message. Never throws: a body that is not JSON leaves both null.</summary>
    public static void Read(HttpResponseHeaders headers, ReadOnlySpan<byte> body, out string? code, out string? message)
    {
        code = GetHeader(headers, "x-amzn-errortype") is { Length: > 0 } header ? SanitizeCode(header) : null;
        message = null;
        if (body.IsEmpty)
        {
            return;
        }

        string? bodyCode = null;
        string? bodyType = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("Code"u8);
                var isType = !isCode && reader.ValueTextEquals("__type"u8);
                var isMessage = !isCode && !isType && (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8));
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    if (isCode)
                    {
                        bodyCode = reader.GetString();
                    }
                    else if (isType)
                    {
                        bodyType = reader.GetString();
                    }
                    else if (isMessage)
                    {
                        message = reader.GetString();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, a truncated body): keep what the headers said.
        }

        message = ScrubSecrets(message);
        if (code is null)
        {
            var fromBody = bodyCode ?? bodyType;
            code = string.IsNullOrEmpty(fromBody) ? null : SanitizeCode(fromBody);
        }
    }

    /// <summary><c>aws.backup#ThrottlingException:http://internal...</c> becomes <c>ThrottlingException</c>.</summary>
    public static string SanitizeCode(string raw)
    {
        var text = raw.AsSpan().Trim();
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            text = text[..colon];
        }

        var hash = text.LastIndexOf('#');
        if (hash >= 0)
        {
            text = text[(hash + 1)..];
        }

        return text.Length == raw.Length ? raw : text.ToString();
    }

    /// <summary>The <c>x-amz-retry-after</c> hint in milliseconds, when present and valid.</summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseHeaders headers) =>
        GetHeader(headers, "x-amz-retry-after") is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;

    /// <summary>The request id AWS assigned: <c>x-amzn-RequestId</c>, or <c>x-amz-request-id</c>.</summary>
    public static string? ReadRequestId(HttpResponseHeaders headers) =>
        GetHeader(headers, "x-amzn-RequestId") ?? GetHeader(headers, "x-amz-request-id");

    /// <summary>
    /// The answer's <c>Date</c> (RFC 1123), read from the raw header without HttpClient's validating parser (which
    /// allocates a parsed store per response); null when absent or not a date.
    /// </summary>
    public static DateTimeOffset? ReadDate(HttpResponseHeaders headers) =>
        headers.NonValidated.TryGetValues("Date", out var values) && values.Count > 0
        && DateTimeOffset.TryParseExact(values.ToString().AsSpan().Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;

    /// <summary>A header's value without validation or parsing (no allocation beyond the string).</summary>
    public static string? GetHeader(HttpResponseHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0 ? values.ToString() : null;

    /// <summary>
    /// Removes signatures and session tokens a service may echo in an error message (AWS's
    /// <c>IncompleteSignatureException</c> quotes the whole <c>Authorization</c> header), so they never reach an
    /// exception message or a log line.
    /// </summary>
    public static string? ScrubSecrets(string? message) =>
        message is null || message.IndexOf('=') < 0 ? message : SecretPattern().Replace(message, "$1[redacted]");

    [GeneratedRegex(@"((?:Signature|X-Amz-Security-Token|X-Amz-Signature|Authorization)\s*[=:]\s*)[^\s,&""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
