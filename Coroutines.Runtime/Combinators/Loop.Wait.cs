namespace Coroutines;

public static partial class Loop
{
    /// <summary>
    /// Waits until the futures meet <paramref name="returnWhen"/> or <paramref name="seconds"/> pass (asyncio's
    /// <c>wait</c>) and returns the done and pending sets. It never throws the futures' exceptions, does not throw on
    /// timeout, and cancels nothing: neither the pending futures at the deadline, nor the futures when the awaiting
    /// task is cancelled. Duplicates count once. Coroutines are not accepted: schedule them as tasks first.
    /// </summary>
    /// <exception cref="ArgumentException">No futures were given, <paramref name="returnWhen"/> is not a defined value,
    /// or the futures belong to different loops.</exception>
    public static async Coroutine<WaitResult<TFuture>> Wait<TFuture>(IEnumerable<TFuture> futures, double? seconds = null, ReturnWhen returnWhen = ReturnWhen.AllCompleted)
        where TFuture : Future
    {
        ArgumentNullException.ThrowIfNull(futures);
        if (!Enum.IsDefined(returnWhen))
            throw new ArgumentException($"Invalid ReturnWhen value: {returnWhen}.", nameof(returnWhen));
        var set = new HashSet<TFuture>(ReferenceEqualityComparer.Instance);
        foreach (var future in futures)
            set.Add(future ?? throw new ArgumentException("Wait got a null future.", nameof(futures)));
        if (set.Count == 0)
            throw new ArgumentException("The set of futures to wait for is empty.", nameof(futures));
        var loop = EventLoop.Running;
        if (set.Any(f => !ReferenceEquals(f.Loop, loop)))
            throw new ArgumentException("Every future passed to Wait must belong to the running event loop.", nameof(futures));

        var waiter = loop.CreateFuture<VoidResult>();
        TimerHandle? timeout = seconds is double delay ? loop.CallLater(CheckDelay(delay, nameof(seconds)), () => waiter.TrySetResult(VoidResult.Value)) : null;
        int pending = set.Count;
        Action<Future> onCompletion = future =>
        {
            pending--;
            if (pending <= 0
                || returnWhen == ReturnWhen.FirstCompleted
                || (returnWhen == ReturnWhen.FirstException && !future.Cancelled && future.ExceptionUnchecked is not null))
            {
                timeout?.Cancel();
                waiter.TrySetResult(VoidResult.Value);
            }
        };
        foreach (var future in set)
            future.AddDoneCallback(onCompletion);
        try
        {
            await waiter;
        }
        finally
        {
            timeout?.Cancel();
            foreach (var future in set)
                future.RemoveDoneCallback(onCompletion);
        }
        var done = new HashSet<TFuture>(ReferenceEqualityComparer.Instance);
        var stillPending = new HashSet<TFuture>(ReferenceEqualityComparer.Instance);
        foreach (var future in set)
            (future.Done ? done : stillPending).Add(future);
        return new WaitResult<TFuture>(done, stillPending);
    }
}
