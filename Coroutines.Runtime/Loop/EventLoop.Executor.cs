namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>
    /// How long <see cref="Run(Coroutine, EventLoopOptions?)"/> lets the default executor finish its jobs before it
    /// closes the loop without them (asyncio's <c>THREAD_JOIN_TIMEOUT</c>, 300 seconds).
    /// </summary>
    public static readonly TimeSpan DefaultExecutorShutdownTimeout = TimeSpan.FromSeconds(300);

    private IExecutor _defaultExecutor = ThreadPoolExecutor.Instance;
    private int _defaultExecutorJobs;          // loop thread: default-executor jobs whose outcome has not arrived
    private bool _defaultExecutorShutDown;
    private List<Future<bool>>? _defaultExecutorDrainWaiters;

    /// <summary>The executor <see cref="RunInExecutor{T}(Func{T}, IExecutor?)"/> uses when none is given; the thread pool by default.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IExecutor DefaultExecutor
    {
        get => _defaultExecutor;
        set => _defaultExecutor = value ?? throw new ArgumentNullException(nameof(value), "The default executor cannot be null; use ThreadPoolExecutor.Instance.");
    }

    /// <summary>
    /// Runs blocking <paramref name="work"/> on <paramref name="executor"/> (the <see cref="DefaultExecutor"/> when null) and
    /// returns a future of its result, completed on the loop thread (asyncio's <c>run_in_executor</c>). Cancelling the future
    /// before the work starts keeps it from running. If the loop is closed when the work ends, the outcome is dropped.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="executor"/> is null and <see cref="ShutdownDefaultExecutor"/> was called: the default executor takes no new work.
    /// </exception>
    public Future<T> RunInExecutor<T>(Func<T> work, IExecutor? executor = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfClosed();
        bool onDefault = executor is null;
        if (onDefault && _defaultExecutorShutDown)
            throw new InvalidOperationException(
                "The default executor has been shut down (ShutdownDefaultExecutor was called) and takes no new work; pass an executor to RunInExecutor.");
        var future = new ExecutorFuture<T>(this, work, onDefault);
        BeginForeignWork();
        if (onDefault)
            _defaultExecutorJobs++;
        try
        {
            (executor ?? _defaultExecutor).Execute(future.Run);
        }
        catch
        {
            EndForeignWork();
            if (onDefault)
                OnDefaultExecutorJobEnded();
            throw;
        }
        return future;
    }

    /// <summary>Runs blocking <paramref name="work"/> without a result; see <see cref="RunInExecutor{T}(Func{T}, IExecutor?)"/>.</summary>
    public Future<VoidResult> RunInExecutor(Action work, IExecutor? executor = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunInExecutor(() =>
        {
            work();
            return VoidResult.Value;
        }, executor);
    }

    /// <summary>
    /// Shuts the default executor down (asyncio's <c>loop.shutdown_default_executor()</c>): from now on
    /// <see cref="RunInExecutor{T}(Func{T}, IExecutor?)"/> without an executor throws, and the returned coroutine waits
    /// until every job given to the default executor has ended and delivered its outcome (a job cancelled before it
    /// started counts as ended). After <paramref name="timeout"/>, if given, it warns through the loop's logger and
    /// returns without them, as asyncio 3.12 does; their outcomes still arrive while the loop runs.
    /// <see cref="Run(Coroutine, EventLoopOptions?)"/> calls it after cancelling the remaining tasks, with
    /// <see cref="DefaultExecutorShutdownTimeout"/>.
    /// </summary>
    /// <remarks>
    /// On a virtual-time loop the clock waits for executor jobs, so the timeout cannot expire before they end:
    /// only a real-time loop ever gives up on them.
    /// </remarks>
    /// <param name="timeout">How long to wait for the jobs; without limit when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    public Coroutine ShutdownDefaultExecutor(TimeSpan? timeout = null)
    {
        if (timeout is { } limit && limit < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "The timeout must be zero or positive; null waits without limit.");
        _defaultExecutorShutDown = true;   // at the call, not at the coroutine's first step: nothing slips in between
        return WaitForDefaultExecutorJobs(timeout);
    }

    private async Coroutine WaitForDefaultExecutorJobs(TimeSpan? timeout)
    {
        if (_defaultExecutorJobs == 0)
            return;
        var drained = CreateFuture<bool>();
        (_defaultExecutorDrainWaiters ??= new()).Add(drained);
        var timer = timeout is { } limit ? CallLater(limit, () => drained.TrySetResult(false)) : null;
        bool ended;
        try
        {
            ended = await drained;
        }
        finally
        {
            timer?.Cancel();
            _defaultExecutorDrainWaiters.Remove(drained);
        }
        if (!ended)
        {
            LogWarning($"The default executor did not finish its {_defaultExecutorJobs} job(s) within {timeout!.Value.TotalSeconds:0.###} seconds; " +
                "shutting down without waiting for them.");
        }
    }

    /// <summary>A default-executor job delivered its outcome or was abandoned before it started; loop thread.</summary>
    internal void OnDefaultExecutorJobEnded()
    {
        if (--_defaultExecutorJobs > 0 || _defaultExecutorDrainWaiters is not { Count: > 0 } waiters)
            return;
        foreach (var waiter in waiters.ToArray())
            waiter.TrySetResult(true);
    }
}
