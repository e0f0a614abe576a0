using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>
/// A mutual-exclusion lock for coroutines (asyncio's <c>Lock</c>); named so it does not clash with
/// <see cref="System.Threading.Lock"/>. Use <c>using (await myLock.Acquire()) { ... }</c>.
/// </summary>
/// <remarks>
/// Waiters are served first in, first out, and a newcomer never jumps the queue: the lock is taken at once only
/// when it is free and nobody (not cancelled) waits. A woken waiter runs one iteration later; the lock is reserved
/// for it until then. A waiter cancelled after it was handed the lock passes it on. An uncontended acquire and
/// release allocate nothing. The lock is not reentrant and belongs to one loop (the first it waits on).
/// </remarks>
public sealed class AsyncLock : IWaitCompletion<LockReleaser>
{
    private WaiterList<bool> _waiters;
    private EventLoop? _loop;
    private bool _locked;

    /// <summary>Whether the lock is held.</summary>
    public bool Locked => _locked;

    /// <summary>The loop the lock is bound to, once it had to wait.</summary>
    internal EventLoop? BoundLoop => _loop;

    /// <summary>How many coroutines wait for the lock.</summary>
    public int WaiterCount => _waiters.Count;

    /// <summary>
    /// Acquires the lock: <c>await</c> it, and dispose the result to release (<c>using (await l.Acquire())</c>).
    /// </summary>
    public LockAcquisition Acquire() => new(this);

    /// <summary>Releases the lock and wakes the first waiter.</summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public void Release()
    {
        if (!_locked)
            throw new InvalidOperationException("Lock is not acquired.");
        _locked = false;
        WakeUpFirst();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"<AsyncLock [{(_locked ? "locked" : "unlocked")}{(_waiters.Count > 0 ? $", waiters:{_waiters.Count}" : "")}]>";

    /// <summary>Takes the lock if it is free and nobody waits, or queues a waiter (called by the awaitable).</summary>
    internal WaitAwaiter<LockReleaser> AcquireOrEnqueue()
    {
        EventLoop.ThrowIfAwaitedOffItsLoop(_loop, this);
        if (!_locked && (_waiters.Count == 0 || !_waiters.HasLive))
        {
            _locked = true;
            return new WaitAwaiter<LockReleaser>(new LockReleaser(this));
        }
        var waiter = new Waiter<bool>(LoopBinding.Bind(ref _loop, this));
        _waiters.Enqueue(waiter);
        return new WaitAwaiter<LockReleaser>(this, waiter);
    }

    /// <summary>The queued waiter resumed: take the lock, or pass it on if the waiter was cancelled.</summary>
    [System.Diagnostics.StackTraceHidden]
    LockReleaser IWaitCompletion<LockReleaser>.CompleteWait(Waiter<bool> waiter)
    {
        _waiters.Remove(waiter);
        try
        {
            TaskStepper.ThrowIfCancelledOnResume(waiter.Loop);
            waiter.ThrowIfNotSuccessful();
        }
        catch (CancelledError)
        {
            if (!_locked)
                WakeUpFirst();   // we may have been handed the lock: give it to the next waiter
            throw;
        }
        _locked = true;
        return new LockReleaser(this);
    }

    private void WakeUpFirst()
    {
        // asyncio wakes only the head: if it is already woken or cancelled, its own resumption passes the lock on.
        if (_waiters.First is { Done: false } first)
            first.SetResult(true);
    }
}

/// <summary>Returned by <see cref="AsyncLock.Acquire"/>; await it to take the lock.</summary>
public readonly struct LockAcquisition
{
    private readonly AsyncLock _lock;

    internal LockAcquisition(AsyncLock @lock) => _lock = @lock;

    /// <summary>Takes the lock now if it is free, else queues the caller.</summary>
    /// <exception cref="InvalidOperationException">The lock's loop runs on another thread (Task code that continued on the thread pool).</exception>
    public WaitAwaiter<LockReleaser> GetAwaiter() => _lock.AcquireOrEnqueue();
}

/// <summary>Releases the lock when disposed: <c>using (await l.Acquire()) { ... }</c>. Dispose it once.</summary>
public readonly struct LockReleaser : IDisposable
{
    private readonly AsyncLock? _lock;

    internal LockReleaser(AsyncLock @lock) => _lock = @lock;

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _lock?.Release();
}
