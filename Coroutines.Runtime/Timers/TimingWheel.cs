using System.Numerics;

namespace Coroutines.Timers;

/// <summary>
/// A hierarchical timing wheel: six levels of 64 slots over 1 ms ticks (level L's slots are 64^L ticks
/// wide, 64^6 ms or about 2.2 years in all, beyond which timers wait in a far list). Insert and cancel are O(1): a slot is an intrusive doubly
/// linked list and each level keeps a 64-bit occupancy mask. A timer cascades down one level at a time as
/// its slot comes up and lands in the small <see cref="DueHeap"/> once its tick is reached, so timers still
/// fire in exact deadline order. Time can jump arbitrarily far (virtual time): the masks find the next
/// occupied slot without walking empty ticks.
/// </summary>
internal sealed class TimingWheel
{
    public const double TicksPerSecond = 1000.0;
    private const int Levels = 6;
    private const int SlotBits = 6;
    private const int SlotsPerLevel = 1 << SlotBits;
    // Reach of the wheel from any current tick (one top-level slot short of 64^6, so slots never wrap onto the current one).
    private const long MaxSpan = (1L << (SlotBits * Levels)) - (1L << (SlotBits * (Levels - 1)));

    private readonly TimerHandle?[] _slots = new TimerHandle?[Levels * SlotsPerLevel];
    private readonly ulong[] _occupied = new ulong[Levels];
    private readonly List<TimerHandle> _far = new();   // beyond the top level's reach: deadlines more than ~2.1 years out
    private readonly DueHeap _due;
    private long _currentTick;
    private int _inWheel;

    public TimingWheel(DueHeap due, long startTick)
    {
        _due = due;
        _currentTick = startTick;
    }

    public long CurrentTick => _currentTick;

    /// <summary>Timers in the wheel and the far list (not counting the due heap).</summary>
    public int Count => _inWheel + _far.Count;

    public static long TickOf(double deadline)
    {
        double ticks = Math.Floor(deadline * TicksPerSecond);
        if (ticks >= long.MaxValue / 4) return long.MaxValue / 4;
        if (ticks <= long.MinValue / 4) return long.MinValue / 4;
        return (long)ticks;
    }

    public void Add(TimerHandle node)
    {
        long tick = node.Tick;
        if (tick <= _currentTick)
        {
            node.Where = TimerHandle.Location.DueHeap;
            _due.Push(node);
            return;
        }
        long delta = tick - _currentTick;
        if (delta >= MaxSpan)
        {
            node.Where = TimerHandle.Location.Far;
            _far.Add(node);
            return;
        }
        // Pick the lowest level whose 64-slot window (relative to the current tick) reaches the timer.
        int level = 0;
        while (level < Levels - 1 && (tick >> (SlotBits * level)) - (_currentTick >> (SlotBits * level)) >= SlotsPerLevel)
            level++;
        int slot = (int)((tick >> (SlotBits * level)) & (SlotsPerLevel - 1));
        Link(node, level, slot);
    }

    public void Remove(TimerHandle node)
    {
        switch (node.Where)
        {
            case TimerHandle.Location.Wheel:
                Unlink(node);
                break;
            case TimerHandle.Location.DueHeap:
                _due.Remove(node);
                break;
            case TimerHandle.Location.Far:
                _far.Remove(node);
                break;
        }
        node.Where = TimerHandle.Location.None;
    }

    /// <summary>
    /// The earliest tick at which some wheel timer must move (cascade or become due), or
    /// <see cref="long.MaxValue"/> when the wheel is empty.
    /// </summary>
    public long NextEventTick()
    {
        long best = long.MaxValue;
        if (_inWheel > 0)
        {
            for (int level = 0; level < Levels; level++)
            {
                ulong mask = _occupied[level];
                if (mask == 0)
                    continue;
                int shift = SlotBits * level;
                long currentSlot = _currentTick >> shift;
                // Level 0 starts at the current tick; higher levels at the next slot (their current slot has cascaded).
                long firstSlot = level == 0 ? currentSlot : currentSlot + 1;
                int rotate = (int)(firstSlot & (SlotsPerLevel - 1));
                ulong rotated = BitOperations.RotateRight(mask, rotate);
                long slotNumber = firstSlot + BitOperations.TrailingZeroCount(rotated);
                long startTick = slotNumber << shift;
                if (startTick < best)
                    best = startTick;
            }
        }
        if (_far.Count > 0)
        {
            foreach (var node in _far)
                best = Math.Min(best, node.Tick - MaxSpan + 1);
        }
        return best;
    }

    /// <summary>Moves the wheel to <paramref name="tick"/>, cascading timers and pushing due ones to the heap.</summary>
    public void AdvanceTo(long tick)
    {
        while (true)
        {
            long next = NextEventTick();
            if (next > tick)
                break;
            if (next > _currentTick)
                _currentTick = next;
            ProcessCurrentTick();
        }
        if (tick > _currentTick)
            _currentTick = tick;
    }

    public void Clear(Action<TimerHandle> onRemoved)
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            for (var node = _slots[i]; node is not null;)
            {
                var next = node.Next;
                node.Previous = node.Next = null;
                node.Where = TimerHandle.Location.None;
                onRemoved(node);
                node = next;
            }
            _slots[i] = null;
        }
        Array.Clear(_occupied);
        foreach (var node in _far)
        {
            node.Where = TimerHandle.Location.None;
            onRemoved(node);
        }
        _far.Clear();
        _inWheel = 0;
    }

    public IEnumerable<TimerHandle> Items()
    {
        foreach (var head in _slots)
            for (var node = head; node is not null; node = node.Next)
                yield return node;
        foreach (var node in _far)
            yield return node;
    }

    private void ProcessCurrentTick()
    {
        // Cascade from the top: a slot whose start tick is now is re-inserted relative to the new current tick.
        for (int level = Levels - 1; level >= 1; level--)
        {
            int shift = SlotBits * level;
            if ((_currentTick & ((1L << shift) - 1)) != 0)
                continue;
            int slot = (int)((_currentTick >> shift) & (SlotsPerLevel - 1));
            if ((_occupied[level] & (1UL << slot)) == 0)
                continue;
            var node = DetachSlot(level, slot);
            while (node is not null)
            {
                var next = node.Next;
                node.Previous = node.Next = null;
                _inWheel--;
                Add(node);
                node = next;
            }
        }
        if (_far.Count > 0)
        {
            for (int i = _far.Count - 1; i >= 0; i--)
            {
                var node = _far[i];
                if (node.Tick - _currentTick < MaxSpan)
                {
                    _far.RemoveAt(i);
                    Add(node);
                }
            }
        }
        int slot0 = (int)(_currentTick & (SlotsPerLevel - 1));
        if ((_occupied[0] & (1UL << slot0)) != 0)
        {
            var node = DetachSlot(0, slot0);
            while (node is not null)
            {
                var next = node.Next;
                node.Previous = node.Next = null;
                _inWheel--;
                node.Where = TimerHandle.Location.DueHeap;
                _due.Push(node);
                node = next;
            }
        }
    }

    /// <summary>Empties a slot and returns its list; the caller walks it once and decrements the count per node.</summary>
    private TimerHandle? DetachSlot(int level, int slot)
    {
        int index = level * SlotsPerLevel + slot;
        var head = _slots[index];
        _slots[index] = null;
        _occupied[level] &= ~(1UL << slot);
        return head;
    }

    private void Link(TimerHandle node, int level, int slot)
    {
        int index = level * SlotsPerLevel + slot;
        var head = _slots[index];
        node.Previous = null;
        node.Next = head;
        if (head is not null)
            head.Previous = node;
        _slots[index] = node;
        _occupied[level] |= 1UL << slot;
        node.Level = level;
        node.Slot = slot;
        node.Where = TimerHandle.Location.Wheel;
        _inWheel++;
    }

    private void Unlink(TimerHandle node)
    {
        int index = node.Level * SlotsPerLevel + node.Slot;
        if (node.Previous is not null)
            node.Previous.Next = node.Next;
        else
            _slots[index] = node.Next;
        if (node.Next is not null)
            node.Next.Previous = node.Previous;
        node.Previous = node.Next = null;
        if (_slots[index] is null)
            _occupied[node.Level] &= ~(1UL << node.Slot);
        _inWheel--;
    }
}
