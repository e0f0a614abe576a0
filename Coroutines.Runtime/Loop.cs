namespace Coroutines;

/// <summary>
/// The asyncio module-level functions, for code running on a loop: <c>await Loop.Sleep(...)</c>,
/// <c>await Loop.Yield()</c>, <c>Loop.EnsureFuture(...)</c>, <c>Loop.CurrentTask</c>.
/// </summary>
public static partial class Loop
{
    /// <summary>
    /// Suspends the current coroutine for exactly one loop iteration: every callback that was ready runs
    /// first (asyncio's <c>sleep(0)</c>).
    /// </summary>
    public static YieldAwaitable Yield() => default;

    /// <summary>
    /// Suspends the current coroutine for <paramref name="delay"/> of loop time (asyncio's <c>sleep</c>);
    /// zero or negative yields for one iteration. Unlike <c>Thread.Sleep</c>, other coroutines keep running.
    /// </summary>
    /// <remarks>
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> sleeps until cancelled, as it does for <see cref="Task.Delay(TimeSpan)"/>
    /// (as a plain negative duration it would only yield once).
    /// </remarks>
    public static SleepAwaitable Sleep(TimeSpan delay) => new(SecondsOf(delay));

    /// <summary>Suspends the current coroutine for <paramref name="seconds"/> seconds of loop time.</summary>
    /// <exception cref="ArgumentException"><paramref name="seconds"/> is NaN.</exception>
    public static SleepAwaitable Sleep(double seconds) => new(CheckDelay(seconds, nameof(seconds)));

    /// <summary>Sleeps, then returns <paramref name="result"/> (asyncio's <c>sleep(delay, result)</c>).</summary>
    public static SleepAwaitable<T> Sleep<T>(TimeSpan delay, T result) => new(SecondsOf(delay), result);

    /// <summary>Sleeps <paramref name="seconds"/> seconds, then returns <paramref name="result"/>.</summary>
    public static SleepAwaitable<T> Sleep<T>(double seconds, T result) => new(CheckDelay(seconds, nameof(seconds)), result);

    /// <summary>The task running the current coroutine, or null in a plain callback (asyncio's <c>current_task()</c>).</summary>
    /// <exception cref="InvalidOperationException">No loop is running on this thread.</exception>
    public static ICoroutineTask? CurrentTask => EventLoop.Running.CurrentTask;

    /// <summary>Schedules <paramref name="coroutine"/> as a task on the current loop (asyncio's <c>ensure_future</c>).</summary>
    /// <exception cref="InvalidOperationException">No loop is running or set on this thread.</exception>
    public static CoroutineTask<T> EnsureFuture<T>(Coroutine<T> coroutine) => EventLoop.Current.CreateTask(coroutine);

    /// <summary>Schedules a coroutine that produces no value as a task on the current loop.</summary>
    public static CoroutineTask EnsureFuture(Coroutine coroutine) => EventLoop.Current.CreateTask(coroutine);

    /// <summary>Returns <paramref name="future"/> itself: it is already scheduled (asyncio's <c>ensure_future</c> on a future).</summary>
    public static Future<T> EnsureFuture<T>(Future<T> future) => future ?? throw new ArgumentNullException(nameof(future));

    /// <summary>
    /// Schedules a coroutine as a named task on the running loop (asyncio's <c>create_task</c>), in <paramref name="context"/>
    /// or the caller's; see <see cref="EventLoop.CreateTask{T}(Coroutine{T}, string?, ExecutionContext?)"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No loop is running on this thread.</exception>
    public static CoroutineTask<T> CreateTask<T>(Coroutine<T> coroutine, string? name = null, ExecutionContext? context = null) =>
        EventLoop.Running.CreateTask(coroutine, name, context);

    /// <summary>Schedules a coroutine that produces no value as a named task on the running loop.</summary>
    public static CoroutineTask CreateTask(Coroutine coroutine, string? name = null, ExecutionContext? context = null) =>
        EventLoop.Running.CreateTask(coroutine, name, context);

    /// <summary>Creates a task on the running loop and runs its first step now; see <see cref="EventLoop.CreateEagerTask{T}(Coroutine{T}, string?, ExecutionContext?)"/>.</summary>
    public static CoroutineTask<T> CreateEagerTask<T>(Coroutine<T> coroutine, string? name = null, ExecutionContext? context = null) =>
        EventLoop.Running.CreateEagerTask(coroutine, name, context);

    /// <summary>Creates a task on the running loop and runs its first step now; see <see cref="EventLoop.CreateEagerTask(Coroutine, string?, ExecutionContext?)"/>.</summary>
    public static CoroutineTask CreateEagerTask(Coroutine coroutine, string? name = null, ExecutionContext? context = null) =>
        EventLoop.Running.CreateEagerTask(coroutine, name, context);

    /// <summary>
    /// Bridges a <see cref="System.Threading.Tasks.Task{TResult}"/> into a <see cref="Future{T}"/> of the current loop
    /// (asyncio's <c>wrap_future</c>): the result arrives on the loop thread. Cancelling the future does not cancel the task.
    /// Awaiting a task directly also resumes on the loop; wrap it when you need a future (cancellable, gatherable).
    /// </summary>
    public static Future<T> WrapTask<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var loop = EventLoop.Current;
        var future = new Future<T>(loop);
        loop.BeginForeignAwait();   // virtual time waits for the task, as for an awaited one
        task.ContinueWith(static (completed, state) =>
        {
            var target = (Future<T>)state!;
            target.Loop.TryCompleteForeignAwait(static pair =>
            {
                var (done, future) = ((Task<T>, Future<T>))pair!;
                if (future.Done)
                    return;
                if (done.IsCanceled)
                    future.Cancel();
                else if (done.Exception is { } error)
                    future.SetException(error.InnerExceptions.Count == 1 ? error.InnerException! : error);
                else
                    future.SetResult(done.Result);
            }, (object)(completed, target));
        }, future, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return future;
    }

    /// <summary>Bridges a <see cref="System.Threading.Tasks.Task"/> into a future; see <see cref="WrapTask{T}(Task{T})"/>.</summary>
    public static Future<VoidResult> WrapTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return WrapTask(task.ContinueWith(static t =>
        {
            t.GetAwaiter().GetResult();
            return VoidResult.Value;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
    }

    private static double SecondsOf(TimeSpan delay) =>
        delay == System.Threading.Timeout.InfiniteTimeSpan ? double.PositiveInfinity : delay.TotalSeconds;

    private static double CheckDelay(double seconds, string name) =>
        double.IsNaN(seconds) ? throw new ArgumentException("The delay must be a number of seconds, not NaN.", name) : seconds;
}
