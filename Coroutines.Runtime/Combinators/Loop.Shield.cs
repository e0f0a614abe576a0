namespace Coroutines;

public static partial class Loop
{
    /// <summary>
    /// Protects <paramref name="inner"/> from cancellation (asyncio's <c>shield</c>): the returned future copies the
    /// inner outcome, and cancelling it, or the task awaiting it, does not cancel the inner future. If the inner future
    /// is already done it is returned as is. If the inner future fails after the outer one was cancelled, its exception
    /// is marked retrieved, as in asyncio.
    /// </summary>
    public static Future<T> Shield<T>(Future<T> inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner.Done)
            return inner;
        var outer = new Future<T>(inner.Loop);
        Action<Future<T>> copy = done =>
        {
            if (outer.Cancelled)
            {
                if (!done.Cancelled)
                    done.MarkRetrieved();
                return;
            }
            if (done.Cancelled)
                outer.Cancel(done.CancelMessage);
            else if (done.ExceptionUnchecked is { } error)
            {
                done.MarkRetrieved();
                outer.SetException(error);
            }
            else
                outer.SetResult(done.ResultUnchecked);
        };
        inner.AddDoneCallback(copy);
        outer.AddDoneCallback(_ =>
        {
            if (!inner.Done)
                inner.RemoveDoneCallback(copy);
        });
        return outer;
    }

    /// <summary>Schedules <paramref name="coroutine"/> as a task and shields it; see <see cref="Shield{T}(Future{T})"/>.</summary>
    public static Future<T> Shield<T>(Coroutine<T> coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        return Shield(EventLoop.Current.CreateTask(coroutine));
    }

    /// <summary>Schedules a coroutine without a result as a task and shields it.</summary>
    public static Future<VoidResult> Shield(Coroutine coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        return Shield<VoidResult>(EventLoop.Current.CreateTask(coroutine));
    }
}
