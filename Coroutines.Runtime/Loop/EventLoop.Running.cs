using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Coroutines;

public sealed partial class EventLoop
{
    private static readonly Action<Future> s_stopWhenDone = static future => future.Loop.Stop();

    /// <summary>Runs the loop until <see cref="Stop"/> is called.</summary>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">The loop is already running, or another loop runs on this thread.</exception>
    public void RunForever()
    {
        ThrowIfCannotRun();
        t_running = this;
        _threadId = Environment.CurrentManagedThreadId;
        _running = true;
        try
        {
            while (true)
            {
                RunOnce();
                if (_stopping)
                    break;
            }
        }
        finally
        {
            _stopping = false;
            _running = false;
            _threadId = 0;
            t_running = null;
        }
    }

    /// <summary>Refuses to run a closed loop, a loop already running, or any loop while another runs on this thread.</summary>
    private void ThrowIfCannotRun()
    {
        ThrowIfClosed();
        if (_running)
            throw new InvalidOperationException("This event loop is already running.");
        if (t_running is not null)
            throw new InvalidOperationException("Cannot run the event loop while another loop is running on this thread.");
    }

    /// <summary>
    /// Stops the loop after the current iteration; callbacks scheduled meanwhile stay queued for the next run.
    /// Called before the loop runs, the next <see cref="RunForever"/> runs exactly one iteration.
    /// </summary>
    public void Stop() => _stopping = true;

    /// <summary>Runs <paramref name="coroutine"/> as a task until it completes and returns its result (or throws its exception).</summary>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">
    /// The loop stopped before the coroutine completed, is already running, or another loop runs on this thread
    /// (checked before the coroutine is scheduled, so a refused call leaves no task behind).
    /// </exception>
    /// <exception cref="CancelledError">The task was cancelled.</exception>
    public T RunUntilComplete<T>(Coroutine<T> coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ThrowIfCannotRun();   // before scheduling, as asyncio checks: a refused call must not leave a task behind
        var task = CreateTask(coroutine);
        RunUntilDone(task);
        return task.Result();
    }

    /// <summary>Runs <paramref name="coroutine"/> as a task until it completes (or throws its exception).</summary>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">The loop stopped before the coroutine completed, is already running, or another loop runs on this thread.</exception>
    public void RunUntilComplete(Coroutine coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ThrowIfCannotRun();
        var task = CreateTask(coroutine);
        RunUntilDone(task);
        task.Result();
    }

    /// <summary>Runs the loop until <paramref name="future"/> is done and returns its result.</summary>
    /// <exception cref="ArgumentException">The future belongs to a different loop.</exception>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">The loop stopped before the future completed, is already running, or another loop runs on this thread.</exception>
    /// <exception cref="CancelledError">The future was cancelled.</exception>
    public T RunUntilComplete<T>(Future<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        RunUntilDone(future);
        return future.Result();
    }

    /// <summary>Runs the loop until <paramref name="future"/> is done; throws its exception, if any.</summary>
    public void RunUntilComplete(Future future)
    {
        ArgumentNullException.ThrowIfNull(future);
        RunUntilDone(future);
        future.ResultObject();
    }

    private void RunUntilDone(Future future)
    {
        ThrowIfClosed();
        if (!ReferenceEquals(future.Loop, this))
            throw new ArgumentException("The future belongs to a different loop than the one it was passed to.", nameof(future));
        ThrowIfCannotRun();
        future.AddDoneCallback(s_stopWhenDone);
        try
        {
            RunForever();
        }
        finally
        {
            future.RemoveDoneCallback(s_stopWhenDone);
        }
        if (!future.Done)
            throw new InvalidOperationException("Event loop stopped before Future completed.");
    }

    /// <summary>
    /// Closes the loop: queued callbacks and timers are dropped without running, and pending tasks are reported
    /// to the exception handler ("Task was destroyed but it is pending!"); the <c>Task</c> that
    /// <see cref="RunCoroutineThreadSafe{T}(Coroutine{T}, CancellationToken)"/> returned for such a task fails with
    /// <see cref="ObjectDisposedException"/> instead of staying pending. Callbacks that
    /// <see cref="CallSoonThreadSafe(Action)"/> accepted but the loop never ran are reported too, with their count:
    /// use <see cref="Shutdown"/> to run them first. Idempotent.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop is running.</exception>
    public void Close()
    {
        if (_running)
            throw new InvalidOperationException("Cannot close a running event loop.");
        if (_closed)
            return;
        CloseCloseables();   // first, while the loop still accepts calls: a transport may schedule its last callbacks
        var pending = _tasks.ToArray();
        int droppedThreadSafe;
        List<IDroppedOnClose>? waitedFor = null;
        lock (_incomingLock)
        {
            _closed = true;
            droppedThreadSafe = _incoming.Count;
            foreach (var item in _incoming)
            {
                if (item.Callback is IDroppedOnClose dropped)
                    (waitedFor ??= new()).Add(dropped);
            }
            _incoming.Clear();
            Volatile.Write(ref _incomingCount, 0);
        }
        _ready.Clear();
        _wheel.Clear(static _ => { });
        _due.Clear();
        _expired.Clear();
        _timerPool.Clear();
        _selector.Dispose();
        ReportUnobservedFailures();
        if (droppedThreadSafe > 0)
        {
            CallExceptionHandler(new ExceptionContext(
                $"{droppedThreadSafe} callback(s) accepted by CallSoonThreadSafe never ran: the loop was closed before its next iteration. Close it with Shutdown() to run them first.")
            {
                Extra = new Dictionary<string, object?> { ["dropped_callbacks"] = droppedThreadSafe },
            });
        }
        if (waitedFor is not null)
        {
            foreach (var dropped in waitedFor)
                dropped.LoopClosedBeforeItRan();
        }
        foreach (var task in pending)
            CallExceptionHandler(new ExceptionContext("Task was destroyed but it is pending!") { Task = task.View });
        _tasks.Clear();
        if (_waitedOnFromOtherThreads is { } stillPending)
        {
            _waitedOnFromOtherThreads = null;
            foreach (var work in stillPending)
                work.LoopClosedWhilePending();
        }
        if (ReferenceEquals(t_current, this))
            t_current = null;
    }

    /// <summary>
    /// Closes the loop after running what it has accepted: from now on other threads' <c>CallSoonThreadSafe</c>
    /// calls are refused (they throw <see cref="ObjectDisposedException"/>, as on a closed loop), then one last
    /// iteration runs the ready callbacks and every thread-safe call accepted before, then <see cref="Close"/>.
    /// Nothing accepted is dropped. <see cref="Run(Coroutine, EventLoopOptions?)"/> ends with it. Timers that are
    /// not due are not waited for; they are dropped, as by <see cref="Close"/>. Idempotent.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop is running.</exception>
    public void Shutdown()
    {
        if (_running)
            throw new InvalidOperationException("Cannot shut down a running event loop; stop it first.");
        if (_closed)
            return;
        lock (_incomingLock)
            _refusingThreadSafe = true;
        if (_ready.Count > 0 || Volatile.Read(ref _incomingCount) != 0)
        {
            Stop();
            RunForever();   // exactly one iteration: it drains the thread-safe calls and runs everything ready
        }
        Close();
    }

    /// <summary>Closes the loop (<see cref="Close"/>).</summary>
    public void Dispose() => Close();

    // ---- one iteration ----

    // Compiled optimised from the first call: a short program otherwise runs its first iterations as tier-0 code
    // (see benchmarks/RESULTS.md, "Short programs and bursts").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void RunOnce()
    {
        _iterations++;
        if (Volatile.Read(ref _incomingCount) != 0)
            DrainIncoming();
        if (_virtualTime && Debug)
            CheckClockStarvation();
        if (_ready.Count == 0 && !_stopping)
            WaitForWork();
        else if (_selector.ActiveWatchCount > 0 && (_ready.Count == 0 || ++_turnsSincePoll >= BusyPollInterval))
            PollWithoutWaiting();
        if (ScheduledTimerCount > 0)
            CollectExpiredTimers(Time());

        // Run only what was ready when the iteration began: anything scheduled now waits for the next one.
        int count = _ready.Count;
        bool debug = Debug;
        for (int i = 0; i < count; i++)
        {
            _ready.Dequeue(out var item);
            if (item.Kind == WorkKind.Cancelled)
                continue;
            if (debug)
            {
                RunTimed(item.Callback!, item.State, item.Kind);
                continue;
            }
            try
            {
                Invoke(item.Callback!, item.State, item.Kind);
            }
            catch (Exception e)
            {
                ReportCallbackException(e, item.Callback, item.Kind);
            }
        }
        if (_expired.Count > 0)
            RunExpiredTimers(debug);
    }

    /// <summary>
    /// The deadline of the next timer, or the time the wheel must next cascade (real time), or +infinity.
    /// In virtual time the wheel is advanced to the next timer so the deadline is exact.
    /// </summary>
    private double NextTimerDeadline()
    {
        while (true)
        {
            if (_due.Count > 0)
                return _due.Peek().Deadline;
            if (_wheel.Count == 0)
                return double.PositiveInfinity;
            long tick = _wheel.NextEventTick();
            if (!_virtualTime)
                return tick / Timers.TimingWheel.TicksPerSecond;
            _wheel.AdvanceTo(tick);
        }
    }

    private void CollectExpiredTimers(double now)
    {
        _wheel.AdvanceTo(Timers.TimingWheel.TickOf(now));
        double limit = now + ClockResolution;
        while (_due.Count > 0)
        {
            var top = _due.Peek();
            if (top.Deadline > limit)
                break;
            _due.Pop();
            top.Where = TimerHandle.Location.Expired;
            _expired.Add(top);
        }
    }

    private void RunExpiredTimers(bool debug)
    {
        // Expired timers run after this iteration's ready callbacks, as asyncio appends them to its ready queue.
        var expired = _expired;
        for (int i = 0; i < expired.Count; i++)
        {
            var node = expired[i];
            var callback = node.Callback;
            var state = node.State;
            var kind = node.Kind;
            bool cancelled = node.IsCancelled;
            node.Where = TimerHandle.Location.None;
            node.Callback = null;
            node.State = null;
            Recycle(node);
            if (cancelled || callback is null)
                continue;
            RunCallback(callback, state, kind, debug);
        }
        expired.Clear();
    }

    /// <summary>Runs one callback outside the ready queue (expired timers, readiness callbacks), with the queue's error handling and debug timing.</summary>
    internal void RunCallback(object callback, object? state, WorkKind kind) => RunCallback(callback, state, kind, Debug);

    private void RunCallback(object callback, object? state, WorkKind kind, bool debug)
    {
        if (debug)
        {
            RunTimed(callback, state, kind);
            return;
        }
        try
        {
            Invoke(callback, state, kind);
        }
        catch (Exception e)
        {
            ReportCallbackException(e, callback, kind);
        }
    }

    private void RunTimed(object callback, object? state, WorkKind kind)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            Invoke(callback, state, kind);
        }
        catch (Exception e)
        {
            ReportCallbackException(e, callback, kind);
        }
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (elapsed >= SlowCallbackDuration)
            WarnSlowCallback(Describe(callback, kind), elapsed);
    }

    private void WarnSlowCallback(string description, TimeSpan elapsed) =>
        LogWarning($"Executing {description} took {elapsed.TotalSeconds:0.000} seconds");

    internal void LogWarning(string message)
    {
        if (Logger is { } logger)
            logger.LogWarning("{LoopWarning}", message);
        else
            Console.Error.WriteLine(message);
    }

    private void ReportCallbackException(Exception exception, object? callback, WorkKind kind)
    {
        var description = Describe(callback, kind);
        CallExceptionHandler(new ExceptionContext($"Exception in callback {description}")
        {
            Exception = exception,
            Callback = description,
            Task = callback as ICoroutineTask,
        });
    }
}
