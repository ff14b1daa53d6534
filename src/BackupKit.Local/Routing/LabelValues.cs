using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace BackupKit.Local.Routing;

/// <summary>The decoded path labels of one request, viewed as a read-only dictionary without building one.</summary>
internal sealed class LabelValues : IReadOnlyDictionary<string, string>
{
    private readonly string[] _names;
    private readonly string[] _values;

    public LabelValues(string[] names, string[] values)
    {
        _names = names;
        _values = values;
    }

    public int Count => _names.Length;

    public IEnumerable<string> Keys => _names;

    public IEnumerable<string> Values => _values.Take(_names.Length);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The route has no label '{key}'.");

    public bool ContainsKey(string key) => Array.IndexOf(_names, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], key, StringComparison.Ordinal))
            {
                value = _values[i];
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return new(_names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
