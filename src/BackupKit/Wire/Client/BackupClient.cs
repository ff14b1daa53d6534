using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using BackupKit.Wire.Protocol;

namespace BackupKit.Wire;

// Interim runtime so that main builds and the emulator can be exercised; the client-runtime work replaces this file
// (resilience, options, telemetry, endpoint rules, credential chain).
public sealed partial class BackupClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _region;
    private readonly AWSCredentials _credentials;

    /// <summary>Creates a client for a fixed endpoint, region and credentials.</summary>
    public BackupClient(Uri endpoint, string region, AWSCredentials credentials)
    {
        _endpoint = endpoint;
        _region = region;
        _credentials = credentials;
        _http = new HttpClient();
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    internal async Task<TOutput> InvokeAsync<TInput, TOutput>(OperationBinding<TInput, TOutput> operation, TInput input, CancellationToken cancellationToken)
        where TInput : class
        where TOutput : class
    {
        var writer = new RequestWriter(operation.HttpMethod);
        operation.WriteRequest(input, writer);
        var query = writer.BuildQueryString();
        var uri = new Uri(_endpoint, writer.Path + (query.Length > 0 ? "?" + query : string.Empty));
        using var request = new HttpRequestMessage(new HttpMethod(operation.HttpMethod), uri);
        var body = writer.HasBody ? writer.Body.ToArray() : [];
        if (writer.HasBody)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var credentials = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var host = uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = host, ["x-amz-date"] = amzDate };
        if (writer.HasBody)
        {
            headers["content-type"] = "application/json";
        }

        if (credentials.UseToken)
        {
            headers["x-amz-security-token"] = credentials.Token;
        }

        var canonical = new StringBuilder()
            .Append(operation.HttpMethod).Append('\n')
            .Append(writer.Path).Append('\n')
            .Append(writer.BuildCanonicalQueryString()).Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        var signedHeaders = string.Join(';', headers.Keys);
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant());
        var signature = AWS4Signer.ComputeSignature(credentials, _region, now, "backup", signedHeaders, canonical.ToString());
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        if (response.IsSuccessStatusCode)
        {
            var reader = new Utf8JsonReader(bytes);
            return operation.ReadOutput(ref reader);
        }

        var code = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First().Split(':')[0] : "UnknownError";
        string? message = null;
        if (bytes.Length > 0)
        {
            using var doc = JsonDocument.Parse(bytes);
            message = doc.RootElement.TryGetProperty("Message", out var m) || doc.RootElement.TryGetProperty("message", out m) ? m.GetString() : null;
        }

        throw code == "ThrottlingException"
            ? new ThrottlingException(message, (int)response.StatusCode, requestId)
            : BackupErrors.Create(code, message, (int)response.StatusCode, requestId, bytes);
    }
}
