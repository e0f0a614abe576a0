namespace Coroutines;

/// <summary>
/// A future a coroutine parks on while it waits for a primitive, linked into that primitive's FIFO queue so it
/// can be unlinked in O(1) when it is served or cancelled.
/// </summary>
internal sealed class Waiter<T> : Future<T>
{
    internal Waiter<T>? Previous;
    internal Waiter<T>? Next;
    internal bool Linked;

    public Waiter(EventLoop loop) : base(loop) { }
}

/// <summary>An intrusive FIFO list of <see cref="Waiter{T}"/> nodes.</summary>
internal struct WaiterList<T>
{
    private Waiter<T>? _head;
    private Waiter<T>? _tail;

    public int Count { get; private set; }

    public readonly Waiter<T>? First => _head;

    public void Enqueue(Waiter<T> waiter)
    {
        waiter.Linked = true;
        waiter.Previous = _tail;
        waiter.Next = null;
        if (_tail is null)
            _head = waiter;
        else
            _tail.Next = waiter;
        _tail = waiter;
        Count++;
    }

    /// <summary>Unlinks <paramref name="waiter"/> if it is still queued.</summary>
    public void Remove(Waiter<T> waiter)
    {
        if (!waiter.Linked)
            return;
        if (waiter.Previous is null) _head = waiter.Next; else waiter.Previous.Next = waiter.Next;
        if (waiter.Next is null) _tail = waiter.Previous; else waiter.Next.Previous = waiter.Previous;
        waiter.Previous = waiter.Next = null;
        waiter.Linked = false;
        Count--;
    }

    /// <summary>The first waiter that is still pending (not served, not cancelled), or null.</summary>
    public readonly Waiter<T>? FirstPending
    {
        get
        {
            for (var waiter = _head; waiter is not null; waiter = waiter.Next)
            {
                if (!waiter.Done)
                    return waiter;
            }
            return null;
        }
    }

    /// <summary>Unlinks and returns the first pending waiter, dropping finished ones met on the way.</summary>
    public Waiter<T>? DequeuePending()
    {
        while (_head is { } waiter)
        {
            Remove(waiter);
            if (!waiter.Done)
                return waiter;
        }
        return null;
    }

    /// <summary>Whether any waiter is not cancelled (asyncio: "any live waiter").</summary>
    public readonly bool HasLive
    {
        get
        {
            for (var waiter = _head; waiter is not null; waiter = waiter.Next)
            {
                if (!waiter.Cancelled)
                    return true;
            }
            return false;
        }
    }

    /// <summary>Unlinks every waiter and returns them in order.</summary>
    public List<Waiter<T>> DrainAll()
    {
        var all = new List<Waiter<T>>(Count);
        while (_head is { } waiter)
        {
            Remove(waiter);
            all.Add(waiter);
        }
        return all;
    }
}

/// <summary>Binds a primitive to the loop it first waits on (asyncio's <c>_LoopBoundMixin</c>).</summary>
internal static class LoopBinding
{
    public static EventLoop Bind(ref EventLoop? bound, object primitive)
    {
        var loop = EventLoop.RunningOrNull ?? EventLoop.Current;
        if (bound is null)
            bound = loop;
        else if (!ReferenceEquals(bound, loop))
            throw new InvalidOperationException($"{primitive.GetType().Name} is bound to a different event loop.");
        return loop;
    }
}
