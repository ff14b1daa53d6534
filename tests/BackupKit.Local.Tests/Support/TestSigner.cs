using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BackupKit.Local.Tests.Support;

/// <summary>
/// A plain SigV4 signer for requests the real clients would never send (a body swapped after signing,
/// UNSIGNED-PAYLOAD): it signs host, x-amz-content-sha256 and x-amz-date over a path without query or encoded characters.
/// </summary>
internal static class TestSigner
{
    public static HttpRequestMessage Sign(HttpMethod method, Uri endpoint, string path, string signedBody, string sentBody, string accessKey, string secret, DateTimeOffset now, string? payloadHashHeader = null)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = endpoint.Authority;
        var payloadHash = payloadHashHeader ?? Hex(SHA256.HashData(Encoding.UTF8.GetBytes(signedBody)));
        var canonical = $"{method.Method}\n{path}\n\nhost:{host}\nx-amz-content-sha256:{payloadHash}\nx-amz-date:{amzDate}\n\nhost;x-amz-content-sha256;x-amz-date\n{payloadHash}";
        var scope = $"{date}/{WireCaller.TestRegion}/backup/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        foreach (var part in new[] { WireCaller.TestRegion, "backup", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var request = new HttpRequestMessage(method, new Uri(endpoint, path)) { Content = new StringContent(sentBody, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}");
        return request;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
