using System.Runtime.CompilerServices;

namespace Coroutines;

/// <summary>
/// The loop's ready queue: a growable ring buffer of <see cref="WorkItem"/> structs.
/// Every entry gets a sequence number, which is what a <see cref="Handle"/> refers to, so a
/// handle can cancel its entry in O(1) without the queue allocating anything per callback. Sequence numbers
/// are consecutive, so an entry's number follows from its position and is not stored in the slot.
/// </summary>
internal sealed class ReadyQueue
{
    private WorkItem[] _items = new WorkItem[256];
    private int _head;
    private int _count;
    private long _nextSequence = 1;

    // Sequence numbers of entries that were cancelled and then skipped, so Handle.Cancelled
    // still answers after the loop has dropped the entry. Bounded: the newest ones win.
    private readonly long[] _recentlySkipped = new long[64];
    private int _recentlySkippedNext;

    public int Count => _count;

    private long HeadSequence => _nextSequence - _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Enqueue(object callback, object? state, WorkKind kind)
    {
        if (_count == _items.Length)
            Grow();
        ref var slot = ref _items[(_head + _count) & (_items.Length - 1)];
        slot.Callback = callback;
        slot.State = state;
        slot.Kind = kind;
        _count++;
        return _nextSequence++;
    }

    /// <summary>Removes the head entry; the slot's references are cleared so they can be collected.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dequeue(out WorkItem item)
    {
        ref var slot = ref _items[_head];
        item = slot;
        slot.Callback = null;
        slot.State = null;
        if (item.Kind == WorkKind.Cancelled)
            RememberSkipped(HeadSequence);
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
    }

    public bool TryCancel(long sequence)
    {
        long offset = sequence - HeadSequence;
        if (offset < 0 || offset >= _count)
            return false;
        ref var slot = ref _items[(_head + (int)offset) & (_items.Length - 1)];
        if (slot.Kind == WorkKind.Cancelled)
            return false;
        slot.Kind = WorkKind.Cancelled;
        slot.Callback = null;
        slot.State = null;
        return true;
    }

    public bool IsPending(long sequence)
    {
        long offset = sequence - HeadSequence;
        if (offset < 0 || offset >= _count)
            return false;
        return _items[(_head + (int)offset) & (_items.Length - 1)].Kind != WorkKind.Cancelled;
    }

    public bool IsCancelled(long sequence)
    {
        long offset = sequence - HeadSequence;
        if (offset >= 0 && offset < _count)
            return _items[(_head + (int)offset) & (_items.Length - 1)].Kind == WorkKind.Cancelled;
        return Array.IndexOf(_recentlySkipped, sequence) >= 0;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        _nextSequence += _count;
        _count = 0;
    }

    /// <summary>Enumerates the descriptions of queued entries (for diagnostics).</summary>
    public IEnumerable<(object? Callback, WorkKind Kind)> Snapshot()
    {
        var list = new List<(object?, WorkKind)>(_count);
        for (int i = 0; i < _count; i++)
        {
            ref var slot = ref _items[(_head + i) & (_items.Length - 1)];
            list.Add((slot.Callback, slot.Kind));
        }
        return list;
    }

    private void RememberSkipped(long sequence)
    {
        _recentlySkipped[_recentlySkippedNext] = sequence;
        _recentlySkippedNext = (_recentlySkippedNext + 1) & (_recentlySkipped.Length - 1);
    }

    private void Grow()
    {
        var bigger = new WorkItem[_items.Length * 2];
        for (int i = 0; i < _count; i++)
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = bigger;
        _head = 0;
    }
}
