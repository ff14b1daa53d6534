using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BackupKit.Wire.Protocol;

/// <summary>
/// Collects the HTTP parts of one request as the generated bindings write them: the path with its labels
/// percent-encoded, the query string, and the JSON body. Written once per logical call; the client keeps what every
/// attempt needs and hands the writer back with <see cref="Rent"/> and <see cref="Return"/>, so a call allocates no
/// writer of its own (a written body goes with the call, and the next request starts a new one).
/// </summary>
internal sealed class RequestWriter
{
    [ThreadStatic]
    private static RequestWriter? t_spare;

    private readonly StringBuilder _path = new(64);
    private readonly List<KeyValuePair<string, string>> _query = [];
    private ArrayBufferWriter<byte>? _body;
    private Utf8JsonWriter? _json;

    /// <summary>Starts a request for the given HTTP method.</summary>
    public RequestWriter(string httpMethod) => HttpMethod = httpMethod;

    /// <summary>The HTTP method.</summary>
    public string HttpMethod { get; private set; }

    /// <summary>The path, labels percent-encoded (RFC 3986 unreserved characters kept, everything else encoded).</summary>
    public string Path => _path.ToString();

    /// <summary>The length of <see cref="Path"/>, without making the string.</summary>
    public int PathLength => _path.Length;

    /// <summary>Takes this thread's spare writer, or a new one, for a request with the given HTTP method.</summary>
    public static RequestWriter Rent(string httpMethod)
    {
        var writer = t_spare;
        if (writer is null)
        {
            return new RequestWriter(httpMethod);
        }

        t_spare = null;
        writer.HttpMethod = httpMethod;
        return writer;
    }

    /// <summary>
    /// Clears the writer and keeps it as this thread's spare. The body is not cleared but let go: the
    /// <see cref="Body"/> memory handed out stays valid for the call that owns it.
    /// </summary>
    public static void Return(RequestWriter writer)
    {
        writer._path.Clear();
        writer._query.Clear();
        writer.IdempotencyToken = null;
        writer._body = null;
        writer._json = null;
        t_spare = writer;
    }

    /// <summary>Copies <see cref="Path"/>, or its first <paramref name="destination"/>.Length characters, into <paramref name="destination"/>.</summary>
    public void CopyPathTo(Span<char> destination) => _path.CopyTo(0, destination, destination.Length);

    /// <summary>The character of <see cref="Path"/> at <paramref name="index"/>.</summary>
    public char PathAt(int index) => _path[index];

    /// <summary>The query parameters in the order the binding wrote them; names and values are not encoded.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => _query;

    /// <summary>The idempotency token this request carries (given by the caller or generated), if the operation has one.</summary>
    public string? IdempotencyToken { get; set; }

    /// <summary>Whether a JSON body was started.</summary>
    public bool HasBody => _json is not null;

    /// <summary>The JSON body; empty when <see cref="HasBody"/> is false.</summary>
    public ReadOnlyMemory<byte> Body
    {
        get
        {
            _json?.Flush();
            return _body?.WrittenMemory ?? ReadOnlyMemory<byte>.Empty;
        }
    }

    /// <summary>Appends a literal part of the URI template.</summary>
    public void AppendPath(string literal) => _path.Append(literal);

    /// <summary>Appends a path label, percent-encoded. A label is always required by restJson1.</summary>
    /// <exception cref="ArgumentException">The value is null or empty.</exception>
    public void AppendLabel(string memberName, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException(
                $"{memberName} is required: it is part of the request path. Set {memberName} to a non-empty value.",
                memberName);
        }

        AppendEncoded(_path, value);
    }

    /// <summary>Adds a query parameter when the value is set.</summary>
    public void AddQuery(string name, string? value)
    {
        if (value is not null)
        {
            _query.Add(new(name, value));
        }
    }

    /// <summary>Adds a query parameter when the value is set.</summary>
    public void AddQuery(string name, int? value)
    {
        if (value is { } v)
        {
            _query.Add(new(name, v.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Adds a query parameter when the value is set.</summary>
    public void AddQuery(string name, long? value)
    {
        if (value is { } v)
        {
            _query.Add(new(name, v.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Adds a query parameter when the value is set (<c>true</c> or <c>false</c>).</summary>
    public void AddQuery(string name, bool? value)
    {
        if (value is { } v)
        {
            _query.Add(new(name, v ? "true" : "false"));
        }
    }

    /// <summary>Adds a timestamp query parameter as ISO-8601 UTC (restJson1 default for the query string).</summary>
    public void AddQuery(string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            _query.Add(new(name, WireFormat.FormatIso8601(v)));
        }
    }

    /// <summary>Adds one query parameter per list item (the key repeats), when the list is set.</summary>
    public void AddQuery(string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (var value in values)
        {
            _query.Add(new(name, value));
        }
    }

    /// <summary>Starts the JSON body and returns the writer to write it with.</summary>
    public Utf8JsonWriter BeginBody()
    {
        _body ??= new ArrayBufferWriter<byte>(256);
        return _json ??= new Utf8JsonWriter(_body, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>
    /// The query string, percent-encoded, without the leading <c>?</c>. Parameters are ordered by name (ordinal, values
    /// of a repeated name in written order), as the official AWS SDK for JavaScript sends them.
    /// </summary>
    public string BuildQueryString()
    {
        if (_query.Count == 0)
        {
            return string.Empty;
        }

        var ordered = _query.Count == 1 ? _query : SortedByName(_query);
        var sb = new StringBuilder();
        foreach (var (key, value) in ordered)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            AppendEncoded(sb, key);
            sb.Append('=');
            AppendEncoded(sb, value);
        }

        return sb.ToString();
    }

    private static List<KeyValuePair<string, string>> SortedByName(List<KeyValuePair<string, string>> query)
    {
        // List.Sort is not stable; order by (name, written position) so repeated names keep their order.
        var indexed = new List<(KeyValuePair<string, string> Pair, int Position)>(query.Count);
        for (var i = 0; i < query.Count; i++)
        {
            indexed.Add((query[i], i));
        }

        indexed.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Pair.Key, b.Pair.Key);
            return byName != 0 ? byName : a.Position.CompareTo(b.Position);
        });
        var sorted = new List<KeyValuePair<string, string>>(query.Count);
        foreach (var (pair, _) in indexed)
        {
            sorted.Add(pair);
        }

        return sorted;
    }

    /// <summary>The SigV4 canonical query string: pairs encoded, then sorted by name and value (ordinal).</summary>
    public string BuildCanonicalQueryString()
    {
        if (_query.Count == 0)
        {
            return string.Empty;
        }

        var pairs = new string[_query.Count];
        var sb = new StringBuilder();
        for (var i = 0; i < _query.Count; i++)
        {
            sb.Clear();
            AppendEncoded(sb, _query[i].Key);
            sb.Append('=');
            AppendEncoded(sb, _query[i].Value);
            pairs[i] = sb.ToString();
        }

        Array.Sort(pairs, StringComparer.Ordinal);
        return string.Join('&', pairs);
    }

    /// <summary>Percent-encodes every byte of the UTF-8 form except RFC 3986 unreserved characters.</summary>
    public static void AppendEncoded(StringBuilder sb, string value)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(value);
        var span = value.AsSpan();
        Span<byte> utf8 = stackalloc byte[4];
        var i = 0;
        while (i < span.Length)
        {
            var ch = span[i];
            if (IsUnreserved(ch))
            {
                sb.Append(ch);
                i++;
            }
            else if (ch < 0x80)
            {
                AppendByte(sb, (byte)ch);
                i++;
            }
            else
            {
                // Non-ASCII: encode the UTF-8 bytes of the whole code point (surrogate pairs included).
                Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
                var written = rune.EncodeToUtf8(utf8);
                for (var b = 0; b < written; b++)
                {
                    AppendByte(sb, utf8[b]);
                }

                i += consumed;
            }
        }
    }

    private static bool IsUnreserved(char ch) =>
        ch is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';

    private static void AppendByte(StringBuilder sb, byte b)
    {
        const string hex = "0123456789ABCDEF";
        sb.Append('%').Append(hex[b >> 4]).Append(hex[b & 0xF]);
    }
}
