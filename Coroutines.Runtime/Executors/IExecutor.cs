namespace Coroutines;

/// <summary>
/// Runs blocking work away from the loop thread, for <see cref="EventLoop.RunInExecutor{T}(Func{T}, IExecutor?)"/>
/// (asyncio's <c>concurrent.futures.Executor</c>).
/// </summary>
public interface IExecutor
{
    /// <summary>Starts <paramref name="work"/> on some other thread; must not run it inline on the caller's thread.</summary>
    void Execute(Action work);
}

/// <summary>Runs work on the .NET thread pool: the default executor.</summary>
public sealed class ThreadPoolExecutor : IExecutor
{
    /// <summary>The shared instance.</summary>
    public static ThreadPoolExecutor Instance { get; } = new();

    private ThreadPoolExecutor() { }

    /// <inheritdoc/>
    public void Execute(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThreadPool.UnsafeQueueUserWorkItem(static w => w(), work, preferLocal: false);
    }
}

/// <summary>Runs work through a <see cref="System.Threading.Tasks.TaskScheduler"/> (for example one with limited concurrency).</summary>
/// <param name="scheduler">The scheduler that runs the work.</param>
public sealed class TaskSchedulerExecutor(TaskScheduler scheduler) : IExecutor
{
    private readonly TaskScheduler _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));

    /// <inheritdoc/>
    public void Execute(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        System.Threading.Tasks.Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler);
    }
}
