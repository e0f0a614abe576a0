using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>
/// A reusable wake-up between coroutines on one loop: <see cref="Set"/> wakes the coroutine waiting in
/// <c>await signal.Wait()</c> (it resumes on the next loop iteration, as after a future's callback) or, when
/// nobody waits, leaves the signal set so the next <c>Wait()</c> returns at once. Each wait consumes one set
/// (auto-reset); sets do not accumulate.
/// </summary>
/// <remarks>
/// Unlike a <see cref="Future"/>, which completes once, a signal is reused for every hand-off, so a
/// ping-pong between two coroutines allocates nothing per switch. It has a single consumer: one coroutine
/// at a time may wait. Cancelling the waiting task takes it off the signal and throws
/// <see cref="CancelledError"/> at its <c>await</c>. Not thread-safe: use it on the loop's thread.
/// </remarks>
public sealed class AutoResetSignal : IWaitSource
{
    private ITaskDriver? _waitingTask;
    private Action? _waitingContinuation;   // a foreign awaiter (not a coroutine task)
    private bool _set;

    /// <summary>Creates an unset signal on <paramref name="loop"/>, or on <see cref="EventLoop.Current"/>.</summary>
    /// <exception cref="InvalidOperationException">No loop was given and there is no current loop.</exception>
    public AutoResetSignal(EventLoop? loop = null) => Loop = loop ?? EventLoop.Current;

    /// <summary>The loop the signal wakes waiters on.</summary>
    public EventLoop Loop { get; }

    /// <summary>Whether the signal is set and nobody has consumed it yet.</summary>
    public bool IsSet => _set;

    /// <summary>Whether a coroutine is waiting.</summary>
    public bool HasWaiter => _waitingTask is not null || _waitingContinuation is not null;

    /// <summary>Wakes the waiter (on the next loop iteration), or sets the signal if nobody waits.</summary>
    public void Set()
    {
        if (_waitingTask is { } task)
        {
            _waitingTask = null;
            Loop.EnqueueUnchecked((ILoopWork)task, null, WorkKind.Work);   // a task is its own step
        }
        else if (_waitingContinuation is { } continuation)
        {
            _waitingContinuation = null;
            Loop.EnqueueUnchecked(continuation, null, WorkKind.Action);
        }
        else
        {
            _set = true;
        }
    }

    /// <summary>Clears the signal if it is set and nobody consumed it.</summary>
    public void Reset() => _set = false;

    /// <summary>Waits until the signal is set; returns at once (consuming it) if it already is.</summary>
    public SignalAwaitable Wait() => new(this);

    /// <summary>
    /// The await's first question: consumes the set if there is one. A second concurrent waiter is rejected
    /// here, at the <c>await</c> expression, where the exception runs the coroutine's <c>finally</c> blocks
    /// (thrown while suspending, it would escape the compiler's state machine past them).
    /// </summary>
    internal bool TryConsume()
    {
        if (!_set)
        {
            ThrowIfWaited();
            return false;
        }
        _set = false;
        return true;
    }

    void IWaitSource.Park(ITaskDriver task)
    {
        ThrowIfWaited();
        _waitingTask = task;
    }

    internal void Park(Action continuation)
    {
        ThrowIfWaited();
        _waitingContinuation = continuation;
    }

    bool IWaitSource.CancelWait(ITaskDriver task)
    {
        if (!ReferenceEquals(_waitingTask, task))
            return false;
        _waitingTask = null;
        return true;
    }

    private void ThrowIfWaited()
    {
        if (HasWaiter)
            throw new InvalidOperationException("An AutoResetSignal has a single consumer: another coroutine is already waiting on it.");
    }
}
