namespace Coroutines;

/// <summary>
/// The future of work handed to an executor. Cancelling it before the work starts means the work never runs
/// (asyncio cancels the concurrent future); once the work runs it finishes, and its outcome is dropped.
/// </summary>
internal sealed class ExecutorFuture<T> : Future<T>
{
    private const int NotStarted = 0, Running = 1, Abandoned = 2;

    private readonly Func<T> _work;
    private readonly bool _onDefaultExecutor;   // counted by the loop until it ends, for ShutdownDefaultExecutor
    private int _workState;

    public ExecutorFuture(EventLoop loop, Func<T> work, bool onDefaultExecutor) : base(loop)
    {
        _work = work;
        _onDefaultExecutor = onDefaultExecutor;
    }

    public override bool Cancel(object? message = null)
    {
        bool cancelled = base.Cancel(message);
        if (cancelled && Interlocked.CompareExchange(ref _workState, Abandoned, NotStarted) == NotStarted)
        {
            Loop.EndForeignWork();   // the work will never run, so nothing will arrive
            if (_onDefaultExecutor)
                Loop.OnDefaultExecutorJobEnded();
        }
        return cancelled;
    }

    /// <summary>
    /// Runs on the executor's thread; the outcome is posted back to the loop thread. The loop counts the work as in
    /// flight from submission (<see cref="EventLoop.BeginForeignWork"/>) until the outcome is posted, so virtual time
    /// waits for it.
    /// </summary>
    public void Run()
    {
        if (Interlocked.CompareExchange(ref _workState, Running, NotStarted) != NotStarted)
            return;
        Outcome<T> outcome;
        try
        {
            outcome = new Outcome<T>(_work(), null);
        }
        catch (Exception error)
        {
            outcome = new Outcome<T>(default!, error);
        }
        // A closed loop refuses the post: nothing will ever read the outcome, so it is dropped, as asyncio does.
        Loop.TryCompleteForeignWork(static state => ((Delivery)state!).Deliver(), new Delivery(this, outcome));
    }

    private sealed class Delivery(ExecutorFuture<T> future, Outcome<T> outcome)
    {
        public void Deliver()
        {
            if (future._onDefaultExecutor)
                future.Loop.OnDefaultExecutorJobEnded();
            if (future.Done)
                return;   // cancelled while the work ran
            if (outcome.Exception is { } error)
                future.SetException(error);
            else
                future.SetResult(outcome.Value);
        }
    }
}
