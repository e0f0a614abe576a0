namespace Coroutines;

public sealed partial class EventLoop
{
    private IExecutor _defaultExecutor = ThreadPoolExecutor.Instance;

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
    public Future<T> RunInExecutor<T>(Func<T> work, IExecutor? executor = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfClosed();
        var future = new ExecutorFuture<T>(this, work);
        BeginForeignWork();
        try
        {
            (executor ?? _defaultExecutor).Execute(future.Run);
        }
        catch
        {
            EndForeignWork();
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
}
