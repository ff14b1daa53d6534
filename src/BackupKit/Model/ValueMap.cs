using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace BackupKit.Model;

/// <summary>
/// An immutable string-keyed map (ordinal, case-sensitive keys, kept sorted) that compares by value, used for
/// tags and option maps. The default value is an empty map.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
public readonly struct ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueMap<TValue>>
{
    private readonly ImmutableSortedDictionary<string, TValue>? _items;

    /// <summary>Creates a map holding <paramref name="items"/>.</summary>
    /// <param name="items">The entries; keys must be distinct.</param>
    /// <exception cref="ArgumentException">Two entries have the same key.</exception>
    public ValueMap(IEnumerable<KeyValuePair<string, TValue>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, items);
    }

    private ValueMap(ImmutableSortedDictionary<string, TValue> items) => _items = items;

    /// <summary>Gets an empty map.</summary>
    public static ValueMap<TValue> Empty => default;

    private ImmutableSortedDictionary<string, TValue> Items =>
        _items ?? ImmutableSortedDictionary<string, TValue>.Empty.WithComparers(StringComparer.Ordinal);

    /// <inheritdoc />
    public int Count => Items.Count;

    /// <summary>Gets a value indicating whether the map has no entries.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc />
    public TValue this[string key] => Items[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => Items.Keys;

    /// <inheritdoc />
    public IEnumerable<TValue> Values => Items.Values;

    /// <summary>Returns a new map where <paramref name="key"/> is set to <paramref name="value"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new map.</returns>
    public ValueMap<TValue> SetItem(string key, TValue value) => new(Items.SetItem(key, value));

    /// <inheritdoc />
    public bool ContainsKey(string key) => Items.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => Items.TryGetValue(key, out value);

    /// <inheritdoc />
    public bool Equals(ValueMap<TValue> other)
    {
        var left = Items;
        var right = other.Items;
        if (left.Count != right.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<TValue>.Default;
        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var otherValue) || !comparer.Equals(value, otherValue))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueMap<TValue> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in Items)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Compares two maps by value.</summary>
    /// <param name="left">The first map.</param>
    /// <param name="right">The second map.</param>
    public static bool operator ==(ValueMap<TValue> left, ValueMap<TValue> right) => left.Equals(right);

    /// <summary>Compares two maps by value.</summary>
    /// <param name="left">The first map.</param>
    /// <param name="right">The second map.</param>
    public static bool operator !=(ValueMap<TValue> left, ValueMap<TValue> right) => !left.Equals(right);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Returns the entries as text, e.g. <c>{a=1, b=2}</c>.</summary>
    /// <returns>The entries in key order.</returns>
    public override string ToString() => "{" + string.Join(", ", Items.Select(p => p.Key + "=" + p.Value)) + "}";
}
