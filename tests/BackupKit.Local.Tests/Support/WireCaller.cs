using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Tests.Support;

/// <summary>
/// Calls the emulator over real HTTP the way an AWS SDK does: the generated binding writes path, query and body, the
/// request carries a well-formed SigV4 Authorization header, and the binding reads the answer. The emulator does not
/// verify signatures, so the signature is a fixed hex string; everything else is what an SDK sends.
/// </summary>
internal sealed class WireCaller : IDisposable
{
    public const string TestAccessKey = "AKIDBACKUPKITTEST";
    public const string TestRegion = "us-east-1";

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;

    /// <summary>Creates a caller that signs with <paramref name="clock"/>'s time (the system clock by default).</summary>
    public WireCaller(Uri endpoint, string accessKey = TestAccessKey, string region = TestRegion, TimeProvider? clock = null)
    {
        Endpoint = endpoint;
        AccessKey = accessKey;
        Region = region;
        _clock = clock ?? TimeProvider.System;
        _http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Endpoint { get; }

    public string AccessKey { get; }

    public string Region { get; }

    public void Dispose() => _http.Dispose();

    /// <summary>Calls an operation; throws <see cref="AwsErrorResponse"/> when the emulator answers with an error.</summary>
    public async Task<TOutput> CallAsync<TInput, TOutput>(OperationBinding<TInput, TOutput> operation, TInput input)
        where TInput : class
        where TOutput : class
    {
        using var response = await SendAsync(operation, input);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw AwsErrorResponse.From(response, body);
        }

        Assert.Equal(operation.SuccessStatusCode, (int)response.StatusCode);
        var reader = new Utf8JsonReader(body);
        return operation.ReadOutput(ref reader);
    }

    /// <summary>Sends an operation's request and returns the raw answer.</summary>
    public Task<HttpResponseMessage> SendAsync<TInput, TOutput>(OperationBinding<TInput, TOutput> operation, TInput input)
        where TInput : class
        where TOutput : class
    {
        var writer = new RequestWriter(operation.HttpMethod);
        operation.WriteRequest(input, writer);
        var query = writer.BuildQueryString();
        var body = writer.HasBody ? writer.Body.ToArray() : null;
        return SendRawAsync(operation.HttpMethod, writer.Path + (query.Length > 0 ? "?" + query : string.Empty), body);
    }

    /// <summary>Sends any request, signed unless <paramref name="authorization"/> overrides the header (null = signed, "" = none).</summary>
    public Task<HttpResponseMessage> SendRawAsync(string method, string pathAndQuery, byte[]? body = null, string? authorization = null, bool sendDate = true)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), pathAndQuery);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        if (sendDate)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        }

        authorization ??= AuthorizationHeader(AccessKey, now.ToString("yyyyMMdd", CultureInfo.InvariantCulture), Region, "backup");
        if (authorization.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return _http.SendAsync(request);
    }

    public static string AuthorizationHeader(string accessKey, string date, string region, string service, string terminator = "aws4_request") =>
        $"AWS4-HMAC-SHA256 Credential={accessKey}/{date}/{region}/{service}/{terminator}, SignedHeaders=content-type;host;x-amz-date, Signature={new string('a', 64)}";

    public string TodayScope => _clock.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>An AWS-shaped error answer: status, <c>x-amzn-errortype</c>, request id and the JSON body.</summary>
internal sealed class AwsErrorResponse : Exception
{
    private AwsErrorResponse(int statusCode, string? errorType, string? requestId, JsonElement body)
        : base($"{statusCode} {errorType}: {Read(body, "Message")}")
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        RequestId = requestId;
        Body = body;
    }

    public int StatusCode { get; }

    public string? ErrorType { get; }

    public string? RequestId { get; }

    public JsonElement Body { get; }

    public string? BodyMessage => Read(Body, "Message");

    public string? BodyCode => Read(Body, "Code");

    public string? BodyContext => Read(Body, "Context");

    public static AwsErrorResponse From(HttpResponseMessage response, byte[] body)
    {
        var errorType = response.Headers.TryGetValues("x-amzn-errortype", out var types) ? types.Single() : null;
        var requestId = response.Headers.TryGetValues("x-amzn-requestid", out var ids) ? ids.Single() : null;
        using var document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        return new AwsErrorResponse((int)response.StatusCode, errorType, requestId, document.RootElement.Clone());
    }

    public static async Task<AwsErrorResponse> ReadAsync(HttpResponseMessage response) =>
        From(response, await response.Content.ReadAsByteArrayAsync());

    private static string? Read(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
