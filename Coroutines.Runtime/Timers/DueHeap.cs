namespace Coroutines.Timers;

/// <summary>
/// A binary min-heap of timers whose wheel tick has come, ordered by exact deadline and then by
/// scheduling order, so timers fire in deadline order at full precision and equal deadlines are FIFO.
/// It only ever holds the timers of the current tick and earlier, so it stays small.
/// </summary>
internal sealed class DueHeap
{
    private TimerHandle[] _nodes = new TimerHandle[64];
    private int _count;

    public int Count => _count;

    public TimerHandle Peek() => _nodes[0];

    public void Push(TimerHandle node)
    {
        if (_count == _nodes.Length)
            Array.Resize(ref _nodes, _nodes.Length * 2);
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            var p = _nodes[parent];
            if (!Less(node, p))
                break;
            _nodes[i] = p;
            p.HeapIndex = i;
            i = parent;
        }
        _nodes[i] = node;
        node.HeapIndex = i;
    }

    public TimerHandle Pop()
    {
        var top = _nodes[0];
        RemoveAt(0);
        return top;
    }

    public void Remove(TimerHandle node)
    {
        if (node.HeapIndex >= 0 && node.HeapIndex < _count && ReferenceEquals(_nodes[node.HeapIndex], node))
            RemoveAt(node.HeapIndex);
    }

    public void Clear()
    {
        Array.Clear(_nodes, 0, _count);
        _count = 0;
    }

    public IEnumerable<TimerHandle> Items()
    {
        for (int i = 0; i < _count; i++)
            yield return _nodes[i];
    }

    private void RemoveAt(int index)
    {
        var removed = _nodes[index];
        removed.HeapIndex = -1;
        int last = --_count;
        if (index == last)
        {
            _nodes[last] = null!;
            return;
        }
        var moved = _nodes[last];
        _nodes[last] = null!;
        // Sift the moved node down, then up (it may be smaller than the removed node's parent).
        int i = index;
        while (true)
        {
            int left = 2 * i + 1;
            if (left >= _count)
                break;
            int right = left + 1;
            int child = right < _count && Less(_nodes[right], _nodes[left]) ? right : left;
            if (!Less(_nodes[child], moved))
                break;
            _nodes[i] = _nodes[child];
            _nodes[i].HeapIndex = i;
            i = child;
        }
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(moved, _nodes[parent]))
                break;
            _nodes[i] = _nodes[parent];
            _nodes[i].HeapIndex = i;
            i = parent;
        }
        _nodes[i] = moved;
        moved.HeapIndex = i;
    }

    private static bool Less(TimerHandle a, TimerHandle b) =>
        a.Deadline < b.Deadline || (a.Deadline == b.Deadline && a.Sequence < b.Sequence);
}
