using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>
/// A coroutine object (asyncio's coroutine): the return type of <c>async Coroutine</c> methods and of
/// <c>[Coroutine]</c> entry points. It is <b>cold</b>: calling the method creates it and runs nothing;
/// it runs when awaited (inline, in the awaiting task, with no extra loop iteration) or when scheduled
/// with <see cref="EventLoop.CreateTask(Coroutine, string?, ExecutionContext?)"/>, <see cref="Loop.EnsureFuture(Coroutine)"/> or
/// <see cref="EventLoop.RunUntilComplete(Coroutine)"/>. A coroutine runs once: awaiting or scheduling it a
/// second time throws.
/// </summary>
[AsyncMethodBuilder(typeof(CoroutineMethodBuilder))]
public abstract class Coroutine
{
    internal ITaskDriver? _task;            // the task this frame runs in
    // Until the frame completes: who awaits it, run when it completes: a parent Coroutine (resumed inline) or, for a
    // non-coroutine awaiter such as an async Task method, its continuation Action (a frame has at most one awaiter).
    // Once it has completed: the exception its body threw, or null. The awaiter is dropped at completion, so one
    // field holds both, and every frame is 8 bytes smaller than with a field for each.
    private object? _awaiterOrError;
    private CoroutineState _state;          // a byte, as is the flag: both fit in the padding after the references
    private bool _awaited;
    // The resume state of a generated machine (CoroutineMachine.__state). Declared here because the padding after
    // the two bytes above has room for it, where a field of the derived class would add 8 bytes to every machine.
    private protected int _machineState;

    private protected Coroutine() { }

    /// <summary>Where the coroutine is in its life.</summary>
    public CoroutineState State => _state;

    /// <summary>Whether the coroutine has returned or thrown.</summary>
    public bool IsCompleted => _state == CoroutineState.Completed;

    /// <summary>The name of the coroutine's method, for task dumps and reprs.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>
    /// The source location and text of the <c>await</c> the coroutine is suspended at, when known
    /// (generated state machines know it; compiler-lowered coroutines do not).
    /// </summary>
    public virtual AwaitSite? CurrentAwaitSite => null;

    /// <summary>The coroutine that awaits this one, if any (the next frame up the await chain).</summary>
    public Coroutine? Awaiter => _awaiterOrError as Coroutine;

    /// <summary>Gets the awaiter: awaiting runs the coroutine inline in the awaiting task.</summary>
    public CoroutineAwaiter GetAwaiter() => new(this);

    /// <inheritdoc/>
    public override string ToString() => $"<Coroutine {Name} {_state.ToString().ToLowerInvariant()}>";

    /// <summary>Runs the body up to its next suspension or to its end.</summary>
    protected internal abstract void MoveNext();

    internal System.Exception? FrameException => _state == CoroutineState.Completed ? _awaiterOrError as System.Exception : null;

    internal ITaskDriver RequireTask() =>
        _task ?? throw new InvalidOperationException($"Coroutine {Name} is not running in a task; await it from a coroutine or schedule it with CreateTask.");

    /// <summary>Claims the coroutine for a runner; a coroutine runs once.</summary>
    internal void Claim()
    {
        if (_awaited || _state != CoroutineState.Created)
            throw new InvalidOperationException($"Coroutine {Name} is already being awaited or has run; a coroutine object can be awaited or scheduled only once.");
        _awaited = true;
    }

    /// <summary>Runs the body from its start or its last suspension; called by the task's step loop.</summary>
    internal void Resume()
    {
        _state = CoroutineState.Running;
        MoveNext();
    }

    internal void MarkSuspended() => _state = CoroutineState.Suspended;

    /// <summary>Called once the body returned (error null) or threw.</summary>
    internal void Complete(System.Exception? error)
    {
        var awaiter = _awaiterOrError;
        _state = CoroutineState.Completed;
        _awaiterOrError = error;
        if (awaiter is Coroutine parent)
        {
            // Not parent.Resume(): the task's step loop resumes the parent once this frame's MoveNext has returned,
            // so a result, an exception or a cancellation climbs a chain of any depth in constant stack.
            _task!.RunNext(parent);
        }
        else
        {
            _task?.OnFrameCompleted(this, awaiter as Action);   // completes the task when this is its root frame
        }
    }

    /// <summary>
    /// The await protocol's IsCompleted. Inside a task's step the coroutine is claimed and run inline, up to its first
    /// suspension, so a child that returns at once costs its parent no suspension. Its suspension, if it reaches one,
    /// is held until the awaiter is known (see <see cref="DeferredSuspension"/>): a coroutine frame's task takes it
    /// over, and any other awaiter (an <c>async Task</c> method) gets the child as a task of its own, so a child
    /// awaited by <c>Task</c> code never replaces the suspension of the task that happened to be executing. Inline
    /// starts nest a bounded number of native frames; past the bound, the task's step loop starts the child once its
    /// parent has suspended (same step, no loop iteration), so a chain of any depth runs in bounded stack.
    /// </summary>
    internal bool StartForAwait()
    {
        var loop = EventLoop.RunningOrNull;
        var task = loop?.CurrentTaskDriver;
        if (task is null)
        {
            // Awaited from outside any task: it gets its own task, which claims it (claiming here first would
            // make CreateTask see the coroutine as already awaited).
            (loop ?? EventLoop.Current).CreateTask(this, name: null);
            return false;
        }
        Claim();
        return task.TryStartInline(this);
    }

    /// <summary>Schedules the coroutine as a task of its own result type (for combinators that take any coroutine).</summary>
    internal virtual Future ScheduleAsTask(EventLoop loop) => loop.CreateTask(this);

    /// <summary>Runs a coroutine that <see cref="StartForAwait"/> already claimed as a task of its own.</summary>
    private protected virtual void ScheduleClaimedAsTask(EventLoop loop) => _ = new CoroutineTask(loop, this, name: null, claimed: true);

    /// <summary>Makes a coroutine that ran inline and suspended a task of its own (see <see cref="DeferredSuspension"/>).</summary>
    internal virtual ITaskDriver AdoptAsTask(EventLoop loop) => new CoroutineTask(loop, this, name: null, claimed: true, TaskStart.Adopted);

    /// <summary>A coroutine frame awaits this coroutine: it runs next in the frame's task, and resumes the frame when it completes.</summary>
    internal void SetParent(Coroutine parent)
    {
        parent.MarkSuspended();
        _awaiterOrError = parent;
        var task = parent.RequireTask();
        if (_state == CoroutineState.Created)
        {
            _task = task;
            task.StartNext(this);
        }
        else
        {
            task.TakeOverInlineChain(this);   // started inline by IsCompleted, and suspended
        }
    }

    /// <summary>
    /// Code that is not a coroutine (an <c>async Task</c> method) awaits this coroutine: it runs as a task of its
    /// own, and <paramref name="continuation"/> is scheduled on the loop once it has completed.
    /// </summary>
    internal void SetForeignContinuation(Action continuation)
    {
        if (_state == CoroutineState.Completed)
        {
            continuation();
            return;
        }
        _awaiterOrError = continuation;
        if (_task is null)
            ScheduleClaimedAsTask(EventLoop.Running);   // claimed by StartForAwait inside another task's step, not started
        else
            _task.DetachInlineChain(this);              // started inline by StartForAwait, and suspended
    }

    [System.Diagnostics.StackTraceHidden]
    internal void ThrowIfFailed()
    {
        if (_state != CoroutineState.Completed)
            throw new InvalidOperationException($"Coroutine {Name} has not completed; await it instead of reading its result.");
        if (_awaiterOrError is System.Exception error)
        {
            if (_task is { } task)
                task.RethrowFromChild(error);
            ExceptionDispatchInfo.Throw(error);
        }
    }
}

/// <summary>A coroutine that produces a <typeparamref name="T"/>; see <see cref="Coroutine"/>.</summary>
/// <typeparam name="T">The result type.</typeparam>
[AsyncMethodBuilder(typeof(CoroutineMethodBuilder<>))]
public abstract class Coroutine<T> : Coroutine
{
    private T _result = default!;

    private protected Coroutine() { }

    /// <summary>Gets the awaiter that yields the coroutine's result.</summary>
    public new CoroutineAwaiter<T> GetAwaiter() => new(this);

    internal override Future ScheduleAsTask(EventLoop loop) => loop.CreateTask(this);

    private protected override void ScheduleClaimedAsTask(EventLoop loop) => _ = new CoroutineTask<T>(loop, this, name: null, claimed: true);

    internal override ITaskDriver AdoptAsTask(EventLoop loop) => new CoroutineTask<T>(loop, this, name: null, claimed: true, TaskStart.Adopted);

    internal void CompleteWithResult(T result)
    {
        _result = result;
        Complete(null);
    }

    [System.Diagnostics.StackTraceHidden]
    internal T GetResultOrThrow()
    {
        ThrowIfFailed();
        return _result;
    }
}
