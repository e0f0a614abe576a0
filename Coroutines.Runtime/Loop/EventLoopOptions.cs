using Microsoft.Extensions.Logging;

namespace Coroutines;

/// <summary>Settings for a new <see cref="EventLoop"/>.</summary>
public sealed class EventLoopOptions
{
    /// <summary>
    /// Where real time comes from; <see cref="System.TimeProvider.System"/> when null. Ignored when
    /// <see cref="VirtualTime"/> is set.
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// Deterministic virtual time: the clock starts at 0 and, whenever nothing is ready to run, jumps straight
    /// to the next timer's deadline. An hour of timers runs in milliseconds, in the same order every time.
    /// Tests use it for anything timing-dependent.
    /// </summary>
    public bool VirtualTime { get; init; }

    /// <summary>Starts the loop in debug mode (see <see cref="EventLoop.Debug"/>).</summary>
    public bool Debug { get; init; }

    /// <summary>In debug mode, callbacks at least this long are reported as slow (asyncio's default: 100 ms).</summary>
    public TimeSpan SlowCallbackDuration { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Starts every task the loop creates eagerly (asyncio 3.12's <c>loop.set_task_factory(asyncio.eager_task_factory)</c>);
    /// see <see cref="EventLoop.EagerTasks"/>.
    /// </summary>
    public bool EagerTasks { get; init; }

    /// <summary>Receives the default exception handler's reports and slow-callback warnings; stderr when null.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// How the loop waits for sockets and file descriptors: <see cref="Coroutines.IoBackend.Auto"/> (the default) picks
    /// epoll on Linux and the portable backend elsewhere. Tests select each backend explicitly to run on both.
    /// </summary>
    public IoBackend IoBackend { get; init; }

    /// <summary>
    /// Virtual time with I/O: while sockets or descriptors are watched, the clock jumps to the next timer only after the
    /// selector has seen nothing for this long in real time (Trio's <c>autojump_threshold</c>), so a loopback peer that
    /// takes a millisecond to answer never makes a test's timeout fire. Default 10 ms. Ignored in real time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan AutoJumpThreshold
    {
        get => _autoJumpThreshold;
        init => _autoJumpThreshold = value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(AutoJumpThreshold), value, "The auto-jump threshold must be zero or positive.");
    }

    private readonly TimeSpan _autoJumpThreshold = TimeSpan.FromMilliseconds(10);
}
