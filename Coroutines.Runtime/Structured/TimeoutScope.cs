namespace Coroutines;

/// <summary>
/// asyncio's <c>Timeout</c> (from <c>asyncio.timeout()</c> / <c>timeout_at()</c>): at the deadline it cancels the
/// current task once (edge-triggered), and when the body exits with that cancellation it uncancels the task and
/// throws <see cref="TimeoutException"/> instead. Obtain one through <see cref="Loop.Timeout(double?, Func{TimeoutScope, Coroutine})"/>
/// or <see cref="Loop.TimeoutAt(double?, Func{TimeoutScope, Coroutine})"/>, which run the body inside it.
/// </summary>
/// <remarks>
/// <para>The body is a coroutine lambda rather than a <c>using</c> block because C#'s <c>Dispose</c> cannot see the
/// exception leaving the block, and the timeout must turn exactly its own <see cref="CancelledError"/> into a
/// <see cref="TimeoutException"/> while letting every other exception through.</para>
/// <para>Differences from asyncio, both fixing its open bugs: a cancellation that was already pending on entry
/// (requested but not yet seen by the coroutine) is never turned into a timeout (CPython issue 134471), and .NET
/// exceptions have no implicit context chain, so an unrelated exception passes through without a
/// <see cref="TimeoutException"/> attached. A deadline that already passed still takes effect only at the body's
/// first suspension, as in asyncio; use <see cref="Loop.FailAfter(double, Func{CancelScope, Coroutine})"/> for a
/// level-triggered timeout.</para>
/// </remarks>
public sealed class TimeoutScope : ITaskBoundScope
{
    private enum Phase { Created, Entered, Expiring, Expired, Exited }

    private readonly EventLoop _loop;
    private double? _when;
    private Phase _phase;
    private ITaskDriver? _task;
    private int _cancelRequestsAtEntry;
    private bool _cancellationPendingAtEntry;
    private object? _handle;   // TimerHandle, or Handle boxed when the deadline had already passed

    internal TimeoutScope(EventLoop loop, double? when)
    {
        _loop = loop;
        if (when is double value && double.IsNaN(value))
            throw new ArgumentException("The deadline must be a loop time in seconds, not NaN.", nameof(when));
        _when = when;
    }

    /// <summary>The deadline in loop time, or null when the timeout never expires (asyncio's <c>when()</c>).</summary>
    public double? When => _when;

    /// <summary>Whether the deadline was reached (asyncio's <c>expired()</c>: expiring or expired).</summary>
    public bool Expired => _phase is Phase.Expiring or Phase.Expired;

    /// <summary>
    /// Moves the deadline to <paramref name="when"/> (loop time), or disables the timeout with null
    /// (asyncio's <c>reschedule()</c>). A deadline in the past expires on the next loop iteration.
    /// </summary>
    /// <exception cref="InvalidOperationException">The timeout is not active: not entered yet, expiring, expired or finished.</exception>
    public void Reschedule(double? when)
    {
        switch (_phase)
        {
            case Phase.Created:
                throw new InvalidOperationException("The timeout has not been entered.");
            case Phase.Expiring:
                throw new InvalidOperationException("Cannot reschedule a timeout that is expiring.");
            case Phase.Expired:
                throw new InvalidOperationException("Cannot reschedule a timeout that has expired.");
            case Phase.Exited:
                throw new InvalidOperationException("Cannot reschedule a timeout that has finished.");
        }
        if (when is double value && double.IsNaN(value))
            throw new ArgumentException("The deadline must be a loop time in seconds, not NaN.", nameof(when));
        _when = when;
        CancelHandle();
        if (when is not double deadline)
            return;
        _handle = deadline <= _loop.Time()
            ? _loop.CallSoon(static scope => scope.OnDeadline(), this)
            : _loop.CallAt(deadline, static scope => scope.OnDeadline(), this);
    }

    /// <inheritdoc/>
    public override string ToString() => _phase switch
    {
        Phase.Entered => _when is double when ? $"<Timeout [active] when={when}>" : "<Timeout [active] when=None>",
        Phase.Expiring or Phase.Expired => "<Timeout [expired]>",
        Phase.Exited => "<Timeout [finished]>",
        _ => "<Timeout [created]>",
    };

    internal async Coroutine<T> RunAsync<T>(Func<TimeoutScope, Coroutine<T>> body)
    {
        Enter();
        T result;
        try
        {
            result = await body(this);
        }
        catch (CancelledError error)
        {
            if (Exit(cancelled: true))
                throw new TimeoutException("The operation timed out.", error);
            throw;
        }
        catch
        {
            Exit(cancelled: false);
            throw;
        }
        Exit(cancelled: false);
        return result;
    }

    private void Enter()
    {
        if (_phase != Phase.Created)
            throw new InvalidOperationException("The timeout has already been entered.");
        var task = _loop.CurrentTaskDriver
            ?? throw new InvalidOperationException("Timeout should be used inside a task: await it from a coroutine.");
        _task = task;
        _cancelRequestsAtEntry = task.View.Cancelling();
        _cancellationPendingAtEntry = task.CancellationPending;
        _phase = Phase.Entered;
        task.ScopeEntered(this);
        Reschedule(_when);
    }

    /// <summary>The deadline now cancels <paramref name="to"/>; one it already delivered to <paramref name="from"/> moves too.</summary>
    void ITaskBoundScope.MoveTo(ITaskDriver from, ITaskDriver to)
    {
        _task = to;
        _cancelRequestsAtEntry = to.View.Cancelling();
        _cancellationPendingAtEntry = to.CancellationPending;
        if (_phase == Phase.Expiring)
        {
            from.View.Uncancel();
            to.View.Cancel();
        }
    }

    /// <summary>Leaves the scope; returns whether the body's <see cref="CancelledError"/> becomes a timeout.</summary>
    private bool Exit(bool cancelled)
    {
        CancelHandle();
        _task!.ScopeExited(this);
        bool convert = false;
        if (_phase == Phase.Expiring)
        {
            _phase = Phase.Expired;
            convert = _task!.View.Uncancel() <= _cancelRequestsAtEntry && cancelled && !_cancellationPendingAtEntry;
        }
        else if (_phase == Phase.Entered)
        {
            _phase = Phase.Exited;
        }
        return convert;
    }

    private void OnDeadline()
    {
        _handle = null;
        if (_phase != Phase.Entered)
            return;
        _phase = Phase.Expiring;
        _task!.View.Cancel();
    }

    private void CancelHandle()
    {
        switch (_handle)
        {
            case TimerHandle timer:
                timer.Cancel();
                break;
            case Handle soon:
                soon.Cancel();
                break;
        }
        _handle = null;
    }
}
