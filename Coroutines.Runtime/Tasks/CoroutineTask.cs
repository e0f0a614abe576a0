namespace Coroutines;

/// <summary>
/// Runs a coroutine on its loop (asyncio's <c>Task</c>); it is the future of the coroutine's result.
/// The first step is scheduled with <c>CallSoon</c>: the body does not start inside
/// <see cref="EventLoop.CreateTask{T}(Coroutine{T}, string?)"/>. While the loop runs, it holds every pending
/// task strongly, so a task whose reference you drop still finishes (asyncio's weak registry is a pitfall we
/// do not copy).
/// </summary>
/// <typeparam name="T">The coroutine's result type.</typeparam>
public class CoroutineTask<T> : Future<T>, ICoroutineTask, ITaskDriver, ILoopWork, ITaskView
{
    private static int s_counter;

    private readonly Coroutine _root;
    private Coroutine? _leaf;               // the innermost suspended frame: what a step resumes
    private object? _waiter;                // the Future, pooled TimerHandle or IWaitSource the leaf waits on
    private int _waiterVersion;
    private ExecutionContext? _context;     // the task's context-variable values (AsyncLocal), like contextvars
    private string? _name;
    private object? _cancelMessage;
    private Action? _foreignResume;
    private readonly int _number;
    private int _cancelRequests;
    private bool _started;
    private bool _mustCancel;               // a cancellation to deliver at the next step
    private bool _cancelOnResume;           // the current step delivers a cancellation at the awaiter
    private int _registryIndex = -1;        // position in the loop's registry of pending tasks

    internal CoroutineTask(EventLoop loop, Coroutine coroutine, string? name) : base(loop)
    {
        coroutine.Claim();
        _root = coroutine;
        _name = name;
        _number = Interlocked.Increment(ref s_counter);
        _context = ExecutionContext.Capture();
        coroutine._task = this;
        loop.RegisterTask(this);
        loop.EnqueueChecked(this, null, WorkKind.Work);
    }

    /// <inheritdoc/>
    public string Name
    {
        get => _name ?? $"Task-{_number}";
        set => _name = value ?? throw new ArgumentNullException(nameof(value), "A task name cannot be null.");
    }

    /// <inheritdoc/>
    public Coroutine Coroutine => _root;

    /// <inheritdoc/>
    public Future AsFuture => this;

    EventLoop ITaskDriver.Loop => Loop;

    int ITaskDriver.RegistryIndex
    {
        get => _registryIndex;
        set => _registryIndex = value;
    }

    ICoroutineTask ITaskDriver.View => this;

    /// <summary>
    /// Requests cancellation. If the task waits on a future, that future is cancelled now and the coroutine
    /// sees <see cref="CancelledError"/> at its <c>await</c>; otherwise the error is thrown at the next step.
    /// The task ends cancelled only if the coroutine lets the error escape.
    /// </summary>
    /// <returns><see langword="false"/> if the task is already done.</returns>
    public override bool Cancel(object? message = null)
    {
        if (Done)
            return false;
        _cancelRequests++;
        _cancelMessage = message;
        switch (_waiter)
        {
            case Future future when future.Cancel(message):
                // The waiter's completion schedules our step, and its awaiter throws CancelledError.
                return true;
            case TimerHandle timer when timer.Version == _waiterVersion && Loop.TryCancelInternalTimer(timer):
                _waiter = null;
                Loop.EnqueueUnchecked(this, null, WorkKind.Work);
                break;
            case IWaitSource source when source.CancelWait(this):
                _waiter = null;
                Loop.EnqueueUnchecked(this, null, WorkKind.Work);
                break;
        }
        _mustCancel = true;
        return true;
    }

    /// <inheritdoc/>
    public int Cancelling() => _cancelRequests;

    /// <inheritdoc/>
    public int Uncancel()
    {
        if (Done)
            return _cancelRequests;
        if (_cancelRequests > 0)
        {
            _cancelRequests--;
            if (_cancelRequests == 0)
                _mustCancel = false;
        }
        return _cancelRequests;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StackEntry> GetStack()
    {
        var entries = new List<StackEntry>();
        if (Done)
            return entries;
        for (var frame = _leaf ?? (_started ? null : _root); frame is not null; frame = frame.Awaiter)
            entries.Add(new StackEntry(frame.Name, frame.CurrentAwaitSite));
        return entries;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var state = Done ? base.ToString() : _cancelRequests > 0 ? $"<Task {Name} cancelling>" : $"<Task {Name} pending coro={_root.Name}>";
        return state;
    }

    private protected override void ThrowIfExternalCompletionForbidden(string operation) =>
        throw new InvalidOperationException($"A task does not support {operation}: its result comes from its coroutine.");

    // ---- the step machine ----

    void ILoopWork.Execute()
    {
        if (Done)
            return;
        var loop = Loop;
        if (loop.CurrentTaskDriver is not null)
            throw new InvalidOperationException($"Cannot enter task {Name} while another task ({loop.CurrentTaskDriver.View.Name}) is being executed.");
        loop.CurrentTaskDriver = this;
        var threadContext = ExecutionContext.Capture();
        if (_context is not null && !ReferenceEquals(_context, threadContext))
            ExecutionContext.Restore(_context);
        try
        {
            if (!_started)
            {
                _started = true;
                if (_mustCancel)
                {
                    // Cancelled before its first step: the body never runs.
                    _mustCancel = false;
                    Finish(new CancelledError(_cancelMessage));
                    return;
                }
                _root.StartIn(this);
            }
            else
            {
                var leaf = _leaf!;
                _leaf = null;
                _waiter = null;
                if (_mustCancel)
                {
                    _mustCancel = false;
                    _cancelOnResume = true;
                }
                leaf.Resume();
            }
        }
        finally
        {
            loop.CurrentTaskDriver = null;
            var after = ExecutionContext.Capture();
            _context = after;
            if (!ReferenceEquals(after, threadContext) && threadContext is not null)
                ExecutionContext.Restore(threadContext);
        }
    }

    string ILoopWork.Describe() => ToString();

    void ITaskDriver.SuspendOnFuture(Coroutine leaf, Future future)
    {
        if (!ReferenceEquals(future.Loop, Loop))
            throw new InvalidOperationException($"Task {Name} got {future} attached to a different loop.");
        if (ReferenceEquals(future, this))
            throw new InvalidOperationException($"Task {Name} cannot await on itself.");
        leaf.MarkSuspended();
        _leaf = leaf;
        _waiter = future;
        future.AddContinuation(this);
        if (_mustCancel && future.Cancel(_cancelMessage))
            _mustCancel = false;
    }

    void ITaskDriver.SuspendForOneIteration(Coroutine leaf)
    {
        leaf.MarkSuspended();
        _leaf = leaf;
        Loop.EnqueueUnchecked(this, null, WorkKind.Work);
    }

    void ITaskDriver.SuspendUntil(Coroutine leaf, double deadline)
    {
        if (_mustCancel)
        {
            // The sleep is cancelled before it starts: deliver the cancellation on the next step.
            ((ITaskDriver)this).SuspendForOneIteration(leaf);
            return;
        }
        leaf.MarkSuspended();
        _leaf = leaf;
        var timer = Loop.ScheduleInternalTimer(deadline, this);
        _waiter = timer;
        _waiterVersion = timer.Version;
    }

    void ITaskDriver.SuspendOnWaitSource(Coroutine leaf, IWaitSource source)
    {
        if (_mustCancel)
        {
            // Cancelled before it parks: deliver the cancellation on the next step, as a sleep does.
            ((ITaskDriver)this).SuspendForOneIteration(leaf);
            return;
        }
        source.Park(this);
        leaf.MarkSuspended();
        _leaf = leaf;
        _waiter = source;
    }

    Action ITaskDriver.SuspendOnForeign(Coroutine leaf)
    {
        leaf.MarkSuspended();
        _leaf = leaf;
        return _foreignResume ??= () => Loop.CallSoonThreadSafeWork(this);
    }

    void ITaskDriver.OnFrameCompleted(Coroutine frame)
    {
        if (!ReferenceEquals(frame, _root))
            return;
        Finish(frame.FrameException);
    }

    void ITaskDriver.ThrowIfCancelledOnResume()
    {
        if (_cancelOnResume)
        {
            _cancelOnResume = false;
            throw new CancelledError(_cancelMessage);
        }
    }

    private void Finish(System.Exception? error)
    {
        _leaf = null;
        _waiter = null;
        _cancelOnResume = false;
        Loop.UnregisterTask(this);
        if (error is CancelledError cancelled)
            CancelCore(cancelled);
        else if (error is not null)
            SetExceptionCore(error);
        else if (_mustCancel)
            CancelCore(new CancelledError(_cancelMessage));   // cancel requested after the last await: asyncio ends it cancelled
        else
            SetResultCore(_root is Coroutine<T> typed ? typed.GetResultOrThrow() : default!);
    }
}

/// <summary>A task running a coroutine that produces no value; see <see cref="CoroutineTask{T}"/>.</summary>
public sealed class CoroutineTask : CoroutineTask<VoidResult>
{
    internal CoroutineTask(EventLoop loop, Coroutine coroutine, string? name) : base(loop, coroutine, name) { }
}
