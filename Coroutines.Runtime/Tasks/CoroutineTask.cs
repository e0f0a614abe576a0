namespace Coroutines;

/// <summary>
/// Runs a coroutine on its loop (asyncio's <c>Task</c>); it is the future of the coroutine's result.
/// The first step is scheduled with <c>CallSoon</c>: the body does not start inside
/// <see cref="EventLoop.CreateTask{T}(Coroutine{T}, string?, ExecutionContext?)"/>, unless the task is eager
/// (<see cref="EventLoop.CreateEagerTask{T}(Coroutine{T}, string?, ExecutionContext?)"/>). While the loop runs, it holds every pending
/// task strongly, so a task whose reference you drop still finishes (asyncio's weak registry is a pitfall we
/// do not copy).
/// </summary>
/// <typeparam name="T">The coroutine's result type.</typeparam>
public class CoroutineTask<T> : Future<T>, ICoroutineTask, ITaskDriver, ILoopWork, ITaskView
{

    private readonly Coroutine _root;
    private Coroutine? _leaf;               // the innermost suspended frame: what a step resumes
    private Coroutine? _next;               // the frame the running step resumes next: a parent or a child to start
    private object? _waiter;                // the Future, pooled TimerHandle or IWaitSource the leaf waits on
    private ExecutionContext? _context;     // the task's context-variable values (AsyncLocal), like contextvars
    private readonly ITaskDriver? _creator; // the task that created this one: answers for its unobserved failure
    private TaskExtras? _extras;            // what most tasks never use (name, cancellation details), made on demand
    private int _waiterVersion;
    private readonly int _number;
    private int _registryIndex = -1;        // position in the loop's registry of pending tasks
    private StepFlags _flags;
    private byte _inlineDepth;              // how many awaited children are running inline (IsCompleted) in this step

    /// <summary>
    /// How deep awaited children start inline, one native frame each, before the next one is left to the step loop:
    /// a chain of any depth then takes bounded stack, and the common await of a child that returns at once costs
    /// no suspension of its parent.
    /// </summary>
    private const int MaxInlineDepth = 32;

    [Flags]
    private enum StepFlags : byte
    {
        None = 0,
        Started = 1,
        MustCancel = 2,       // a cancellation to deliver at the next step
        CancelOnResume = 4,   // the current step delivers a cancellation at the awaiter
        Armed = 8,            // counted in ResumeChecks: an awaiter's GetResult may have to throw for this task
    }

    internal CoroutineTask(EventLoop loop, Coroutine coroutine, string? name, bool claimed = false, TaskStart start = TaskStart.Scheduled,
        ExecutionContext? context = null)
        : base(loop)
    {
        if (!claimed)
            coroutine.Claim();
        _root = coroutine;
        if (name is not null)
            Extras.Name = name;
        _number = TaskNumbers.Next();
        _context = context ?? ExecutionContext.Capture();
        coroutine._task = this;
        _creator = loop.CurrentTaskDriver;
        loop.RegisterTask(this);
        if (start == TaskStart.Adopted)
            Started = true;   // its frames have run inline already: the deferred suspension says what it waits on
        else if (start == TaskStart.Eager && loop.IsRunningOnThisThread)
            Step(previous: loop.CurrentTaskDriver);   // asyncio's eager start: the creator's task is current again afterwards
        else
            loop.EnqueueChecked(this, null, WorkKind.Work);
    }

    private TaskExtras Extras => _extras ??= new TaskExtras();

    private bool Started
    {
        get => (_flags & StepFlags.Started) != 0;
        set => SetFlag(StepFlags.Started, value);
    }

    private bool MustCancel
    {
        get => (_flags & StepFlags.MustCancel) != 0;
        set => SetFlag(StepFlags.MustCancel, value);
    }

    private bool CancelOnResume
    {
        get => (_flags & StepFlags.CancelOnResume) != 0;
        set
        {
            SetFlag(StepFlags.CancelOnResume, value);
            UpdateArmed();
        }
    }

    private System.Exception? ResumeError
    {
        get => _extras?.ResumeError;
        set
        {
            if (value is null && _extras is null)
                return;
            Extras.ResumeError = value;
            UpdateArmed();
        }
    }

    private void SetFlag(StepFlags flag, bool value) => _flags = value ? _flags | flag : _flags & ~flag;

    /// <summary>
    /// Keeps <see cref="ResumeChecks"/> in step with this task: it is armed while a resume may have to throw at the
    /// awaiter (a cancellation to deliver, a rejected await, a cancel scope around it). Awaiters of unarmed tasks
    /// skip the thread-static lookup of the running task.
    /// </summary>
    private void UpdateArmed()
    {
        bool armed = !Done && (CancelOnResume || _extras is { ResumeError: not null } or { CancelScope: not null });
        if (armed == ((_flags & StepFlags.Armed) != 0))
            return;
        SetFlag(StepFlags.Armed, armed);
        if (armed)
            ResumeChecks.Arm();
        else
            ResumeChecks.Disarm();
    }

    private int CancelRequests => _extras?.CancelRequests ?? 0;

    private object? RequestedCancelMessage => _extras?.CancelMessage;

    /// <inheritdoc/>
    public string Name
    {
        get => _extras?.Name ?? $"Task-{_number}";
        set => Extras.Name = value ?? throw new ArgumentNullException(nameof(value), "A task name cannot be null.");
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

    CancelScope? ITaskDriver.CancelScope
    {
        get => _extras?.CancelScope;
        set
        {
            if (value is null && _extras is null)
                return;
            Extras.CancelScope = value;
            UpdateArmed();
        }
    }

    ITaskDriver? ITaskDriver.Creator => _creator;

    bool ITaskDriver.CancellationPending => MustCancel || CancelOnResume;

    /// <summary>
    /// Requests cancellation. If the task waits on a future, that future is cancelled now and the coroutine
    /// sees <see cref="CancelledError"/> at its <c>await</c>; otherwise the error is thrown at the next step.
    /// The task ends cancelled only if the coroutine lets the error escape. While a request is pending, further
    /// requests only add to <see cref="Cancelling"/>: the coroutine and the task's awaiters see the first message.
    /// </summary>
    /// <remarks>
    /// A task suspended on a foreign awaitable (a <see cref="System.Threading.Tasks.Task"/> or
    /// <see cref="ValueTask"/>) cannot be interrupted, since those awaiters cannot throw
    /// <see cref="CancelledError"/>: it resumes when that work completes and receives the error at its next
    /// <c>await</c> of a runtime awaitable, or ends cancelled if it returns first. Wrap such work with
    /// <see cref="Loop.WrapTask{T}(System.Threading.Tasks.Task{T})"/> to make the wait itself cancellable.
    /// </remarks>
    /// <returns>
    /// <see langword="false"/> if the task is already done; like asyncio, that call still marks a failed task's
    /// exception as retrieved, so it is not reported as "never retrieved".
    /// </returns>
    public override bool Cancel(object? message = null)
    {
        if (Done)
        {
            MarkRetrieved();
            return false;
        }
        var extras = Extras;
        if (extras.CancelRequests++ == 0)
            extras.CancelMessage = message;   // the first request's message wins (CPython 3.13): later ones only count
        message = extras.CancelMessage;
        if (InterruptWaiter(message) == Interruption.FutureCancelled)
            return true;   // the waiter's completion schedules our step, and its awaiter throws CancelledError
        MustCancel = true;
        return true;
    }

    private enum Interruption { None, FutureCancelled, SleepCancelled }   // SleepCancelled: a timer or signal wait was removed

    /// <summary>Wakes the task from the future or sleep it waits on, so its next step can deliver a cancellation.</summary>
    private Interruption InterruptWaiter(object? message)
    {
        switch (_waiter)
        {
            case Future future when future.Cancel(message):
                return Interruption.FutureCancelled;
            case TimerHandle timer when timer.Version == _waiterVersion && Loop.TryCancelInternalTimer(timer):
                _waiter = null;
                Loop.EnqueueUnchecked(this, null, WorkKind.Work);
                return Interruption.SleepCancelled;
            case IWaitSource source when source.CancelWait(this):
                _waiter = null;
                Loop.EnqueueUnchecked(this, null, WorkKind.Work);
                return Interruption.SleepCancelled;
            default:
                return Interruption.None;
        }
    }

    void ITaskDriver.InterruptForCancelScope(CancelScope scope) => InterruptWaiter(scope);

    /// <summary>Whether a level-triggered cancel scope the task is inside has been cancelled (and is not shielded off).</summary>
    private bool InCancelledScope => _extras?.CancelScope is { IsEffectivelyCancelled: true };

    /// <inheritdoc/>
    public int Cancelling() => CancelRequests;

    /// <inheritdoc/>
    public int Uncancel()
    {
        if (Done || _extras is not { CancelRequests: > 0 } extras)
            return CancelRequests;
        if (--extras.CancelRequests == 0)
        {
            MustCancel = false;
            CancelOnResume = false;
        }
        return extras.CancelRequests;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StackEntry> GetStack()
    {
        var entries = new List<StackEntry>();
        if (Done)
            return entries;
        for (var frame = _leaf ?? (Started ? null : _root); frame is not null; frame = frame.Awaiter)
            entries.Add(new StackEntry(frame.Name, frame.CurrentAwaitSite));
        return entries;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A done task still names its coroutine, as asyncio's <c>&lt;Task finished name='Task-1' coro=&lt;main() done&gt;&gt;</c>
    /// does: a debug-mode slow-callback warning about a task's last step is then traceable to the method.
    /// </remarks>
    public override string ToString()
    {
        if (Done)
            return $"<Task {Name} {DescribeOutcome()} coro=<{_root.Name}() done>>";
        return CancelRequests > 0 ? $"<Task {Name} cancelling coro={_root.Name}>" : $"<Task {Name} pending coro={_root.Name}>";
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
        Step(previous: null);
    }

    /// <summary>
    /// One step: resumes the task's innermost frame (or starts the body) in the task's context, with the task as the
    /// loop's current task, until a frame suspends or the root completes. <paramref name="previous"/> is the task that
    /// is current again afterwards: null for a step the loop runs, the creator for an eager task's first step.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Step(ITaskDriver? previous)
    {
        var loop = Loop;
        loop.CurrentTaskDriver = this;
        var threadContext = ExecutionContext.Capture();
        if (_context is not null && !ReferenceEquals(_context, threadContext))
            ExecutionContext.Restore(_context);
        try
        {
            if (!Started)
            {
                Started = true;
                if (MustCancel)
                {
                    // Cancelled before its first step: the body never runs.
                    MustCancel = false;
                    Finish(new CancelledError(RequestedCancelMessage));
                    return;
                }
                RunFrames(_root);
            }
            else
            {
                var leaf = _leaf!;
                _leaf = null;
                _waiter = null;
                if (MustCancel)
                {
                    MustCancel = false;
                    CancelOnResume = true;
                }
                RunFrames(leaf);
            }
        }
        finally
        {
            _next = null;
            if (!loop.Deferred.IsEmpty && ReferenceEquals(loop.Deferred.Owner, this))
                DetachChain(loop.Deferred.Top!);   // an awaiter started a child inline and never awaited it
            loop.CurrentTaskDriver = previous;
            var after = ExecutionContext.Capture();
            _context = after;
            if (!ReferenceEquals(after, threadContext) && threadContext is not null)
                ExecutionContext.Restore(threadContext);
        }
    }

    /// <summary>
    /// The step's trampoline: runs <paramref name="frame"/>, then whatever frame it handed on (a parent to resume
    /// when it completed, a child to start when it awaited one), until a frame suspends on something outside the
    /// task or the root completes. Each frame runs from here, never from inside another frame's MoveNext, so the
    /// native stack stays one frame deep whatever the depth of the await chain.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void RunFrames(Coroutine frame)
    {
        while (true)
        {
            frame.Resume();
            var next = _next;
            if (next is null)
                return;
            _next = null;
            frame = next;
        }
    }

    void ITaskDriver.RunNext(Coroutine frame) => _next = frame;

    // ---- awaited children started inline ----

    bool ITaskDriver.TryStartInline(Coroutine child)
    {
        if (_inlineDepth >= MaxInlineDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            return false;   // the step loop starts it once the awaiting frame has suspended
        var deferred = Loop.Deferred;
        if (!deferred.IsEmpty)
            DetachChain(deferred.Top!);   // a chain whose awaiter never decided (IsCompleted without an await)
        int chainScopesStart = deferred.ScopesEnteredInline.Count;
        child._task = this;
        _inlineDepth++;
        try
        {
            child.Resume();
        }
        finally
        {
            _inlineDepth--;
        }
        if (child.IsCompleted)
            return true;
        deferred.Top = child;   // its awaiter decides, next, who takes the suspension over
        deferred.ChainScopesStart = chainScopesStart;
        return false;
    }

    void ITaskDriver.ScopeEntered(ITaskBoundScope scope)
    {
        if (_inlineDepth != 0)
            Loop.Deferred.ScopesEnteredInline.Add(scope);
    }

    void ITaskDriver.ScopeExited(ITaskBoundScope scope)
    {
        var scopes = Loop.Deferred.ScopesEnteredInline;
        if (scopes.Count == 0)
            return;
        int index = scopes.LastIndexOf(scope);
        if (index >= 0)
            scopes.RemoveAt(index);
    }

    void ITaskDriver.StartNext(Coroutine child)
    {
        if (_inlineDepth == 0)
            _next = child;
        else
            Defer(DeferredKind.Start, child);
    }

    void ITaskDriver.TakeOverInlineChain(Coroutine child)
    {
        if (_inlineDepth != 0)
            return;   // the awaiting frame is itself inline: the chain grows, and its own awaiter decides
        var deferred = Loop.Deferred;
        if (!deferred.IsEmpty && ReferenceEquals(deferred.Top, child))
        {
            ForgetChainScopes(deferred);   // the chain is this task's for good, and so are its scopes
            ((ITaskDriver)this).ResumeDeferred(deferred);
        }
    }

    void ITaskDriver.DetachInlineChain(Coroutine child)
    {
        var deferred = Loop.Deferred;
        if (!deferred.IsEmpty && ReferenceEquals(deferred.Top, child))
            DetachChain(child);
    }

    /// <summary>Makes the inline chain topped by <paramref name="top"/> a task of its own, which takes its suspension over.</summary>
    private void DetachChain(Coroutine top)
    {
        var deferred = Loop.Deferred;
        var task = top.AdoptAsTask(Loop);
        for (var frame = deferred.Leaf; frame is not null; frame = frame.Awaiter)
        {
            frame._task = task;
            if (ReferenceEquals(frame, top))
                break;
        }
        // Before the new task registers the suspension: a cancelled scope must already be its own when it does.
        var scopes = deferred.ScopesEnteredInline;
        for (int i = deferred.ChainScopesStart; i < scopes.Count; i++)
            scopes[i].MoveTo(this, task);
        ForgetChainScopes(deferred);
        task.ResumeDeferred(deferred);
    }

    private static void ForgetChainScopes(DeferredSuspension deferred)
    {
        var scopes = deferred.ScopesEnteredInline;
        int start = deferred.ChainScopesStart;
        if (start < scopes.Count)
            scopes.RemoveRange(start, scopes.Count - start);
        deferred.ChainScopesStart = 0;
    }

    private void Defer(DeferredKind kind, Coroutine leaf, object? waiter = null, double deadline = 0)
    {
        var deferred = Loop.Deferred;
        if (!deferred.IsEmpty)
            DetachChain(deferred.Top!);
        if (kind != DeferredKind.Start)
            leaf.MarkSuspended();
        deferred.Hold(this, kind, leaf, waiter, deadline);
    }

    /// <summary>This task takes over the suspension of an inline chain: the same registration a direct suspension makes.</summary>
    void ITaskDriver.ResumeDeferred(DeferredSuspension deferred)
    {
        var kind = deferred.Kind;
        var leaf = deferred.Leaf!;
        var waiter = deferred.Waiter;
        double deadline = deferred.Deadline;
        deferred.Clear();
        var self = (ITaskDriver)this;
        switch (kind)
        {
            case DeferredKind.Future:
                self.SuspendOnFuture(leaf, (Future)waiter!);
                break;
            case DeferredKind.OneIteration:
                self.SuspendForOneIteration(leaf);
                break;
            case DeferredKind.Until:
                self.SuspendUntil(leaf, deadline);
                break;
            case DeferredKind.WaitSource:
                self.SuspendOnWaitSource(leaf, (IWaitSource)waiter!);
                break;
            case DeferredKind.Foreign:
                RequeueUndeliveredCancel();
                _leaf = leaf;
                ((ForeignResumeForwarder)waiter!).Bind(this);
                break;
            case DeferredKind.Start when _inlineDepth == 0 && ReferenceEquals(Loop.CurrentTaskDriver, this):
                _next = leaf;   // this task's step is running: its loop starts the frame once the awaiting frame returns
                break;
            case DeferredKind.Start:
                _leaf = leaf;   // an adopted chain: its first step starts the frame
                Loop.EnqueueUnchecked(this, null, WorkKind.Work);
                break;
        }
    }

    [System.Diagnostics.StackTraceHidden]
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    void ITaskDriver.RethrowFromChild(System.Exception error) => (Extras.Climb ??= new FailureClimb()).Rethrow(error);

    string ILoopWork.Describe() => ToString();

    void ITaskDriver.SuspendOnFuture(Coroutine leaf, Future future)
    {
        if (_inlineDepth != 0)
        {
            Defer(DeferredKind.Future, leaf, future);
            return;
        }
        RequeueUndeliveredCancel();
        if (!ReferenceEquals(future.Loop, Loop))
        {
            SuspendWithError(leaf, new InvalidOperationException($"Task {Name} got {future} attached to a different loop."));
            return;
        }
        if (ReferenceEquals(future, this))
        {
            SuspendWithError(leaf, new InvalidOperationException($"Task {Name} cannot await on itself."));
            return;
        }
        leaf.MarkSuspended();
        _leaf = leaf;
        _waiter = future;
        future.AddContinuation(this);
        if (MustCancel && future.Cancel(RequestedCancelMessage))
            MustCancel = false;
        else if (InCancelledScope)
            future.Cancel(_extras!.CancelScope);   // level-triggered: every await inside a cancelled scope is interrupted
    }

    /// <summary>
    /// Rejects an await the way asyncio does: the error is thrown into the coroutine at that <c>await</c> on the
    /// next step. Throwing from the suspension itself would escape through the compiler's state machine with the
    /// frame marked as suspended, skipping the <c>finally</c> blocks around the await.
    /// </summary>
    private void SuspendWithError(Coroutine leaf, System.Exception error)
    {
        leaf.MarkSuspended();
        _leaf = leaf;
        ResumeError = error;
        Loop.EnqueueUnchecked(this, null, WorkKind.Work);
    }

    void ITaskDriver.SuspendForOneIteration(Coroutine leaf)
    {
        if (_inlineDepth != 0)
        {
            Defer(DeferredKind.OneIteration, leaf);
            return;
        }
        RequeueUndeliveredCancel();
        leaf.MarkSuspended();
        _leaf = leaf;
        Loop.EnqueueUnchecked(this, null, WorkKind.Work);
    }

    void ITaskDriver.SuspendUntil(Coroutine leaf, double deadline)
    {
        if (_inlineDepth != 0)
        {
            Defer(DeferredKind.Until, leaf, deadline: deadline);
            return;
        }
        RequeueUndeliveredCancel();
        if (MustCancel || InCancelledScope)
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
        if (_inlineDepth != 0)
        {
            Defer(DeferredKind.WaitSource, leaf, source);
            return;
        }
        RequeueUndeliveredCancel();
        if (MustCancel || InCancelledScope)
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
        if (_inlineDepth != 0)
        {
            var forwarder = new ForeignResumeForwarder(Loop);
            Loop.BeginForeignAwait();   // ended by the resume's post, whichever task takes the suspension over
            Defer(DeferredKind.Foreign, leaf, forwarder);
            return forwarder.Resume;
        }
        RequeueUndeliveredCancel();
        leaf.MarkSuspended();
        _leaf = leaf;
        var extras = Extras;
        Loop.BeginForeignAwait();   // ended by the resume's post: virtual time waits for the foreign awaitable
        return extras.ForeignResume ??= () => Loop.CallSoonThreadSafeWork(this);
    }

    void ITaskDriver.OnFrameCompleted(Coroutine frame, Action? foreignAwaiter)
    {
        if (!ReferenceEquals(frame, _root))
            return;
        Finish(frame.FrameException);
        if (foreignAwaiter is null)
            return;
        // Code that is not a coroutine awaits the root: it reads the outcome from the coroutine, so the task's
        // failure is retrieved, and it resumes on a later iteration, outside this task's step (run inline, it would
        // execute as part of a finished task).
        MarkRetrieved();
        Loop.EnqueueUnchecked(foreignAwaiter, null, WorkKind.Action);
    }

    [System.Diagnostics.StackTraceHidden]
    void ITaskDriver.ThrowIfCancelledOnResume()
    {
        if ((_flags & StepFlags.Armed) == 0)
            return;   // the common case: nothing to deliver
        if (ResumeError is { } error)
        {
            ResumeError = null;
            throw error;
        }
        if (CancelOnResume)
        {
            CancelOnResume = false;
            throw new CancelledError(RequestedCancelMessage);
        }
        if (InCancelledScope)
            throw _extras!.CancelScope!.CreateCancelledError();
    }

    /// <summary>
    /// A step meant to deliver a cancellation at the awaiter it resumed, but that awaiter was foreign (a
    /// <see cref="System.Threading.Tasks.Task"/> cannot throw <see cref="CancelledError"/>), so the coroutine
    /// went on and is suspending again: the cancellation is pending once more and this suspension receives it.
    /// </summary>
    private void RequeueUndeliveredCancel()
    {
        if (CancelOnResume)
        {
            CancelOnResume = false;
            MustCancel = true;
        }
    }

    private void Finish(System.Exception? error)
    {
        bool cancelPending = MustCancel || CancelOnResume;
        _leaf = null;
        _waiter = null;
        SetFlag(StepFlags.CancelOnResume, false);
        if (_extras is not null)
        {
            _extras.ResumeError = null;
            _extras.Climb?.Clear();
        }
        Loop.UnregisterTask(this);
        if (error is CancelledError cancelled)
            CancelCore(cancelled);
        else if (error is not null)
        {
            SetExceptionCore(error);
            if (!IsObserved)
                Loop.UnobservedFailures.OnTaskFailed(this);
        }
        else if (cancelPending)
            CancelCore(new CancelledError(RequestedCancelMessage));   // cancel requested but not delivered: asyncio ends it cancelled
        else
            SetResultCore(_root is Coroutine<T> typed ? typed.GetResultOrThrow() : default!);
        UpdateArmed();   // a finished task never resumes again
        Loop.UnobservedFailures.OnTaskFinished(this);
    }
}

/// <summary>How a new task takes its first step.</summary>
internal enum TaskStart : byte
{
    /// <summary>On the next iteration (asyncio's <c>create_task</c>).</summary>
    Scheduled,
    /// <summary>Inside the call that creates it, when the loop runs on this thread (asyncio 3.12's eager start).</summary>
    Eager,
    /// <summary>Its frames already ran inline; it takes over their deferred suspension (see <see cref="DeferredSuspension"/>).</summary>
    Adopted,
}

/// <summary>Default task names count across every task of the process, whatever its result type (asyncio's <c>Task-N</c>).</summary>
internal static class TaskNumbers
{
    private static int s_last;

    // Not a static of CoroutineTask<T>: each closed generic type would get its own counter, and names would repeat.
    public static int Next() => Interlocked.Increment(ref s_last);
}

/// <summary>A task running a coroutine that produces no value; see <see cref="CoroutineTask{T}"/>.</summary>
public sealed class CoroutineTask : CoroutineTask<VoidResult>
{
    internal CoroutineTask(EventLoop loop, Coroutine coroutine, string? name, bool claimed = false, TaskStart start = TaskStart.Scheduled,
        ExecutionContext? context = null)
        : base(loop, coroutine, name, claimed, start, context) { }
}
