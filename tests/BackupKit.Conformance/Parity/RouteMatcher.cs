using BackupKit.Local.Protocol;

namespace BackupKit.Conformance.Parity;

/// <summary>Finds the generated server binding (the emulator's routes) whose method and URI template match a captured request, and its path labels.</summary>
internal static class RouteMatcher
{
    public static IReadOnlyList<(ServerBinding Binding, IReadOnlyDictionary<string, string> Labels)> Match(CapturedRequest request)
    {
        var queryKeys = request.QueryPairs.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var matches = new List<(ServerBinding, IReadOnlyDictionary<string, string>)>();
        foreach (var binding in ServerOperations.All)
        {
            if (binding.HttpMethod == request.Method && TryMatch(binding.UriTemplate, request.RawPath, queryKeys, out var labels))
            {
                matches.Add((binding, labels));
            }
        }

        // A template with a literal query key (…?delete) is more specific than the same path without it.
        var mostSpecific = matches.Count > 1 ? matches.Where(m => m.Item1.UriTemplate.Contains('?', StringComparison.Ordinal)).ToList() : matches;
        return mostSpecific.Count > 0 ? mostSpecific : matches;
    }

    private static bool TryMatch(string template, string rawPath, IReadOnlySet<string> queryKeys, out IReadOnlyDictionary<string, string> labels)
    {
        var parts = template.Split('?', 2);
        // The botocore model (ours) ends several URIs with '/', the Smithy model the JS SDK is generated from does not;
        // AWS accepts both, so routing ignores a trailing slash (the comparison still reports it).
        var templateSegments = parts[0].TrimEnd('/').Split('/');
        var pathSegments = rawPath.TrimEnd('/').Split('/');
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        labels = found;
        if (templateSegments.Length != pathSegments.Length)
        {
            return false;
        }

        for (var i = 0; i < templateSegments.Length; i++)
        {
            var t = templateSegments[i];
            if (t.Length > 2 && t[0] == '{' && t[^1] == '}')
            {
                if (pathSegments[i].Length == 0)
                {
                    return false;
                }

                found[t[1..^1].TrimEnd('+')] = Uri.UnescapeDataString(pathSegments[i]);
            }
            else if (!string.Equals(t, pathSegments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return parts.Length == 1 || parts[1].Split('&').All(key => queryKeys.Contains(key.Split('=')[0]));
    }
}
