using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BackupKit.Local.Protocol;
using Microsoft.AspNetCore.Http;

namespace BackupKit.Local.Auth;

/// <summary>
/// Recomputes the SigV4 signature of a request whose access key has a registered secret and compares it with the one
/// sent, as AWS does. Used only for access keys the emulator knows a secret for; everyone else is accepted on a
/// well-formed header alone.
/// </summary>
internal static class SigV4SignatureVerifier
{
    public static BackupApiError? Verify(HttpRequest request, string secretKey, ReadOnlySpan<byte> body)
    {
        var authorization = request.Headers.Authorization.ToString();
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (amzDate.Length == 0)
        {
            return new BackupApiError(ErrorCodes.IncompleteSignature, 403, "Verifying a signature needs the X-Amz-Date header the request was signed with.");
        }

        var credential = Parameter(authorization, "Credential");
        var signedHeaders = Parameter(authorization, "SignedHeaders");
        var signature = Parameter(authorization, "Signature");
        var scope = credential[(credential.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var scopeParts = scope.Split('/');

        var canonical = new StringBuilder(512)
            .Append(request.Method).Append('\n')
            .Append(CanonicalUri(RawPath(request))).Append('\n')
            .Append(CanonicalQuery(request.QueryString.Value)).Append('\n');
        foreach (var name in signedHeaders.Split(';'))
        {
            canonical.Append(name).Append(':').Append(CanonicalHeaderValue(request.Headers[name])).Append('\n');
        }

        // The signature covers the body received, as AWS computes it: a claimed hash that is not the body's (a body
        // swapped after signing) or UNSIGNED-PAYLOAD (accepted by S3 only) is refused before the signature is compared.
        var payloadHash = Hex(SHA256.HashData(body));
        var claimed = request.Headers["x-amz-content-sha256"].ToString();
        if (claimed.Length > 0 && !string.Equals(claimed, payloadHash, StringComparison.Ordinal))
        {
            return new BackupApiError(
                ErrorCodes.InvalidSignature,
                403,
                claimed == "UNSIGNED-PAYLOAD"
                    ? "AWS Backup does not accept UNSIGNED-PAYLOAD: sign the SHA-256 hash of the request body."
                    : "The provided 'x-amz-content-sha256' header does not match what was computed: the body received is not the body that was signed.");
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(scopeParts[0]));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scopeParts[1]));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scopeParts[2]));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scopeParts[3]));
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : new BackupApiError(
                ErrorCodes.InvalidSignature,
                403,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static string Parameter(string authorization, string name)
    {
        var start = authorization.IndexOf(name + "=", StringComparison.Ordinal) + name.Length + 1;
        var end = authorization.IndexOf(',', start);
        return (end < 0 ? authorization[start..] : authorization[start..end]).Trim();
    }

    private static string RawPath(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return (request.PathBase + request.Path).ToUriComponent();
        }

        var question = raw.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? raw : raw[..question];
    }

    // For every service but S3, SigV4 normalizes the path (RFC 3986: no empty, "." or ".." segments) and encodes each
    // segment of the already-encoded path once more.
    private static string CanonicalUri(string rawPath)
    {
        if (rawPath.Length == 0)
        {
            return "/";
        }

        var kept = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }

                continue;
            }

            kept.Add(Encode(segment));
        }

        var path = "/" + string.Join('/', kept);
        return kept.Count > 0 && rawPath[^1] == '/' ? path + "/" : path;
    }

    private static string CanonicalQuery(string? queryString)
    {
        if (string.IsNullOrEmpty(queryString) || queryString == "?")
        {
            return string.Empty;
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var part in queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..]);
            pairs.Add((Encode(key), Encode(value)));
        }

        pairs.Sort(static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(static p => p.Key + "=" + p.Value));
    }

    private static string CanonicalHeaderValue(Microsoft.Extensions.Primitives.StringValues values)
    {
        var joined = string.Join(',', values.Select(static v => string.Join(' ', (v ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        return joined.Trim();
    }

    private static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var ch = (char)b;
            if (ch is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                sb.Append(ch);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
