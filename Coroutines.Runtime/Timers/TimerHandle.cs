namespace Coroutines;

/// <summary>
/// A callback scheduled for a point in loop time with <see cref="EventLoop.CallLater(TimeSpan, Action)"/> or
/// <see cref="EventLoop.CallAt(double, Action)"/> (asyncio's <c>TimerHandle</c>). It is also the node the
/// timing wheel links, so scheduling allocates this object and nothing else, and cancelling is O(1).
/// </summary>
/// <remarks>
/// Unlike asyncio's <c>TimerHandle</c>, which compares and hashes by its deadline, a handle is equal only to
/// itself (the .NET convention for a handle whose state changes); order handles by <see cref="When"/>.
/// </remarks>
public sealed class TimerHandle
{
    internal enum Location : byte { None, Wheel, DueHeap, Expired, Far }

    internal EventLoop? Loop;
    internal object? Callback;
    internal object? State;
    internal WorkKind Kind;
    internal double Deadline;
    internal long Tick;
    internal long Sequence;          // ties between equal deadlines fire in scheduling order
    internal int Version;            // bumped when a pooled node is reused, so stale references do nothing
    internal Location Where;
    internal bool IsCancelled;
    internal bool IsPooled;          // runtime-internal timer (a sleep): recycled after it fires or is cancelled
    internal int HeapIndex = -1;
    internal TimerHandle? Previous;  // wheel slot list links
    internal TimerHandle? Next;
    internal int Level;
    internal int Slot;

    internal TimerHandle() { }

    /// <summary>The absolute loop time (<see cref="EventLoop.Time"/>) the callback is due at.</summary>
    public double When => Deadline;

    /// <summary>Whether <see cref="Cancel"/> was called before the callback ran.</summary>
    public bool Cancelled => IsCancelled;

    /// <summary>Cancels the callback if it has not run yet. Idempotent; call it on the loop's thread.</summary>
    public void Cancel()
    {
        if (IsCancelled)
            return;
        IsCancelled = true;
        Loop?.OnTimerCancelled(this);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"<TimerHandle when={Deadline:0.######}{(IsCancelled ? " cancelled" : "")}>";
}
