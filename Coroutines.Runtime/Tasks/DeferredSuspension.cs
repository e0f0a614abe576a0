namespace Coroutines;

/// <summary>What a frame started inline by its awaiter's <c>IsCompleted</c> suspended on.</summary>
internal enum DeferredKind : byte
{
    /// <summary>Nothing is deferred.</summary>
    None,
    /// <summary>A future (<see cref="DeferredSuspension.Waiter"/>).</summary>
    Future,
    /// <summary>One loop iteration (<c>Loop.Yield()</c>).</summary>
    OneIteration,
    /// <summary>A sleep until <see cref="DeferredSuspension.Deadline"/>.</summary>
    Until,
    /// <summary>A reusable wait source (<see cref="DeferredSuspension.Waiter"/>).</summary>
    WaitSource,
    /// <summary>A foreign awaitable, resumed through a <see cref="ForeignResumeForwarder"/> (<see cref="DeferredSuspension.Waiter"/>).</summary>
    Foreign,
    /// <summary>A child too deep to start inline: the task's step loop starts it.</summary>
    Start,
}

/// <summary>
/// The suspension of a chain of frames started inline by their awaiters' <c>IsCompleted</c> (the fast path of an
/// await of a coroutine that finishes without suspending), held until the awaiter of the chain's outermost frame is
/// known. A coroutine frame of the stepping task takes it over for its task; code that is not a coroutine (an
/// <c>async Task</c> method) gets the chain as a task of its own, which takes it over instead. Registering it with the
/// stepping task at once would make that task resume the wrong frame when <c>Task</c> code sits between the two.
/// One per loop: a suspension is held only while the native frames above it unwind, with no user code in between.
/// </summary>
internal sealed class DeferredSuspension
{
    public DeferredKind Kind;

    /// <summary>The innermost frame: the one that suspended, or the one to start.</summary>
    public Coroutine? Leaf;

    /// <summary>The future, wait source or forwarder the leaf waits on.</summary>
    public object? Waiter;

    /// <summary>The loop time a sleep ends at.</summary>
    public double Deadline;

    /// <summary>The outermost frame of the chain so far: the one whose awaiter decides who takes the suspension over.</summary>
    public Coroutine? Top;

    /// <summary>The task whose step started the chain.</summary>
    public ITaskDriver? Owner;

    /// <summary>
    /// Scopes entered, and not exited yet, by frames running inline, outermost first: they belong to whichever task
    /// ends up running their frames. Kept apart from the suspension, since a chain's scopes outlive its decision.
    /// </summary>
    public readonly List<ITaskBoundScope> ScopesEnteredInline = new();

    /// <summary>Where the scopes of the chain topped by <see cref="Top"/> begin in <see cref="ScopesEnteredInline"/>.</summary>
    public int ChainScopesStart;

    public bool IsEmpty => Kind == DeferredKind.None;

    public void Hold(ITaskDriver owner, DeferredKind kind, Coroutine leaf, object? waiter = null, double deadline = 0)
    {
        Owner = owner;
        Kind = kind;
        Leaf = leaf;
        Waiter = waiter;
        Deadline = deadline;
        Top = leaf;
    }

    public void Clear()
    {
        Kind = DeferredKind.None;
        Leaf = null;
        Waiter = null;
        Top = null;
        Owner = null;
    }
}

/// <summary>
/// The continuation given to a foreign awaitable by a frame whose task is not known yet (see
/// <see cref="DeferredSuspension"/>): it posts the step of the task bound later, or at binding when the awaitable
/// completed first (it may complete on any thread).
/// </summary>
internal sealed class ForeignResumeForwarder
{
    private readonly EventLoop _loop;
    private ILoopWork? _target;
    private bool _completed;

    public ForeignResumeForwarder(EventLoop loop)
    {
        _loop = loop;
        Resume = OnCompleted;
    }

    /// <summary>The continuation handed to the foreign awaiter.</summary>
    public Action Resume { get; }

    /// <summary>Binds the task to resume; posts its step now if the awaitable has already completed.</summary>
    public void Bind(ILoopWork target)
    {
        bool completed;
        lock (this)
        {
            _target = target;
            completed = _completed;
        }
        if (completed)
            _loop.CallSoonThreadSafeWork(target);
    }

    private void OnCompleted()
    {
        ILoopWork? target;
        lock (this)
        {
            target = _target;
            _completed = target is null;
        }
        if (target is not null)
            _loop.CallSoonThreadSafeWork(target);
    }
}
