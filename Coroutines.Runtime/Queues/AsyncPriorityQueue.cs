namespace Coroutines;

/// <summary>
/// A queue that hands out the smallest item first (asyncio's <c>PriorityQueue</c>); items that compare equal come
/// out in the order they were put. See <see cref="AsyncQueue{T}"/>.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class AsyncPriorityQueue<T> : AsyncQueue<T>
{
    private readonly PriorityQueue<T, (T Item, long Sequence)> _heap;
    private long _sequence;

    /// <summary>Creates a priority queue holding at most <paramref name="maxSize"/> items, ordered by <paramref name="comparer"/> (default: <see cref="Comparer{T}.Default"/>).</summary>
    public AsyncPriorityQueue(int maxSize = 0, IComparer<T>? comparer = null) : base(maxSize, fifo: false)
    {
        var items = comparer ?? Comparer<T>.Default;
        _heap = new PriorityQueue<T, (T Item, long Sequence)>(Comparer<(T Item, long Sequence)>.Create((a, b) =>
        {
            int order = items.Compare(a.Item, b.Item);
            return order != 0 ? order : a.Sequence.CompareTo(b.Sequence);
        }));
    }

    private protected override int StoredCount => _heap.Count;

    private protected override void StoreItem(T item) => _heap.Enqueue(item, (item, _sequence++));

    private protected override T TakeItem() => _heap.Dequeue();
}
