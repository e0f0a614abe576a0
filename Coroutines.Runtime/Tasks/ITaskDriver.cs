namespace Coroutines;

/// <summary>The task side of the suspension protocol, used by frames and awaiters.</summary>
internal interface ITaskDriver
{
    EventLoop Loop { get; }

    ICoroutineTask View { get; }

    /// <summary>The innermost level-triggered cancel scope the task is inside, or null.</summary>
    CancelScope? CancelScope { get; set; }

    /// <summary>Whether a cancellation was requested that the coroutine has not seen yet.</summary>
    bool CancellationPending { get; }

    /// <summary>The task that was running when this one was created, or null.</summary>
    ITaskDriver? Creator { get; }

    /// <summary>A cancel scope around the task's current await was cancelled: wake the task so the await throws.</summary>
    void InterruptForCancelScope(CancelScope scope);

    /// <summary>Position in the loop's registry of pending tasks (swap-remove), or -1.</summary>
    int RegistryIndex { get; set; }

    /// <summary>The leaf frame waits on a future; the task steps when it is done.</summary>
    void SuspendOnFuture(Coroutine leaf, Future future);

    /// <summary>The leaf frame yields for exactly one loop iteration.</summary>
    void SuspendForOneIteration(Coroutine leaf);

    /// <summary>The leaf frame sleeps until the loop time <paramref name="deadline"/>.</summary>
    void SuspendUntil(Coroutine leaf, double deadline);

    /// <summary>The leaf frame waits on a reusable source (a signal) that schedules the task's step when it fires.</summary>
    void SuspendOnWaitSource(Coroutine leaf, IWaitSource source);

    /// <summary>The leaf frame waits on a foreign awaitable; returns the continuation to give it.</summary>
    Action SuspendOnForeign(Coroutine leaf);

    /// <summary>
    /// A frame of this task returned or threw; the task completes when it is the root, and then schedules
    /// <paramref name="foreignAwaiter"/>, the continuation of the non-coroutine code awaiting it, if any.
    /// </summary>
    void OnFrameCompleted(Coroutine frame, Action? foreignAwaiter);

    /// <summary>Rethrows the exception of a completed child frame into its awaiting parent; see <see cref="FailureClimb"/>.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    void RethrowFromChild(System.Exception error);

    /// <summary>Makes the running step resume <paramref name="frame"/> once the current frame's MoveNext returns.</summary>
    void RunNext(Coroutine frame);

    /// <summary>
    /// Runs an awaited child inline, up to its first suspension (bounded nesting; false without running it when the
    /// bound is reached). Returns whether it completed; if not, its suspension is held (see <see cref="DeferredSuspension"/>)
    /// until <see cref="TakeOverInlineChain"/> or <see cref="DetachInlineChain"/> says who awaits it.
    /// </summary>
    bool TryStartInline(Coroutine child);

    /// <summary>A frame awaits a child that was not started: the step loop starts it once the frame has suspended.</summary>
    void StartNext(Coroutine child);

    /// <summary>A frame of this task awaits <paramref name="child"/>, started inline and suspended: the task takes its suspension over.</summary>
    void TakeOverInlineChain(Coroutine child);

    /// <summary>Code that is not a coroutine awaits <paramref name="child"/>, started inline and suspended: it becomes a task of its own.</summary>
    void DetachInlineChain(Coroutine child);

    /// <summary>
    /// A scope was entered by a frame of this task's step; if the frame runs inline, the scope is remembered so that it
    /// moves with the frame's chain should the chain become a task of its own.
    /// </summary>
    void ScopeEntered(ITaskBoundScope scope);

    /// <summary>The scope entered by <see cref="ScopeEntered"/> was exited: it no longer moves with any chain.</summary>
    void ScopeExited(ITaskBoundScope scope);

    /// <summary>Registers the deferred suspension of an inline chain as this task's own.</summary>
    void ResumeDeferred(DeferredSuspension deferred);

    /// <summary>
    /// Throws what the step that resumed the task carries for the awaiter: a rejected await's error, or
    /// <see cref="CancelledError"/> for a cancellation.
    /// </summary>
    void ThrowIfCancelledOnResume();
}

/// <summary>Entry points for the runtime's awaiters.</summary>
internal static class TaskStepper
{
    /// <summary>
    /// Called by every runtime awaiter's <c>GetResult</c>: a cancellation requested while the task could not be
    /// interrupted (it was yielding, or its future had already completed), the error of a rejected await, or a
    /// cancelled scope around the await is thrown here, at the <c>await</c>. When no task of the process is armed
    /// (see <see cref="ResumeChecks"/>) there is nothing to throw, and the running task is not even looked up.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    [System.Diagnostics.StackTraceHidden]
    public static void ThrowIfCancelledOnResume()
    {
        if (ResumeChecks.AnyArmed)
            EventLoop.RunningOrNull?.CurrentTaskDriver?.ThrowIfCancelledOnResume();
    }

    /// <summary>The same, for an awaiter that knows its loop (no thread-static lookup).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    [System.Diagnostics.StackTraceHidden]
    public static void ThrowIfCancelledOnResume(EventLoop? loop)
    {
        if (ResumeChecks.AnyArmed)
            loop?.CurrentTaskDriver?.ThrowIfCancelledOnResume();
    }
}
