namespace Coroutines;

public sealed partial class EventLoop
{
    [ThreadStatic] private static EventLoop? t_running;
    [ThreadStatic] private static EventLoop? t_current;

    /// <summary>
    /// The loop running on this thread (asyncio's <c>get_running_loop()</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// No loop is running on this thread. On a thread-pool thread the message explains the usual cause: <c>Task</c> code
    /// that continued there after awaiting a <c>Task</c>, and how to get back to the loop.
    /// </exception>
    public static EventLoop Running =>
        t_running ?? throw NoLoopError("There is no running event loop on this thread", "call this from a coroutine or a callback");

    /// <summary>The loop running on this thread, or null.</summary>
    public static EventLoop? RunningOrNull => t_running;

    /// <summary>
    /// The running loop, else the loop set for this thread with <see cref="SetCurrent"/>
    /// (asyncio's <c>get_event_loop()</c> with Python 3.14's rule: no loop is created implicitly).
    /// </summary>
    /// <exception cref="InvalidOperationException">No loop is running or set on this thread (see <see cref="Running"/> for a thread-pool thread).</exception>
    public static EventLoop Current =>
        t_running ?? t_current ?? throw NoLoopError(
            "There is no current event loop on this thread",
            "create one with EventLoop.New() and call EventLoop.SetCurrent(loop), or use EventLoop.Run(main)");

    /// <summary>
    /// The error of a loop API called where no loop is. The loop installs no <see cref="SynchronizationContext"/>, so
    /// <c>Task</c> code that awaited a <c>Task</c> completed off the loop continues on the thread pool: there the
    /// advice is how to get back to the loop, not how to make one.
    /// </summary>
    private static InvalidOperationException NoLoopError(string what, string otherwise) =>
        new(Thread.CurrentThread.IsThreadPoolThread
            ? $"{what}: this is a thread-pool thread. Task code continues on one after awaiting a Task that completed off " +
              "the loop (Task.Run, ConfigureAwait(false), I/O), since the loop installs no SynchronizationContext. Coroutine " +
              "APIs run on the loop's thread: hand the work back with loop.CallSoonThreadSafe(...) or " +
              "await loop.RunCoroutineThreadSafe(coroutine), or await that Task from a coroutine, which resumes on the loop."
            : $"{what}; {otherwise}.");

    /// <summary>Creates a new loop; it does not become current (asyncio's <c>new_event_loop()</c>).</summary>
    public static EventLoop New(EventLoopOptions? options = null) => new(options);

    /// <summary>Sets (or clears, with null) this thread's current loop (asyncio's <c>set_event_loop()</c>).</summary>
    /// <exception cref="ObjectDisposedException"><paramref name="loop"/> is closed.</exception>
    public static void SetCurrent(EventLoop? loop)
    {
        if (loop is { IsClosed: true })
            throw new ObjectDisposedException(nameof(EventLoop), "Cannot make a closed event loop current.");
        t_current = loop;
    }

    /// <summary>
    /// Runs <paramref name="main"/> on a new loop and returns its result (asyncio's <c>asyncio.run()</c>):
    /// the loop is made current, and afterwards every task still pending is cancelled and awaited (their
    /// exceptions go to the exception handler), the default executor's jobs are waited for
    /// (<see cref="ShutdownDefaultExecutor"/>, for at most <see cref="DefaultExecutorShutdownTimeout"/>), and the loop
    /// is closed with <see cref="Shutdown"/>, which first runs the callbacks other threads posted.
    /// </summary>
    /// <exception cref="InvalidOperationException">A loop is already running on this thread.</exception>
    public static T Run<T>(Coroutine<T> main, EventLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        T result = default!;
        RunCore(main, options, loop => result = loop.RunUntilComplete(main));
        return result;
    }

    /// <summary>Runs <paramref name="main"/> on a new loop; see <see cref="Run{T}(Coroutine{T}, EventLoopOptions?)"/>.</summary>
    public static void Run(Coroutine main, EventLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        RunCore(main, options, loop => loop.RunUntilComplete(main));
    }

    private static void RunCore(Coroutine main, EventLoopOptions? options, Action<EventLoop> run)
    {
        if (t_running is not null)
            throw new InvalidOperationException("EventLoop.Run() cannot be called from a running event loop; await the coroutine instead.");
        var loop = new EventLoop(options);
        var previous = t_current;
        t_current = loop;
        try
        {
            run(loop);
        }
        finally
        {
            try
            {
                loop.CancelRemainingTasks();
                // asyncio.run's order: the cancelled tasks' cleanup may still hand work to the executor.
                loop.RunUntilComplete(loop.ShutdownDefaultExecutor(DefaultExecutorShutdownTimeout));
            }
            finally
            {
                t_current = previous;
                loop.Shutdown();   // runs what other threads posted before closing: nothing accepted is dropped
            }
        }
    }

    /// <summary>Cancels every pending task, runs the loop until they finish, and reports their failures.</summary>
    private void CancelRemainingTasks()
    {
        var tasks = _tasks.Select(t => t.View).ToArray();
        if (tasks.Length == 0)
            return;
        foreach (var task in tasks)
            task.Cancel();
        var allDone = new Future<VoidResult>(this);
        int remaining = tasks.Length;
        foreach (var task in tasks)
        {
            task.AsFuture.AddDoneCallback(_ =>
            {
                if (--remaining == 0)
                    allDone.TrySetResult(default);
            });
        }
        RunUntilComplete(allDone);
        foreach (var task in tasks)
        {
            if (task.Cancelled)
                continue;
            if (task.AsFuture.Exception() is { } error)
            {
                CallExceptionHandler(new ExceptionContext("Unhandled exception during EventLoop.Run() shutdown")
                {
                    Exception = error,
                    Task = task,
                });
            }
        }
    }
}
