namespace Coroutines.Tests.Generator;

/// <summary>
/// Stops a loop whose program never finishes (a lowering bug can turn a loop into an endless one), so that the test
/// fails with a message instead of hanging the whole run. A safety net on wall-clock time, not a timing assertion.
/// </summary>
internal sealed class LoopWatchdog : IDisposable
{
    private readonly Timer _timer;
    private volatile bool _fired;

    public LoopWatchdog(EventLoop loop, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(loop);
        _timer = new Timer(_ =>
        {
            _fired = true;
            loop.CallSoonThreadSafe(loop.Stop);
        }, null, limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Whether the limit passed and the loop was told to stop.</summary>
    public bool Fired => _fired;

    public void Dispose() => _timer.Dispose();
}
