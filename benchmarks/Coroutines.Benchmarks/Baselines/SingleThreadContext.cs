namespace Coroutines.Benchmarks.Baselines;

/// <summary>
/// The minimal single-thread <see cref="SynchronizationContext"/> a .NET developer writes to run
/// <c>async Task</c> code on one thread: <see cref="Post"/> queues, <see cref="Run"/> drains on the calling
/// thread until the main task completes. Post takes a lock because any thread may post; this is the
/// "plain .NET" peer of the event loop.
/// </summary>
public sealed class SingleThreadContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly object _lock = new();   // Monitor: Run waits on it for posts from other threads

    /// <inheritdoc/>
    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_lock)
        {
            _queue.Enqueue((d, state));
            if (_queue.Count == 1)
                Monitor.PulseAll(_lock);
        }
    }

    /// <inheritdoc/>
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("The single-thread benchmark context runs posted work only.");

    /// <summary>Runs <paramref name="main"/> with this context current and drains posted work until it completes.</summary>
    public void Run(Func<Task> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            var task = main();
            while (!task.IsCompleted)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (_lock)
                {
                    while (_queue.Count == 0)
                        Monitor.Wait(_lock);
                    item = _queue.Dequeue();
                }
                item.Callback(item.State);
            }
            task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <summary>Drains everything posted so far and whatever that posts, until the queue is empty.</summary>
    public void RunUntilIdle()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (true)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (_lock)
                {
                    if (!_queue.TryDequeue(out item))
                        return;
                }
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
