namespace Coroutines;

/// <summary>Waiting for futures to finish without taking on their outcome.</summary>
internal static class Completion
{
    /// <summary>
    /// A fresh future that gets a result once <paramref name="future"/> is done, whatever its outcome. Awaiting it
    /// instead of the future itself means a cancellation of the awaiting task cancels only this waiter.
    /// </summary>
    public static Future<VoidResult> WhenDone(Future future)
    {
        var waiter = future.Loop.CreateFuture<VoidResult>();
        future.AddDoneCallback(_ => waiter.TrySetResult(VoidResult.Value));
        return waiter;
    }

    /// <summary>A future that gets a result once every one of <paramref name="futures"/> is done.</summary>
    public static Future<VoidResult> WhenAllDone(EventLoop loop, IReadOnlyCollection<Future> futures)
    {
        var waiter = loop.CreateFuture<VoidResult>();
        int pending = 0;
        foreach (var future in futures)
        {
            if (!future.Done)
                pending++;
        }
        if (pending == 0)
        {
            waiter.SetResult(VoidResult.Value);
            return waiter;
        }
        foreach (var future in futures)
        {
            if (future.Done)
                continue;
            future.AddDoneCallback(_ =>
            {
                if (--pending == 0)
                    waiter.TrySetResult(VoidResult.Value);
            });
        }
        return waiter;
    }

    /// <summary>
    /// Waits until every one of <paramref name="futures"/> is done, even if the current task is cancelled meanwhile
    /// (or sits in a cancelled scope); a cancellation seen while waiting is rethrown afterwards.
    /// </summary>
    public static async Coroutine WaitAllDoneThenRethrowCancellation(EventLoop loop, IReadOnlyCollection<Future> futures)
    {
        CancelledError? cancellation = null;
        while (futures.Any(f => !f.Done))
        {
            try
            {
                await WhenAllDone(loop, futures);
            }
            catch (CancelledError error)
            {
                cancellation = error;
                if (futures.Any(f => !f.Done))
                    await WhenAllDoneShielded(loop, futures);
            }
        }
        if (cancellation is not null)
            throw cancellation;
    }

    /// <summary>Waits in a shielded cancel scope, so a cancelled enclosing scope does not spin the wait.</summary>
    private static Coroutine WhenAllDoneShielded(EventLoop loop, IReadOnlyCollection<Future> futures) =>
        CancelScope.RunShielded(loop, async () =>
        {
            try
            {
                await WhenAllDone(loop, futures);
            }
            catch (CancelledError)
            {
                // Another Cancel of the task: keep waiting on the next round of the caller's loop.
            }
        });
}
