using System.Diagnostics;

namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>
    /// While callbacks are ready, the loop asks the OS for I/O events only every this many iterations (when a socket is
    /// watched at all), since each ask is a system call: measured by the io-busy-poll benchmark (see docs/guides/io.md).
    /// </summary>
    internal const int DefaultBusyPollInterval = 32;

    /// <summary>The busy-poll interval of this loop (<see cref="DefaultBusyPollInterval"/>; the benchmark varies it).</summary>
    internal int BusyPollInterval { get; set; } = DefaultBusyPollInterval;

    private readonly int _autoJumpThresholdMilliseconds;
    private int _turnsSincePoll;
    private bool _wakeSignalled;   // guarded by _incomingLock: the eventfd was written for the current blocking poll

    /// <summary>Nothing is ready: wait for I/O, the next timer or a thread-safe call; in virtual time, maybe jump the clock.</summary>
    private void WaitForWork()
    {
        double deadline = NextTimerDeadline();
        if (_virtualTime)
        {
            WaitInVirtualTime(deadline);
            return;
        }
        if (double.IsPositiveInfinity(deadline))
        {
            BlockUntilWork(Timeout.Infinite);
            return;
        }
        double timeout = Math.Clamp(deadline - Time(), 0, 86400);
        if (timeout > 0)
            BlockUntilWork((int)Math.Ceiling(timeout * 1000));   // round up: never spin on a sub-millisecond wait
        else if (_selector.ActiveWatchCount > 0)
            PollWithoutWaiting();
    }

    /// <summary>
    /// Trio's autojump rule: the clock jumps to the next timer only when the loop is idle. Foreign work in flight is not
    /// idle (its outcome will arrive), and while sockets are watched the loop is idle only after the selector has seen
    /// nothing for the auto-jump threshold of real time.
    /// </summary>
    private void WaitInVirtualTime(double deadline)
    {
        if (double.IsPositiveInfinity(deadline))
        {
            BlockUntilWork(Timeout.Infinite);
            return;
        }
        if (ForeignWorkInFlight > 0)
        {
            // Timers wait for the foreign work: in debug mode, say so if that takes long.
            if (!Debug || BlockUntilWork((int)Math.Ceiling(ClockStarvationWarning.TotalMilliseconds)))
                BlockUntilWork(Timeout.Infinite);
            else
            {
                CheckClockStarvation();
                BlockUntilWork(Timeout.Infinite);
            }
            return;
        }
        if (ForeignAwaitsInFlight > 0)
        {
            if (BlockUntilWork((int)ForeignAwaitPatience.TotalMilliseconds))
                return;   // the awaited Task delivered (or something else happened): not idle
        }
        else if (_selector.ActiveWatchCount > 0 && BlockUntilWork(_autoJumpThresholdMilliseconds))
        {
            return;   // something happened: the loop was not idle
        }
        if (ForeignWorkInFlight > 0)
            return;   // a callback started foreign work meanwhile: wait for it on the next iteration
        if (Volatile.Read(ref _incomingCount) > 0)
            return;   // a thread-safe call arrived (an awaited Task's resume ends its foreign await and posts in one step): not idle
        if (_selector.ActiveWatchCount > 0 && _selector.ReadinessInTransit())
            return;   // the OS saw readiness whose report is still on its way: not idle, wait again
        if (deadline > _virtualNow)
            _virtualNow = deadline;
    }

    /// <summary>
    /// Debug mode, virtual time: how long (in real time) the clock may stand still while timers wait before the loop
    /// warns that it is starved.
    /// </summary>
    internal TimeSpan ClockStarvationWarning { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Virtual time: how long (real time) an idle loop waits for an awaited foreign Task before it jumps the clock anyway,
    /// since the Task may be one the loop itself would complete (a TaskCompletionSource set by a timer callback).
    /// </summary>
    internal TimeSpan ForeignAwaitPatience { get; set; } = TimeSpan.FromSeconds(1);

    private double _clockStillAt = double.NaN;
    private long _clockStillSince;
    private bool _clockStarvationReported;

    /// <summary>
    /// Debug mode, virtual time: warns once when timers wait but the clock has not moved for
    /// <see cref="ClockStarvationWarning"/> of real time, because the loop is never idle (a coroutine spinning on
    /// <c>Loop.Yield()</c>) or foreign work it waits for is still in flight.
    /// </summary>
    private void CheckClockStarvation()
    {
        long now = Stopwatch.GetTimestamp();
        if (_virtualNow != _clockStillAt || ScheduledTimerCount == 0)
        {
            _clockStillAt = _virtualNow;
            _clockStillSince = now;
            _clockStarvationReported = false;
            return;
        }
        var still = Stopwatch.GetElapsedTime(_clockStillSince, now);
        if (_clockStarvationReported || still < ClockStarvationWarning)
            return;
        _clockStarvationReported = true;
        int inFlight = ForeignWorkInFlight + ForeignAwaitsInFlight;
        string reason = inFlight > 0
            ? $"{inFlight} foreign operation(s) (executor jobs, awaited Tasks) are still in flight, and the clock waits for them"
            : "callbacks are ready on every iteration (a coroutine spinning on Loop.Yield()?), and the clock jumps only when the loop is idle";
        LogWarning($"Virtual time has stood at {_virtualNow:0.###} s for {still.TotalSeconds:0.0} s of real time while " +
            $"{ScheduledTimerCount} timer(s) wait: {reason}.");
    }

    private void PollWithoutWaiting()
    {
        _turnsSincePoll = 0;
        _selector.Poll(0);
    }

    /// <summary>
    /// Blocks until I/O is ready, a thread-safe call arrives or <paramref name="timeoutMilliseconds"/> pass (-1: no
    /// limit), running the I/O handlers. Returns whether anything arrived.
    /// </summary>
    private bool BlockUntilWork(int timeoutMilliseconds)
    {
        _turnsSincePoll = 0;
        if (!_selector.WaitsInPoll)
            return WaitForIncoming(timeoutMilliseconds);
        bool block;
        lock (_incomingLock)
        {
            block = _incoming.Count == 0;
            _waiting = block;
        }
        int handled = 0;
        if (block)
        {
            try
            {
                handled = _selector.Poll(timeoutMilliseconds);
            }
            finally
            {
                bool consume;
                lock (_incomingLock)
                {
                    _waiting = false;
                    consume = _wakeSignalled;
                    _wakeSignalled = false;
                }
                if (consume)
                    _selector.ConsumeWake();
            }
        }
        if (Volatile.Read(ref _incomingCount) == 0)
            return handled > 0;
        DrainIncoming();
        return true;
    }

    /// <summary>The monitor wait of the portable backend, whose readiness arrives as thread-safe calls.</summary>
    private bool WaitForIncoming(int timeoutMilliseconds)
    {
        lock (_incomingLock)
        {
            if (_incoming.Count == 0)
            {
                _waiting = true;
                Monitor.Wait(_incomingLock, timeoutMilliseconds);
                _waiting = false;
            }
        }
        if (Volatile.Read(ref _incomingCount) == 0)
            return false;
        DrainIncoming();
        return true;
    }

    /// <summary>Called under <c>_incomingLock</c> by a thread-safe post while the loop is blocked (or about to be).</summary>
    private void WakeWaitingLoop()
    {
        if (!_selector.WaitsInPoll)
        {
            Monitor.Pulse(_incomingLock);
            return;
        }
        if (_wakeSignalled)
            return;   // one eventfd write per blocking poll is enough
        _wakeSignalled = true;
        _selector.Wake();
    }
}
