namespace Coroutines;

public static partial class Loop
{
    /// <summary>
    /// Awaits <paramref name="future"/> for at most <paramref name="seconds"/> (asyncio 3.12's <c>wait_for</c>, built on
    /// <see cref="Timeout(double?, Func{TimeoutScope, Coroutine})"/>). On expiry the future is cancelled and
    /// <b>waited for</b> until it really finishes, then <see cref="TimeoutException"/> is thrown; if it suppressed the
    /// cancellation and produced a value, that value is returned. Null waits without limit. Cancelling the awaiting
    /// task cancels the future too.
    /// </summary>
    /// <exception cref="TimeoutException">The future did not finish in time.</exception>
    public static async Coroutine<T> WaitFor<T>(Future<T> future, double? seconds)
    {
        ArgumentNullException.ThrowIfNull(future);
        if (seconds is not double delay)
            return await future;
        if (CheckDelay(delay, nameof(seconds)) <= 0)
            return await CancelNowUnlessDone(future);
        return await TimeoutAt(future.Loop.Time() + delay, _ => AwaitFuture(future));
    }

    /// <summary>
    /// Runs <paramref name="coroutine"/> for at most <paramref name="seconds"/>; see <see cref="WaitFor{T}(Future{T}, double?)"/>.
    /// With a positive limit the coroutine runs inline in the awaiting task; with zero or less it is scheduled as a
    /// task and cancelled before its first step, so its body never runs.
    /// </summary>
    public static async Coroutine<T> WaitFor<T>(Coroutine<T> coroutine, double? seconds)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        if (seconds is not double delay)
            return await coroutine;
        if (CheckDelay(delay, nameof(seconds)) <= 0)
            return await CancelNowUnlessDone(EventLoop.Current.CreateTask(coroutine));
        return await Timeout(delay, _ => coroutine);
    }

    /// <summary>Runs a coroutine without a result for at most <paramref name="seconds"/>.</summary>
    public static Coroutine WaitFor(Coroutine coroutine, double? seconds)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        return WaitFor(Scoped.AsVoidResult(coroutine), seconds);
    }

    /// <summary>Like <see cref="WaitFor{T}(Future{T}, double?)"/> with the limit as a <see cref="TimeSpan"/>.</summary>
    public static Coroutine<T> WaitFor<T>(Future<T> future, TimeSpan limit) => WaitFor(future, limit.TotalSeconds);

    /// <summary>Like <see cref="WaitFor{T}(Coroutine{T}, double?)"/> with the limit as a <see cref="TimeSpan"/>.</summary>
    public static Coroutine<T> WaitFor<T>(Coroutine<T> coroutine, TimeSpan limit) => WaitFor(coroutine, limit.TotalSeconds);

    /// <summary>Like <see cref="WaitFor(Coroutine, double?)"/> with the limit as a <see cref="TimeSpan"/>.</summary>
    public static Coroutine WaitFor(Coroutine coroutine, TimeSpan limit) => WaitFor(coroutine, limit.TotalSeconds);

    private static async Coroutine<T> AwaitFuture<T>(Future<T> future) => await future;

    /// <summary>asyncio's zero-timeout path: a done future gives its result, anything else is cancelled and waited for.</summary>
    private static async Coroutine<T> CancelNowUnlessDone<T>(Future<T> future)
    {
        if (future.Done)
            return future.Result();
        var done = Completion.WhenDone(future);
        future.Cancel();
        await done;
        try
        {
            return future.Result();
        }
        catch (CancelledError error)
        {
            throw new TimeoutException("The operation timed out.", error);
        }
    }
}
