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
    private bool _refusingThreadSafe;   // Shutdown() began: other threads' calls are refused, so none is accepted and dropped

    internal void CallSoonThreadSafeWork(ILoopWork work)
    {
        TryPostThreadSafe(work, null, WorkKind.Work);   // a closed loop drops the resume: nothing will run again
    }

    /// <summary>Schedules from any thread; returns false instead of throwing when the loop is closed.</summary>
    internal bool TryCallSoonThreadSafe(Action<object?> callback, object? state) =>
        TryPostThreadSafe(callback, state, WorkKind.RefState);

    private bool TryPostThreadSafe(object callback, object? state, WorkKind kind)
    {
        if (_running && _threadId == Environment.CurrentManagedThreadId)
        {
            if (_closed)
                return false;
            EnqueueChecked(callback, state, kind);
            return true;
        }
        lock (_incomingLock)
        {
            if (_closed || _refusingThreadSafe)
                return false;
            _incoming.Add(new WorkItem { Callback = callback, State = state, Kind = kind });
            Volatile.Write(ref _incomingCount, _incoming.Count);
            if (_waiting)
                Monitor.Pulse(_incomingLock);
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

    private void WaitForIncoming(int timeoutMilliseconds)
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
        if (Volatile.Read(ref _incomingCount) != 0)
            DrainIncoming();
    }
}
