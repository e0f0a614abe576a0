using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>
/// An event flag for coroutines (asyncio's <c>Event</c>): <see cref="Wait"/> suspends until <see cref="Set"/>.
/// Setting wakes every waiter; clearing afterwards does not un-wake them.
/// </summary>
public sealed class AsyncEvent : IWaitCompletion<bool>
{
    private WaiterList<bool> _waiters;
    private EventLoop? _loop;
    private bool _value;

    /// <summary>Whether the flag is set.</summary>
    public bool IsSet => _value;

    /// <summary>Sets the flag and wakes every waiter.</summary>
    public void Set()
    {
        if (_value)
            return;
        _value = true;
        for (var waiter = _waiters.First; waiter is not null; waiter = waiter.Next)
        {
            if (!waiter.Done)
                waiter.SetResult(true);
        }
    }

    /// <summary>Clears the flag; later waits suspend until the next <see cref="Set"/>.</summary>
    public void Clear() => _value = false;

    /// <summary>Waits until the flag is set; returns at once (without suspending) if it is set already.</summary>
    public EventWait Wait() => new(this);

    /// <inheritdoc/>
    public override string ToString() =>
        $"<AsyncEvent [{(_value ? "set" : "unset")}{(_waiters.Count > 0 ? $", waiters:{_waiters.Count}" : "")}]>";

    internal WaitAwaiter<bool> WaitOrEnqueue()
    {
        EventLoop.ThrowIfAwaitedOffItsLoop(_loop, this);
        if (_value)
            return new WaitAwaiter<bool>(true);
        var waiter = new Waiter<bool>(LoopBinding.Bind(ref _loop, this));
        _waiters.Enqueue(waiter);
        return new WaitAwaiter<bool>(this, waiter);
    }

    [System.Diagnostics.StackTraceHidden]
    bool IWaitCompletion<bool>.CompleteWait(Waiter<bool> waiter)
    {
        _waiters.Remove(waiter);
        TaskStepper.ThrowIfCancelledOnResume(waiter.Loop);
        return waiter.Result();
    }
}

/// <summary>Returned by <see cref="AsyncEvent.Wait"/>.</summary>
public readonly struct EventWait
{
    private readonly AsyncEvent _event;

    internal EventWait(AsyncEvent @event) => _event = @event;

    /// <summary>Gets the awaiter.</summary>
    /// <exception cref="InvalidOperationException">The event's loop runs on another thread (Task code that continued on the thread pool).</exception>
    public WaitAwaiter<bool> GetAwaiter() => _event.WaitOrEnqueue();
}
