using System.Runtime.CompilerServices;

namespace Coroutines;

/// <summary>
/// The loop's ready queue: a FIFO of <see cref="WorkItem"/> structs kept in fixed-size segments. A burst (a gather
/// of 100k, a flood of accepts) grows it a segment at a time, with no copying and no array large enough for the
/// large-object heap; a segment the head has passed goes back to the queue's pool, so a loop that has seen its
/// largest burst schedules without allocating (the memory it keeps is its high-water mark, as the single growing array it replaces did).
/// Every entry gets a sequence number, which is what a <see cref="Handle"/> refers to, so a handle can cancel its
/// entry in O(1) without the queue allocating anything per callback. Sequence numbers are consecutive and locate
/// their slot: segment <c>sequence / SegmentLength</c>, slot <c>sequence % SegmentLength</c>, so they are not stored.
/// </summary>
internal sealed class ReadyQueue
{
    /// <summary>Slots per segment: 1024 × 24 B = 24 KiB, well below the large-object heap's 85,000 bytes.</summary>
    internal const int SegmentLength = 1 << SegmentShift;

    private const int SegmentShift = 10;
    private const long SlotMask = SegmentLength - 1;

    // The live segments, indexed by segment number modulo the table's (power-of-two) length, so a sequence number
    // finds its slot without walking a list. Only references: growing it copies a few pointers per 1024 entries.
    private WorkItem[]?[] _segments = new WorkItem[]?[4];
    private WorkItem[] _head;               // the segment holding _headSequence (once it is enqueued)
    private WorkItem[] _tail;               // the segment holding _nextSequence (or the one before, at a boundary)
    private long _headSequence = 1;         // the oldest entry still queued, or _nextSequence when empty
    private long _nextSequence = 1;         // what the next Enqueue returns
    private readonly Stack<WorkItem[]> _pool = new();

    // Sequence numbers of entries that were cancelled and then skipped, so Handle.Cancelled
    // still answers after the loop has dropped the entry. Bounded: the newest ones win.
    private readonly long[] _recentlySkipped = new long[64];
    private int _recentlySkippedNext;

    public ReadyQueue()
    {
        _tail = _head = new WorkItem[SegmentLength];
        _segments[0] = _tail;   // segment 0 holds sequences 1..1023: sequence 0 is never handed out
    }

    public int Count => (int)(_nextSequence - _headSequence);

    /// <summary>Segments kept for reuse (for tests of the recycling).</summary>
    internal int PooledSegments => _pool.Count;

    /// <summary>Segments allocated since the queue was made (for tests of the recycling).</summary>
    internal int SegmentsAllocated { get; private set; } = 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Enqueue(object callback, object? state, WorkKind kind)
    {
        long sequence = _nextSequence;
        int slot = (int)(sequence & SlotMask);
        var segment = slot != 0 ? _tail : StartSegment(sequence);
        ref var item = ref segment[slot];
        item.Callback = callback;
        item.State = state;
        item.Kind = kind;
        _nextSequence = sequence + 1;
        return sequence;
    }

    /// <summary>Removes the head entry; the slot's references are cleared so they can be collected.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dequeue(out WorkItem item)
    {
        long sequence = _headSequence;
        int slot = (int)(sequence & SlotMask);
        ref var entry = ref _head[slot];
        item = entry;
        entry.Callback = null;
        entry.State = null;
        if (item.Kind == WorkKind.Cancelled)
            RememberSkipped(sequence);
        _headSequence = sequence + 1;
        if (slot == (int)SlotMask)
            RetireHeadSegment(sequence);
    }

    public bool TryCancel(long sequence)
    {
        if (!IsQueued(sequence))
            return false;
        ref var slot = ref SlotOf(sequence);
        if (slot.Kind == WorkKind.Cancelled)
            return false;
        slot.Kind = WorkKind.Cancelled;
        slot.Callback = null;
        slot.State = null;
        return true;
    }

    public bool IsPending(long sequence) => IsQueued(sequence) && SlotOf(sequence).Kind != WorkKind.Cancelled;

    public bool IsCancelled(long sequence) =>
        IsQueued(sequence) ? SlotOf(sequence).Kind == WorkKind.Cancelled : Array.IndexOf(_recentlySkipped, sequence) >= 0;

    /// <summary>Drops every entry (a closing loop runs nothing); the segments go back to the pool.</summary>
    public void Clear()
    {
        while (_headSequence < _nextSequence)
        {
            long sequence = _headSequence;
            int slot = (int)(sequence & SlotMask);
            _head[slot] = default;
            _headSequence = sequence + 1;
            if (slot == (int)SlotMask)
                RetireHeadSegment(sequence);
        }
    }

    /// <summary>Enumerates the descriptions of queued entries (for diagnostics).</summary>
    public IEnumerable<(object? Callback, WorkKind Kind)> Snapshot()
    {
        var list = new List<(object?, WorkKind)>(Count);
        for (long sequence = _headSequence; sequence < _nextSequence; sequence++)
        {
            ref var slot = ref SlotOf(sequence);
            list.Add((slot.Callback, slot.Kind));
        }
        return list;
    }

    private bool IsQueued(long sequence) => sequence >= _headSequence && sequence < _nextSequence;

    private ref WorkItem SlotOf(long sequence) =>
        ref _segments[(int)(sequence >> SegmentShift) & (_segments.Length - 1)]![(int)(sequence & SlotMask)];

    /// <summary>The first sequence of a segment is enqueued: a segment from the pool (or a new one) joins the table.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WorkItem[] StartSegment(long sequence)
    {
        long number = sequence >> SegmentShift;
        long headNumber = _headSequence >> SegmentShift;
        if (number - headNumber + 1 > _segments.Length)
            GrowTable(headNumber, number);
        if (!_pool.TryPop(out var segment))
        {
            segment = new WorkItem[SegmentLength];
            SegmentsAllocated++;
        }
        _segments[(int)number & (_segments.Length - 1)] = segment;
        _tail = segment;
        if (headNumber == number)
            _head = segment;   // the queue was empty: the head waits at this segment's first slot
        return segment;
    }

    /// <summary>The head has passed the last slot of its segment: the segment goes back to the pool.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RetireHeadSegment(long lastSequence)
    {
        long number = lastSequence >> SegmentShift;
        ref var tableSlot = ref _segments[(int)number & (_segments.Length - 1)];
        _pool.Push(tableSlot!);
        tableSlot = null;
        // The next segment exists if anything was enqueued past this one; otherwise StartSegment will set the head.
        var next = _segments[(int)(number + 1) & (_segments.Length - 1)];
        if (next is not null)
            _head = next;
    }

    private void GrowTable(long headNumber, long newNumber)
    {
        int length = _segments.Length;
        while (newNumber - headNumber + 1 > length)
            length *= 2;
        var table = new WorkItem[]?[length];
        for (long number = headNumber; number < newNumber; number++)
            table[(int)number & (length - 1)] = _segments[(int)number & (_segments.Length - 1)];
        _segments = table;
    }

    private void RememberSkipped(long sequence)
    {
        _recentlySkipped[_recentlySkippedNext] = sequence;
        _recentlySkippedNext = (_recentlySkippedNext + 1) & (_recentlySkipped.Length - 1);
    }
}
