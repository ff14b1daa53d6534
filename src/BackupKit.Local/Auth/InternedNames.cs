using System.Collections.Concurrent;

namespace BackupKit.Local.Auth;

/// <summary>
/// Keeps one string per access key id and region name, so that the request path does not allocate them per request.
/// Bounded, because callers can invent endless names.
/// </summary>
internal static class InternedNames
{
    private const int Capacity = 1024;
    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BySpan = Known.GetAlternateLookup<ReadOnlySpan<char>>();
#endif

    public static string Intern(ReadOnlySpan<char> value)
    {
#if NET9_0_OR_GREATER
        if (BySpan.TryGetValue(value, out var known))
        {
            return known;
        }
#endif
        var name = value.ToString();
        return Known.Count < Capacity ? Known.GetOrAdd(name, name) : name;
    }
}
