using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>
/// A counting semaphore for coroutines (asyncio's <c>Semaphore</c>, with the 2022 fix for cancellation hangs):
/// <c>using (await semaphore.Acquire()) { ... }</c>, or <see cref="Acquire"/> then <see cref="Release"/>.
/// </summary>
/// <remarks>
/// Waiters are served first in, first out: while anyone (not cancelled) waits, <see cref="Locked"/> is true and a
/// newcomer queues even if permits are free. A waiter cancelled after it was handed a permit gives it back, so
/// cancellations never leak permits or leave others hanging. Releasing more often than acquiring raises the value
/// without bound; <see cref="AsyncBoundedSemaphore"/> forbids that.
/// </remarks>
public class AsyncSemaphore : IWaitCompletion<SemaphoreReleaser>
{
    private WaiterList<bool> _waiters;
    private EventLoop? _loop;
    private int _value;

    /// <summary>Creates a semaphore with <paramref name="initialCount"/> permits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialCount"/> is negative.</exception>
    public AsyncSemaphore(int initialCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCount, nameof(initialCount));
        _value = initialCount;
    }

    /// <summary>The free permits.</summary>
    public int Value => _value;

    /// <summary>Whether an acquire would wait: no free permit, or someone already waits (asyncio's <c>locked()</c>).</summary>
    public bool Locked => _value == 0 || (_waiters.Count > 0 && _waiters.HasLive);

    /// <summary>Takes a permit: <c>await</c> it; dispose the result (or call <see cref="Release"/>) to give it back.</summary>
    public SemaphoreAcquisition Acquire() => new(this);

    /// <summary>Gives a permit back and wakes the first waiter.</summary>
    public virtual void Release()
    {
        _value++;
        WakeUpNext();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"<{GetType().Name} [{(Locked ? "locked" : $"unlocked, value:{_value}")}{(_waiters.Count > 0 ? $", waiters:{_waiters.Count}" : "")}]>";

    internal WaitAwaiter<SemaphoreReleaser> AcquireOrEnqueue()
    {
        EventLoop.ThrowIfAwaitedOffItsLoop(_loop, this);
        if (!Locked)
        {
            _value--;
            return new WaitAwaiter<SemaphoreReleaser>(new SemaphoreReleaser(this));
        }
        var waiter = new Waiter<bool>(LoopBinding.Bind(ref _loop, this));
        _waiters.Enqueue(waiter);
        return new WaitAwaiter<SemaphoreReleaser>(this, waiter);
    }

    [System.Diagnostics.StackTraceHidden]
    SemaphoreReleaser IWaitCompletion<SemaphoreReleaser>.CompleteWait(Waiter<bool> waiter)
    {
        _waiters.Remove(waiter);
        try
        {
            TaskStepper.ThrowIfCancelledOnResume(waiter.Loop);
            waiter.ThrowIfNotSuccessful();
        }
        catch (CancelledError)
        {
            if (waiter.Done && !waiter.Cancelled)
                _value++;   // we were handed a permit we will not use: give it back
            throw;
        }
        finally
        {
            // Newcomers may have queued behind us because of FIFO: wake as many as the free permits allow.
            while (_value > 0 && WakeUpNext())
            {
            }
        }
        return new SemaphoreReleaser(this);
    }

    private bool WakeUpNext()
    {
        if (_waiters.FirstPending is not { } next)
            return false;
        _value--;
        next.SetResult(true);
        return true;
    }
}

/// <summary>
/// A semaphore that refuses to be released above its initial value (asyncio's <c>BoundedSemaphore</c>), which
/// catches a release without a matching acquire.
/// </summary>
public sealed class AsyncBoundedSemaphore : AsyncSemaphore
{
    private readonly int _bound;

    /// <summary>Creates a bounded semaphore with <paramref name="initialCount"/> permits, also its maximum.</summary>
    public AsyncBoundedSemaphore(int initialCount = 1) : base(initialCount) => _bound = initialCount;

    /// <inheritdoc/>
    /// <exception cref="SemaphoreFullException">The semaphore would exceed its initial value.</exception>
    public override void Release()
    {
        if (Value >= _bound)
            throw new SemaphoreFullException("BoundedSemaphore released too many times.");
        base.Release();
    }
}

/// <summary>Returned by <see cref="AsyncSemaphore.Acquire"/>; await it to take a permit.</summary>
public readonly struct SemaphoreAcquisition
{
    private readonly AsyncSemaphore _semaphore;

    internal SemaphoreAcquisition(AsyncSemaphore semaphore) => _semaphore = semaphore;

    /// <summary>Takes a permit now if one is free and nobody waits, else queues the caller.</summary>
    /// <exception cref="InvalidOperationException">The semaphore's loop runs on another thread (Task code that continued on the thread pool).</exception>
    public WaitAwaiter<SemaphoreReleaser> GetAwaiter() => _semaphore.AcquireOrEnqueue();
}

/// <summary>Gives the permit back when disposed. Dispose it once.</summary>
public readonly struct SemaphoreReleaser : IDisposable
{
    private readonly AsyncSemaphore? _semaphore;

    internal SemaphoreReleaser(AsyncSemaphore semaphore) => _semaphore = semaphore;

    /// <summary>Releases the permit.</summary>
    public void Dispose() => _semaphore?.Release();
}
