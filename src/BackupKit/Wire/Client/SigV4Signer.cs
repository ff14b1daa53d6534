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

    // One reusable hash per thread: cheaper than a one-shot hash per request.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

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

        if (IsAlreadyCanonical(encodedPath.AsSpan()))
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
    public static bool IsAlreadyCanonical(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty || path[0] != '/')
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

            var segment = path.Slice(segmentStart, i - segmentStart);
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
        ReadOnlySpan<char> canonicalUri,
        string canonicalQuery,
        ReadOnlySpan<KeyValuePair<string, string>> headers,
        string signedHeaders,
        string payloadHash)
    {
        var key = GetSigningKey(credentials.SecretKey, amzDate.AsSpan(0, 8));
        var text = new Utf8Buffer(1024);
        try
        {
            // Canonical request, hashed.
            text.Append(method);
            text.Append('\n');
            text.Append(canonicalUri);
            text.Append('\n');
            text.Append(canonicalQuery);
            text.Append('\n');
            foreach (var (name, value) in headers)
            {
                text.Append(name);
                text.Append(':');
                text.Append(value);
                text.Append('\n');
            }

            text.Append('\n');
            text.Append(signedHeaders);
            text.Append('\n');
            text.Append(payloadHash);
            Span<byte> digest = stackalloc byte[32];
            var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha256.AppendData(text.Written);
            sha256.GetHashAndReset(digest);

            // String to sign, HMAC'ed with the day's key.
            text.Clear();
            text.Append(Algorithm);
            text.Append('\n');
            text.Append(amzDate);
            text.Append('\n');
            text.Append(key.Scope);
            text.Append('\n');
            Span<char> hex = stackalloc char[64];
            WriteHexLower(digest, hex);
            text.Append(hex);
            key.Hmac(text.Written, digest);
            WriteHexLower(digest, hex);
            return $"{Algorithm} Credential={credentials.AccessKey}/{key.Scope}, SignedHeaders={signedHeaders}, Signature={hex}";
        }
        finally
        {
            text.Dispose();
        }
    }

    private SigningKey GetSigningKey(string secretKey, ReadOnlySpan<char> date)
    {
        var cached = Volatile.Read(ref _key);
        if (cached is not null && date.SequenceEqual(cached.Date) && string.Equals(cached.Secret, secretKey, StringComparison.Ordinal))
        {
            return cached;
        }

        var dateText = date.ToString();
        var key = new SigningKey(
            dateText, secretKey, AWS4Signer.ComposeSigningKey(secretKey, _region, dateText, _service), $"{dateText}/{_region}/{_service}/aws4_request");
        Volatile.Write(ref _key, key);
        return key;
    }

    private static void WriteHexLower(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = digits[bytes[i] & 0xF];
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

    /// <summary>
    /// The signing key of one day and its credential scope; replaced atomically when the day or the secret changes.
    /// Each thread keeps its own reusable HMAC instance for it (cheaper than a one-shot HMAC per request).
    /// </summary>
    private sealed class SigningKey(string date, string secret, byte[] key, string scope)
    {
        [ThreadStatic]
        private static (SigningKey Owner, IncrementalHash Hmac)? t_hmac;

        public string Date { get; } = date;

        public string Secret { get; } = secret;

        public string Scope { get; } = scope;

        public void Hmac(ReadOnlySpan<byte> data, Span<byte> destination)
        {
            var cached = t_hmac;
            IncrementalHash hmac;
            if (cached is { } entry && ReferenceEquals(entry.Owner, this))
            {
                hmac = entry.Hmac;
            }
            else
            {
                cached?.Hmac.Dispose();
                hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
                t_hmac = (this, hmac);
            }

            hmac.AppendData(data);
            hmac.GetHashAndReset(destination);
        }
    }

    /// <summary>UTF-8 text written into a pooled buffer, for hashing without intermediate strings.</summary>
    private ref struct Utf8Buffer
    {
        private byte[] _buffer;
        private int _length;

        public Utf8Buffer(int capacity)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(capacity);
            _length = 0;
        }

        public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        /// <summary>Appends an ASCII character.</summary>
        public void Append(char value)
        {
            Ensure(1);
            _buffer[_length++] = (byte)value;
        }

        public void Append(scoped ReadOnlySpan<char> value)
        {
            Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
            _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        }

        public void Append(string value) => Append(value.AsSpan());

        public void Clear() => _length = 0;

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        private void Ensure(int extra)
        {
            if (_length + extra <= _buffer.Length)
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }

    /// <summary>The formatted date of one whole second.</summary>
    private sealed record AmzDate(long Second, string Text);
}
