using System.Runtime.CompilerServices;
using Coroutines.Timers;
using Microsoft.Extensions.Logging;

namespace Coroutines;

/// <summary>
/// A single-threaded event loop (asyncio's event loop): it runs callbacks, timers and coroutine tasks on the
/// thread that runs it. Only <see cref="CallSoonThreadSafe(Action)"/> may be called from other threads.
/// </summary>
/// <remarks>
/// Each iteration follows asyncio's algorithm exactly: it runs only the callbacks that were ready when it began,
/// then the timers that expired, so a callback that reschedules itself cannot starve the loop, and an expired
/// timer runs after the <c>CallSoon</c> callbacks of the same iteration. Equal deadlines run in scheduling order
/// (asyncio leaves that order undefined).
/// </remarks>
public sealed partial class EventLoop : IDisposable
{
    private readonly ReadyQueue _ready = new();
    private readonly DueHeap _due = new();
    private readonly TimingWheel _wheel;
    private readonly List<TimerHandle> _expired = new();
    private readonly Stack<TimerHandle> _timerPool = new();
    private readonly TimeProvider _timeProvider;
    private readonly long _startTimestamp;
    private readonly double _secondsPerTimestampTick;
    private readonly bool _virtualTime;
    private double _virtualNow;
    private long _timerSequence;

    private bool _stopping;
    private bool _closed;
    private bool _running;
    private int _threadId;
    private long _iterations;

    /// <summary>Creates a loop; prefer <see cref="New(EventLoopOptions?)"/>.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public EventLoop(EventLoopOptions? options = null)
    {
        options ??= new EventLoopOptions();
        _virtualTime = options.VirtualTime;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _startTimestamp = _timeProvider.GetTimestamp();
        _secondsPerTimestampTick = 1.0 / _timeProvider.TimestampFrequency;
        Debug = options.Debug || DebugRequestedByEnvironment();
        SlowCallbackDuration = options.SlowCallbackDuration;
        Logger = options.Logger;
        EagerTasks = options.EagerTasks;
        _wheel = new TimingWheel(_due, TimingWheel.TickOf(Time()));
        _autoJumpThresholdMilliseconds = (int)Math.Ceiling(options.AutoJumpThreshold.TotalMilliseconds);
        IoBackend = ResolveBackend(options.IoBackend);
        _selector = CreateSelector();
    }

    /// <summary>The environment variable that switches debug mode on for every new loop (asyncio's <c>PYTHONASYNCIODEBUG</c>).</summary>
    public const string DebugEnvironmentVariable = "COROUTINES_DEBUG";

    /// <summary>Like <c>PYTHONASYNCIODEBUG</c>: any non-empty value turns debug mode on.</summary>
    private static bool DebugRequestedByEnvironment() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DebugEnvironmentVariable));

    /// <summary>
    /// Debug mode (also switched on for every new loop by a non-empty <c>COROUTINES_DEBUG</c> environment variable):
    /// loop methods called from a thread other than the loop's throw, and callbacks that run at
    /// least <see cref="SlowCallbackDuration"/> are reported as slow (the way to find a <c>Thread.Sleep</c>
    /// hidden in a coroutine).
    /// </summary>
    public bool Debug { get; set; }

    /// <summary>The slow-callback threshold of debug mode.</summary>
    public TimeSpan SlowCallbackDuration { get; set; }

    /// <summary>Receives default exception reports and slow-callback warnings; stderr when null.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Whether the loop uses deterministic virtual time.</summary>
    public bool IsVirtualTime => _virtualTime;

    /// <summary>Whether <see cref="RunForever"/> (or <c>RunUntilComplete</c>) is executing.</summary>
    public bool IsRunning => _running;

    /// <summary>Whether the loop is running and the caller is on its thread (where an eager task may start at once).</summary>
    internal bool IsRunningOnThisThread => _running && _threadId == Environment.CurrentManagedThreadId;

    /// <summary>Whether <see cref="Close"/> was called.</summary>
    public bool IsClosed => _closed;

    /// <summary>How many iterations the loop has run (useful in tests of scheduling order).</summary>
    public long Iterations => _iterations;

    /// <summary>Timers pending in the loop (scheduled, not yet run or cancelled).</summary>
    public int ScheduledTimerCount => _wheel.Count + _due.Count;

    /// <summary>The loop's clock: monotonic seconds since the loop was created (asyncio's <c>loop.time()</c>).</summary>
    public double Time() =>
        _virtualTime ? _virtualNow : (_timeProvider.GetTimestamp() - _startTimestamp) * _secondsPerTimestampTick;

    /// <summary>The loop's clock as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Now => TimeSpan.FromSeconds(Time());

    /// <summary>The smallest difference the clock resolves; timers fire when due within it.</summary>
    public double ClockResolution => _virtualTime ? 0 : _secondsPerTimestampTick;

    // ---- call_soon ----

    /// <summary>Schedules <paramref name="callback"/> to run on the next iteration, after those already scheduled (FIFO).</summary>
    /// <remarks>
    /// Unlike asyncio's <c>call_soon</c>, which runs the callback in a copy of the caller's <c>contextvars</c>
    /// context, a callback does not capture the caller's <see cref="ExecutionContext"/> (its
    /// <see cref="AsyncLocal{T}"/> values): it runs in the context of the thread running the loop. Capturing one
    /// per callback would cost the hot path; tasks do capture theirs, so coroutine code keeps asyncio's behaviour.
    /// </remarks>
    /// <returns>A handle that can cancel the call.</returns>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">Debug mode, and the call comes from a thread other than the running loop's.</exception>
    public Handle CallSoon(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new Handle(this, EnqueueChecked(callback, null, WorkKind.Action));
    }

    /// <summary>
    /// Schedules <paramref name="callback"/> with <paramref name="state"/>, so hot paths need no closure.
    /// A reference-type state is passed without allocating; a value-type state is boxed once.
    /// </summary>
    public Handle CallSoon<TState>(Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new Handle(this, EnqueueStateCallback(callback, state));
    }

    /// <summary>
    /// Schedules <paramref name="callback"/> from any thread and wakes the loop if it is waiting for its next
    /// timer. Calls from one thread run in the order they were made. On the loop's own thread it is <see cref="CallSoon(Action)"/>.
    /// </summary>
    /// <remarks>
    /// Unlike asyncio's <c>call_soon_threadsafe</c> it returns no handle: cancelling from another thread would race
    /// with the loop running the callback. Post a callback that checks a flag instead.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    public void CallSoonThreadSafe(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!TryPostThreadSafe(callback, null, WorkKind.Action))
            throw ClosedError();
    }

    /// <summary>Schedules a callback with state from any thread; see <see cref="CallSoonThreadSafe(Action)"/>.</summary>
    public void CallSoonThreadSafe<TState>(Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        bool posted = !typeof(TState).IsValueType
            ? TryPostThreadSafe(callback, state, WorkKind.RefState)
            : TryPostThreadSafe(new ValueStateCallback<TState>(callback, state), null, WorkKind.Work);
        if (!posted)
            throw ClosedError();
    }

    // ---- call_later / call_at ----

    /// <summary>Schedules <paramref name="callback"/> to run after <paramref name="delay"/> (negative: as soon as possible, after the ready callbacks).</summary>
    /// <returns>A handle that can cancel the call and tells its deadline.</returns>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">Debug mode, and the call comes from a thread other than the running loop's.</exception>
    public TimerHandle CallLater(TimeSpan delay, Action callback) => CallAt(Time() + delay.TotalSeconds, callback);

    /// <summary>Schedules <paramref name="callback"/> to run after <paramref name="delaySeconds"/> seconds.</summary>
    /// <exception cref="ArgumentException"><paramref name="delaySeconds"/> is NaN.</exception>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    public TimerHandle CallLater(double delaySeconds, Action callback)
    {
        if (double.IsNaN(delaySeconds))
            throw new ArgumentException("The delay must be a number of seconds, not NaN.", nameof(delaySeconds));
        return CallAt(Time() + delaySeconds, callback);
    }

    /// <summary>Schedules a callback with state after <paramref name="delay"/>.</summary>
    public TimerHandle CallLater<TState>(TimeSpan delay, Action<TState> callback, TState state) =>
        CallAt(Time() + delay.TotalSeconds, callback, state);

    /// <summary>Schedules <paramref name="callback"/> at the absolute loop time <paramref name="when"/> (see <see cref="Time"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="when"/> is NaN.</exception>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">Debug mode, and the call comes from a thread other than the running loop's.</exception>
    public TimerHandle CallAt(double when, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleTimer(when, callback, null, WorkKind.Action, pooled: false);
    }

    /// <summary>Schedules a callback with state at the absolute loop time <paramref name="when"/>.</summary>
    public TimerHandle CallAt<TState>(double when, Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return !typeof(TState).IsValueType
            ? ScheduleTimer(when, callback, state, WorkKind.RefState, pooled: false)
            : ScheduleTimer(when, new ValueStateCallback<TState>(callback, state), null, WorkKind.Work, pooled: false);
    }

    // ---- internals shared with futures and tasks ----

    internal long EnqueueChecked(object callback, object? state, WorkKind kind)
    {
        ThrowIfClosed();
        CheckThread();
        if (Volatile.Read(ref _incomingCount) != 0)
            DrainIncoming();   // keeps FIFO with calls other threads made before this one
        return _ready.Enqueue(callback, state, kind);
    }

    /// <summary>
    /// Enqueues from runtime code that must be on the loop thread (future callbacks, task steps): no closed-loop
    /// error, but in debug mode the thread is checked, as asyncio's <c>call_soon</c> does for a future completed
    /// from another thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EnqueueUnchecked(object callback, object? state, WorkKind kind)
    {
        if (_closed)
            return;   // a closed loop runs nothing; dropping here is what asyncio's close() does to its queue
        if (Debug)
            CheckThread();
        _ready.Enqueue(callback, state, kind);
    }

    private long EnqueueStateCallback<TState>(Action<TState> callback, TState state) =>
        !typeof(TState).IsValueType
            ? EnqueueChecked(callback, state, WorkKind.RefState)
            : EnqueueChecked(new ValueStateCallback<TState>(callback, state), null, WorkKind.Work);

    /// <summary>How many entries the ready queue holds (cancelled ones included), for tests of what touches it.</summary>
    internal int ReadyCount => _ready.Count;

    internal bool CancelReady(long sequence) => _ready.TryCancel(sequence);

    internal bool IsReadyCancelled(long sequence) => _ready.IsCancelled(sequence);

    internal TimerHandle ScheduleInternalTimer(double deadline, ILoopWork work) =>
        ScheduleTimer(deadline, work, null, WorkKind.Work, pooled: true);

    private TimerHandle ScheduleTimer(double when, object callback, object? state, WorkKind kind, bool pooled)
    {
        if (double.IsNaN(when))
            throw new ArgumentException("The deadline must be a loop time in seconds, not NaN.", nameof(when));
        ThrowIfClosed();
        CheckThread();
        TimerHandle node;
        if (pooled && _timerPool.Count > 0)
        {
            node = _timerPool.Pop();
        }
        else
        {
            node = new TimerHandle { IsPooled = pooled };
        }
        node.Loop = this;
        node.Callback = callback;
        node.State = state;
        node.Kind = kind;
        node.Deadline = when;
        node.Tick = TimingWheel.TickOf(when);
        node.Sequence = ++_timerSequence;
        node.IsCancelled = false;
        _wheel.Add(node);
        return node;
    }

    /// <summary>Called by <see cref="TimerHandle.Cancel"/>.</summary>
    internal void OnTimerCancelled(TimerHandle node)
    {
        node.Callback = null;   // drop references so they can be collected, as asyncio does
        node.State = null;
        if (node.Where is TimerHandle.Location.Wheel or TimerHandle.Location.DueHeap or TimerHandle.Location.Far)
        {
            _wheel.Remove(node);
            Recycle(node);
        }
        // An expired timer waiting in this iteration's list is skipped when its turn comes.
    }

    internal bool TryCancelInternalTimer(TimerHandle node)
    {
        if (node.IsCancelled || node.Where == TimerHandle.Location.None)
            return false;
        node.IsCancelled = true;
        OnTimerCancelled(node);
        return true;
    }

    private void Recycle(TimerHandle node)
    {
        if (!node.IsPooled || node.Where == TimerHandle.Location.Expired)
            return;
        node.Version++;
        node.Callback = null;
        node.State = null;
        node.Where = TimerHandle.Location.None;
        if (_timerPool.Count < 4096)
            _timerPool.Push(node);
    }

    private void CheckThread()
    {
        if (Debug && _threadId != 0 && _threadId != Environment.CurrentManagedThreadId)
            throw new InvalidOperationException(
                "Non-thread-safe operation invoked on an event loop from a thread other than the loop's; use CallSoonThreadSafe.");
    }

    private void ThrowIfClosed()
    {
        if (_closed)
            throw ClosedError();
    }

    private static ObjectDisposedException ClosedError() => new(nameof(EventLoop), "Event loop is closed.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Invoke(object callback, object? state, WorkKind kind)
    {
        switch (kind)
        {
            case WorkKind.Action:
                Unsafe.As<Action>(callback)();
                break;
            case WorkKind.RefState:
                Unsafe.As<Action<object?>>(callback)(state);
                break;
            case WorkKind.Work:
                Unsafe.As<ILoopWork>(callback).Execute();
                break;
        }
    }

    private static string Describe(object? callback, WorkKind kind) => kind switch
    {
        WorkKind.Work when callback is ILoopWork work => work.Describe(),
        _ when callback is Delegate d => $"<Handle {d.Method.DeclaringType?.Name}.{d.Method.Name}()>",
        _ => $"<Handle {callback}>",
    };

    /// <summary>A value-type state with its callback, boxed once.</summary>
    private sealed class ValueStateCallback<TState>(Action<TState> callback, TState state) : ILoopWork
    {
        public void Execute() => callback(state);

        public string Describe() => $"<Handle {callback.Method.DeclaringType?.Name}.{callback.Method.Name}({state})>";
    }
}
