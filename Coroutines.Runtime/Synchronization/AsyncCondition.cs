namespace Coroutines;

/// <summary>
/// A condition variable for coroutines (asyncio's <c>Condition</c>): hold the lock, <see cref="Wait"/> releases it
/// until notified, then takes it again. <see cref="Notify"/> wakes waiters in FIFO order; each still has to
/// re-acquire the lock, so they proceed one at a time.
/// </summary>
public sealed class AsyncCondition
{
    private readonly AsyncLock _lock;
    private WaiterList<bool> _waiters;
    private EventLoop? _loop;

    /// <summary>Creates a condition with its own lock, or sharing <paramref name="lock"/>.</summary>
    public AsyncCondition(AsyncLock? @lock = null) => _lock = @lock ?? new AsyncLock();

    /// <summary>Whether the underlying lock is held.</summary>
    public bool Locked => _lock.Locked;

    /// <summary>Acquires the underlying lock: <c>using (await condition.Acquire()) { ... }</c>.</summary>
    public LockAcquisition Acquire() => _lock.Acquire();

    /// <summary>Releases the underlying lock.</summary>
    public void Release() => _lock.Release();

    /// <summary>
    /// Releases the lock, waits for a notification, and re-acquires the lock before returning, even when cancelled
    /// (the lock is held again when <see cref="CancelledError"/> leaves). Returns true.
    /// </summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public Coroutine<bool> Wait()
    {
        if (!_lock.Locked)
            throw new InvalidOperationException("Cannot wait on an un-acquired lock.");
        return WaitAsync();
    }

    /// <summary>
    /// Waits until <paramref name="predicate"/> is true and returns its value; checks it first, so an already-true
    /// predicate returns at once (even without the lock, as asyncio).
    /// </summary>
    public async Coroutine<bool> WaitFor(Func<bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        bool result = predicate();
        while (!result)
        {
            await Wait();
            result = predicate();
        }
        return result;
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters.</summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public void Notify(int count = 1)
    {
        if (!_lock.Locked)
            throw new InvalidOperationException("Cannot notify on an un-acquired lock.");
        NotifyCore(count);
    }

    /// <summary>Wakes every waiter.</summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public void NotifyAll() => Notify(int.MaxValue);

    /// <inheritdoc/>
    public override string ToString() =>
        $"<AsyncCondition [{(_lock.Locked ? "locked" : "unlocked")}{(_waiters.Count > 0 ? $", waiters:{_waiters.Count}" : "")}]>";

    private void NotifyCore(int count)
    {
        int woken = 0;
        for (var waiter = _waiters.First; waiter is not null && woken < count; waiter = waiter.Next)
        {
            if (waiter.Done)
                continue;
            waiter.SetResult(false);
            woken++;
        }
    }

    private async Coroutine<bool> WaitAsync()
    {
        _lock.Release();
        try
        {
            var waiter = new Waiter<bool>(LoopBinding.Bind(ref _loop, this));
            _waiters.Enqueue(waiter);
            try
            {
                await waiter;
                return true;
            }
            catch (CancelledError)
            {
                if (waiter.Done && !waiter.Cancelled)
                    NotifyCore(1);   // we were notified but will not act on it: pass the notification on
                throw;
            }
            finally
            {
                _waiters.Remove(waiter);
            }
        }
        finally
        {
            // The lock must be held again when we leave, even if the wait was cancelled (also by a cancel scope).
            CancelledError? cancellation = null;
            await CancelScope.RunShielded(_lock.BoundLoop ?? EventLoop.Running, async () =>
            {
                while (true)
                {
                    try
                    {
                        _ = await _lock.Acquire();
                        break;
                    }
                    catch (CancelledError error)
                    {
                        cancellation = error;
                    }
                }
            });
            if (cancellation is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cancellation);
        }
    }
}
