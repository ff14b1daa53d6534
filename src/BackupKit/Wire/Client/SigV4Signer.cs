using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace BackupKit.Wire;

/// <summary>
/// AWS Signature Version 4 for one Region and service. The signing key is derived by AWSSDK.Core
/// (<see cref="AWS4Signer.ComposeSigningKey"/>) and cached per day and secret, so a call costs two SHA-256 and one
/// HMAC over short strings. The canonical request is built by the caller, which knows its headers in sorted order.
/// </summary>
internal sealed class SigV4Signer
{
    /// <summary>SigV4's algorithm name.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>SHA-256 of the empty payload, hex.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [ThreadStatic]
    private static StringBuilder? t_builder;

    private readonly string _region;
    private readonly string _service;
    private SigningKey? _key;
    private AmzDate? _amzDate;

    public SigV4Signer(string region, string service)
    {
        _region = region;
        _service = service;
    }

    /// <summary>The <c>x-amz-date</c> form of an instant: <c>yyyyMMddTHHmmssZ</c>.</summary>
    public static string FormatAmzDate(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The <c>x-amz-date</c> of an instant, formatted once per second and reused by every request in that second.</summary>
    public string GetAmzDate(DateTimeOffset instant)
    {
        var second = instant.UtcTicks / TimeSpan.TicksPerSecond;
        var cached = Volatile.Read(ref _amzDate);
        if (cached is not null && cached.Second == second)
        {
            return cached.Text;
        }

        var text = FormatAmzDate(instant);
        Volatile.Write(ref _amzDate, new AmzDate(second, text));
        return text;
    }

    /// <summary>Lower-case hex SHA-256 of a payload.</summary>
    public static string HashPayload(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return EmptyPayloadHash;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        return ToHexLower(hash);
    }

    /// <summary>
    /// The canonical URI of a path whose segments are already percent-encoded once (as on the wire): dot segments and
    /// empty segments removed, then every segment encoded again. All AWS services but S3 sign this double-encoded form;
    /// the AWS SDKs for JavaScript v3, Java and .NET do the same.
    /// </summary>
    public static string CanonicalizePath(string encodedPath)
    {
        if (encodedPath.Length == 0)
        {
            return "/";
        }

        if (IsAlreadyCanonical(encodedPath))
        {
            return encodedPath;
        }

        var segments = encodedPath.Split('/');
        var kept = new List<string>(segments.Length);
        foreach (var segment in segments)
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

            kept.Add(segment);
        }

        var sb = new StringBuilder(encodedPath.Length + 16);
        if (encodedPath[0] == '/')
        {
            sb.Append('/');
        }

        for (var i = 0; i < kept.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('/');
            }

            Protocol.RequestWriter.AppendEncoded(sb, kept[i]);
        }

        if (kept.Count > 0 && encodedPath[^1] == '/')
        {
            sb.Append('/');
        }

        return sb.ToString();
    }

    /// <summary>
    /// Whether encoding again would change nothing: only unreserved characters and single slashes, no dot segments.
    /// True for almost every AWS Backup path (labels such as plan ids and vault names), so no allocation is needed.
    /// </summary>
    private static bool IsAlreadyCanonical(string path)
    {
        if (path[0] != '/')
        {
            return false;
        }

        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                var ch = path[i];
                if (!(ch is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~'))
                {
                    return false;
                }

                continue;
            }

            var segment = path.AsSpan(segmentStart, i - segmentStart);
            var isLast = i == path.Length;
            if ((segment.IsEmpty && !isLast) || segment is "." || segment is "..")
            {
                return false;
            }

            segmentStart = i + 1;
        }

        return true;
    }

    /// <summary>
    /// Signs a request and returns the <c>Authorization</c> header value.
    /// </summary>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="amzDate">The <c>x-amz-date</c> value sent with the request.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="canonicalUri">The canonical (double-encoded) path.</param>
    /// <param name="canonicalQuery">The canonical query string.</param>
    /// <param name="headers">Signed headers, names lower-case, sorted by name, values trimmed.</param>
    /// <param name="signedHeaders">The names of <paramref name="headers"/> joined by <c>;</c>.</param>
    /// <param name="payloadHash">Hex SHA-256 of the body.</param>
    public string Sign(
        ImmutableCredentials credentials,
        string amzDate,
        string method,
        string canonicalUri,
        string canonicalQuery,
        ReadOnlySpan<KeyValuePair<string, string>> headers,
        string signedHeaders,
        string payloadHash)
    {
        var sb = t_builder ??= new StringBuilder(1024);
        sb.Clear();
        sb.Append(method).Append('\n')
          .Append(canonicalUri).Append('\n')
          .Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in headers)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }

        sb.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        Span<byte> canonicalHash = stackalloc byte[32];
        HashUtf8(sb, canonicalHash);

        var date = amzDate.AsSpan(0, 8);
        sb.Clear();
        sb.Append(Algorithm).Append('\n')
          .Append(amzDate).Append('\n')
          .Append(date).Append('/').Append(_region).Append('/').Append(_service).Append("/aws4_request\n");
        AppendHexLower(sb, canonicalHash);

        var key = GetSigningKey(credentials.SecretKey, date);
        Span<byte> signature = stackalloc byte[32];
        HmacUtf8(key, sb, signature);

        sb.Clear();
        sb.Append(Algorithm).Append(" Credential=").Append(credentials.AccessKey).Append('/')
          .Append(date).Append('/').Append(_region).Append('/').Append(_service).Append("/aws4_request, SignedHeaders=")
          .Append(signedHeaders).Append(", Signature=");
        AppendHexLower(sb, signature);
        var authorization = sb.ToString();
        sb.Clear();
        return authorization;
    }

    private byte[] GetSigningKey(string secretKey, ReadOnlySpan<char> date)
    {
        var cached = Volatile.Read(ref _key);
        if (cached is not null && date.SequenceEqual(cached.Date) && string.Equals(cached.Secret, secretKey, StringComparison.Ordinal))
        {
            return cached.Key;
        }

        var dateText = date.ToString();
        var key = AWS4Signer.ComposeSigningKey(secretKey, _region, dateText, _service);
        Volatile.Write(ref _key, new SigningKey(dateText, secretKey, key));
        return key;
    }

    private static void HashUtf8(StringBuilder text, Span<byte> destination)
    {
        var rented = RentUtf8(text, out var length);
        SHA256.HashData(rented.AsSpan(0, length), destination);
        ArrayPool<byte>.Shared.Return(rented);
    }

    private static void HmacUtf8(byte[] key, StringBuilder text, Span<byte> destination)
    {
        var rented = RentUtf8(text, out var length);
        HMACSHA256.HashData(key, rented.AsSpan(0, length), destination);
        ArrayPool<byte>.Shared.Return(rented);
    }

    private static byte[] RentUtf8(StringBuilder text, out int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        length = 0;
        foreach (var chunk in text.GetChunks())
        {
            length += Encoding.UTF8.GetBytes(chunk.Span, buffer.AsSpan(length));
        }

        return buffer;
    }

    private static void AppendHexLower(StringBuilder sb, ReadOnlySpan<byte> bytes)
    {
        const string hex = "0123456789abcdef";
        foreach (var b in bytes)
        {
            sb.Append(hex[b >> 4]).Append(hex[b & 0xF]);
        }
    }

    private static string ToHexLower(ReadOnlySpan<byte> bytes)
    {
#if NET9_0_OR_GREATER
        return Convert.ToHexStringLower(bytes);
#else
        return Convert.ToHexString(bytes).ToLowerInvariant();
#endif
    }

    /// <summary>The cached signing key of one day; replaced atomically when the day or the secret changes.</summary>
    private sealed record SigningKey(string Date, string Secret, byte[] Key);

    /// <summary>The formatted date of one whole second.</summary>
    private sealed record AmzDate(long Second, string Text);
}
