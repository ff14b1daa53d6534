using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace BackupKit.Model;

/// <summary>
/// An immutable list that compares by value (same items in the same order), so that model records containing
/// lists compare by value too. The default value is an empty list.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public readonly struct ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Creates a list holding <paramref name="items"/>.</summary>
    /// <param name="items">The items, in order.</param>
    public ValueList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    /// <summary>Gets an empty list.</summary>
    public static ValueList<T> Empty => default;

    private ImmutableArray<T> Items => _items.IsDefault ? [] : _items;

    /// <inheritdoc />
    public int Count => Items.Length;

    /// <summary>Gets a value indicating whether the list has no items.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc />
    public T this[int index] => Items[index];

    /// <summary>Returns a new list with <paramref name="item"/> appended (this list is unchanged).</summary>
    /// <param name="item">The item to append.</param>
    /// <returns>The new list.</returns>
    public ValueList<T> Append(T item) => new(Items.Add(item));

    /// <summary>Converts an immutable array to a value list.</summary>
    /// <param name="items">The items.</param>
    public static implicit operator ValueList<T>(ImmutableArray<T> items) => new(items.IsDefault ? [] : items);

    /// <summary>Converts an array to a value list (the array is copied).</summary>
    /// <param name="items">The items.</param>
    public static implicit operator ValueList<T>(T[] items) => new(items ?? []);

    /// <inheritdoc />
    public bool Equals(ValueList<T> other)
    {
        var left = Items;
        var right = other.Items;
        if (left.Length != right.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < left.Length; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Compares two lists by value.</summary>
    /// <param name="left">The first list.</param>
    /// <param name="right">The second list.</param>
    public static bool operator ==(ValueList<T> left, ValueList<T> right) => left.Equals(right);

    /// <summary>Compares two lists by value.</summary>
    /// <param name="left">The first list.</param>
    /// <param name="right">The second list.</param>
    public static bool operator !=(ValueList<T> left, ValueList<T> right) => !left.Equals(right);

    /// <summary>Returns an enumerator over the items.</summary>
    /// <returns>The enumerator.</returns>
    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    /// <summary>Returns the items as text, e.g. <c>[a, b]</c>.</summary>
    /// <returns>The items separated by commas, in brackets.</returns>
    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}

/// <summary>Creates <see cref="ValueList{T}"/> instances; also the builder behind collection expressions such as <c>ValueList&lt;string&gt; x = ["a", "b"];</c>.</summary>
public static class ValueList
{
    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The list.</returns>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => ImmutableArray.Create(items);
}
