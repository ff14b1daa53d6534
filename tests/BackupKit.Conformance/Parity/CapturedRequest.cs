namespace BackupKit.Conformance.Parity;

/// <summary>One HTTP request exactly as the capture server received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="RawTarget">The request target as sent (encoded path and query).</param>
/// <param name="Headers">Header values by lower-case name (repeated headers joined with a comma).</param>
/// <param name="Body">The body bytes (empty when none).</param>
internal sealed record CapturedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The encoded path, without the query.</summary>
    public string RawPath => RawTarget.Split('?', 2)[0];

    /// <summary>The encoded query without <c>?</c>, or null when the target has none.</summary>
    public string? RawQuery => RawTarget.Split('?', 2) is [_, var query] ? query : null;

    /// <summary>The query as percent-decoded (name, value) pairs in the order sent; a bare key has the value "".</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryPairs
    {
        get
        {
            if (string.IsNullOrEmpty(RawQuery))
            {
                return [];
            }

            return RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .Select(parts => KeyValuePair.Create(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty))
                .ToList();
        }
    }

    /// <summary>The names listed in the SigV4 <c>Authorization</c> header's <c>SignedHeaders=</c>, or null when unsigned.</summary>
    public IReadOnlySet<string>? SignedHeaders
    {
        get
        {
            if (!Headers.TryGetValue("authorization", out var authorization))
            {
                return null;
            }

            var part = authorization.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(p => p.StartsWith("SignedHeaders=", StringComparison.Ordinal));
            return part is null ? null : part["SignedHeaders=".Length..].Split(';').ToHashSet(StringComparer.Ordinal);
        }
    }
}
