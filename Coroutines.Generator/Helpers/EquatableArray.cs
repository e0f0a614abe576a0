using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Coroutines.Generator.Helpers;

/// <summary>
/// An immutable array with value equality, so that pipeline models built from it compare equal when their
/// contents do and the incremental driver can cache them.
/// </summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    public static readonly EquatableArray<T> Empty = new(ImmutableArray<T>.Empty);

    private readonly ImmutableArray<T> _items;

    public EquatableArray(ImmutableArray<T> items) => _items = items;

    private ImmutableArray<T> Items => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    public int Count => Items.Length;

    public T this[int index] => Items[index];

    public bool Equals(EquatableArray<T> other)
    {
        var a = Items;
        var b = other.Items;
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        foreach (var item in Items)
            hash = unchecked(hash * 31 + (item is null ? 0 : item.GetHashCode()));
        return hash;
    }

    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    /// <summary>Whether both wrap the very same array (not only equal items): a rewrite that changed nothing returns it.</summary>
    public bool IsSameArray(EquatableArray<T> other) => Items == other.Items;

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
}

internal static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) where T : IEquatable<T> =>
        new(items.ToImmutableArray());

    /// <summary>
    /// Each item passed through <paramref name="map"/> (with <paramref name="state"/>, so that a static lambda allocates
    /// nothing); <paramref name="items"/> itself when <paramref name="map"/> returns every item unchanged (the same instance).
    /// </summary>
    public static EquatableArray<T> SelectOrSame<T, TState>(this EquatableArray<T> items, TState state, Func<TState, T, T> map)
        where T : class, IEquatable<T>
    {
        T[]? mapped = null;   // created at the first item that changes
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var result = map(state, item);
            if (mapped is null && !ReferenceEquals(result, item))
            {
                mapped = new T[items.Count];
                for (int k = 0; k < i; k++)
                    mapped[k] = items[k];
            }
            if (mapped is not null)
                mapped[i] = result;
        }
        return mapped is null ? items : new EquatableArray<T>(ImmutableArray.Create(mapped));
    }
}
