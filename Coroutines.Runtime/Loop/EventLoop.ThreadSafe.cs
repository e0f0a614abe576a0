namespace Coroutines;

public sealed partial class EventLoop
{
    // Calls from other threads land here under a lock and move to the ready queue at the next iteration
    // (or before the loop thread's next CallSoon, to keep FIFO). Two lists are swapped to avoid copying.
    private readonly object _incomingLock = new();
    private List<WorkItem> _incoming = new();
    private List<WorkItem> _incomingSpare = new();
    private int _incomingCount;
    private bool _waiting;
    private int _foreignInFlight;   // guarded by _incomingLock, so "nothing in flight and nothing incoming" is one observation
    private int _foreignAwaits;     // likewise: awaited foreign Tasks/ValueTasks and WrapTask futures not yet resumed
    private bool _refusingThreadSafe;   // Shutdown() began: other threads' calls are refused, so none is accepted and dropped
    private HashSet<IDroppedOnClose>? _waitedOnFromOtherThreads;   // loop thread only: started work whose task is pending

    /// <summary>
    /// Runs <paramref name="coroutine"/> as a task on this loop from any thread, and returns a
    /// <see cref="System.Threading.Tasks.Task{TResult}"/> of its outcome (asyncio's <c>run_coroutine_threadsafe</c>):
    /// the way back to the loop for code on another thread, such as <c>Task</c> code that continued on the thread pool.
    /// The task is created by a <see cref="CallSoonThreadSafe(Action)"/> callback. Cancelling
    /// <paramref name="cancellationToken"/> cancels the task, and the returned Task ends cancelled when the task does.
    /// Its continuations run asynchronously, never inline on the loop thread. If the loop is closed before that callback
    /// runs, <see cref="Close"/> reports the dropped callback and the returned Task fails with
    /// <see cref="ObjectDisposedException"/>: end the loop with <see cref="Shutdown"/> (as
    /// <see cref="Run(Coroutine, EventLoopOptions?)"/> does), which runs accepted callbacks first.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The loop is closed (or shutting down).</exception>
    public Task<T> RunCoroutineThreadSafe<T>(Coroutine<T> coroutine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        var start = new ThreadSafeCoroutineStart<T>(this, coroutine, cancellationToken);
        if (!TryPostThreadSafe(start, null, WorkKind.Work))
            throw new ObjectDisposedException(nameof(EventLoop), "The event loop is closed (or shutting down) and accepts no more calls.");
        return start.Outcome;
    }

    /// <summary>Runs a coroutine without a result from any thread; see <see cref="RunCoroutineThreadSafe{T}(Coroutine{T}, CancellationToken)"/>.</summary>
    /// <exception cref="ObjectDisposedException">The loop is closed (or shutting down).</exception>
    public Task RunCoroutineThreadSafe(Coroutine coroutine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        return RunCoroutineThreadSafe(Scoped.AsVoidResult(coroutine), cancellationToken);
    }

    /// <summary>Tracks (loop thread) work whose task another thread waits for, so <see cref="Close"/> can end that wait.</summary>
    internal void WaitedOnFromOtherThreads(IDroppedOnClose work, bool pending)
    {
        if (pending)
            (_waitedOnFromOtherThreads ??= new()).Add(work);
        else
            _waitedOnFromOtherThreads?.Remove(work);
    }

    /// <summary>Resumes a task whose foreign await (<see cref="BeginForeignAwait"/>) completed; any thread.</summary>
    internal void CallSoonThreadSafeWork(ILoopWork work)
    {
        TryPostThreadSafe(work, null, WorkKind.Work, ForeignEnd.Await);   // a closed loop drops the resume: nothing will run again
    }

    /// <summary>Schedules from any thread; returns false instead of throwing when the loop is closed.</summary>
    internal bool TryCallSoonThreadSafe(Action<object?> callback, object? state) =>
        TryPostThreadSafe(callback, state, WorkKind.RefState);

    /// <summary>
    /// Delivers the outcome of foreign work started with <see cref="BeginForeignWork"/> from any thread, and ends it in
    /// the same step, so a virtual-time loop never sees the work neither in flight nor arrived.
    /// Returns false (and still ends the work) when the loop is closed.
    /// </summary>
    internal bool TryCompleteForeignWork(Action<object?> callback, object? state) =>
        TryPostThreadSafe(callback, state, WorkKind.RefState, ForeignEnd.Work);

    /// <summary>Delivers the outcome of a foreign await started with <see cref="BeginForeignAwait"/>; see <see cref="TryCompleteForeignWork"/>.</summary>
    internal bool TryCompleteForeignAwait(Action<object?> callback, object? state) =>
        TryPostThreadSafe(callback, state, WorkKind.RefState, ForeignEnd.Await);

    /// <summary>
    /// Counts an awaited foreign <see cref="System.Threading.Tasks.Task"/>/<c>ValueTask</c> (or a <c>WrapTask</c>) until
    /// its resume is posted. Unlike executor work it may be completed by the loop itself (a
    /// <see cref="TaskCompletionSource"/> set by a callback), so it holds a virtual clock only for
    /// <see cref="ForeignAwaitPatience"/> of real idleness, never forever.
    /// </summary>
    internal void BeginForeignAwait()
    {
        lock (_incomingLock)
            _foreignAwaits++;
    }

    /// <summary>Foreign awaits in flight (see <see cref="BeginForeignAwait"/>).</summary>
    internal int ForeignAwaitsInFlight => Volatile.Read(ref _foreignAwaits);

    private enum ForeignEnd : byte { None, Work, Await }

    private void EndForeignLocked(ForeignEnd end)
    {
        if (end == ForeignEnd.Work)
            _foreignInFlight--;
        else if (end == ForeignEnd.Await)
            _foreignAwaits--;
    }

    /// <summary>
    /// Counts work in flight outside the loop whose outcome will arrive through the thread-safe path (an executor job):
    /// a virtual-time loop does not jump its clock while any is.
    /// Ended by <see cref="TryCompleteForeignWork"/> (or <see cref="EndForeignWork"/> when it is abandoned).
    /// </summary>
    internal void BeginForeignWork()
    {
        lock (_incomingLock)
            _foreignInFlight++;
    }

    /// <summary>Ends foreign work that will deliver nothing (cancelled before it started).</summary>
    internal void EndForeignWork()
    {
        lock (_incomingLock)
            _foreignInFlight--;
    }

    /// <summary>Foreign work in flight (see <see cref="BeginForeignWork"/>).</summary>
    internal int ForeignWorkInFlight => Volatile.Read(ref _foreignInFlight);

    private bool TryPostThreadSafe(object callback, object? state, WorkKind kind, ForeignEnd end = ForeignEnd.None)
    {
        if (_running && _threadId == Environment.CurrentManagedThreadId)
        {
            if (end != ForeignEnd.None)
            {
                lock (_incomingLock)
                    EndForeignLocked(end);
            }
            if (_closed)
                return false;
            EnqueueChecked(callback, state, kind);
            return true;
        }
        lock (_incomingLock)
        {
            if (_closed || _refusingThreadSafe)
            {
                EndForeignLocked(end);
                return false;
            }
            _incoming.Add(new WorkItem { Callback = callback, State = state, Kind = kind });
            Volatile.Write(ref _incomingCount, _incoming.Count);
            EndForeignLocked(end);
            if (_waiting)
                WakeWaitingLoop();
        }
        return true;
    }

    private void DrainIncoming()
    {
        List<WorkItem> batch;
        lock (_incomingLock)
        {
            batch = _incoming;
            _incoming = _incomingSpare;
            _incomingSpare = batch;
            Volatile.Write(ref _incomingCount, 0);
        }
        foreach (var item in batch)
            _ready.Enqueue(item.Callback!, item.State, item.Kind);
        batch.Clear();
    }
}
