using System.Runtime.ExceptionServices;

namespace Coroutines;

/// <summary>
/// Reports a future's exception that nobody retrieved, when the future is garbage-collected
/// ("Future exception was never retrieved"). Only failed futures allocate one, so ordinary futures
/// carry no finalizer; retrieving the exception dismisses it.
/// </summary>
internal sealed class UnretrievedExceptionReporter
{
    private readonly EventLoop _loop;
    private readonly Future _future;

    public UnretrievedExceptionReporter(EventLoop loop, ExceptionDispatchInfo dispatch, Future future)
    {
        _loop = loop;
        Dispatch = dispatch;
        _future = future;
    }

    /// <summary>The failure, with the stack trace it had when the future failed; readers rethrow it from here.</summary>
    public ExceptionDispatchInfo Dispatch { get; }

    public void Dismiss() => GC.SuppressFinalize(this);

    ~UnretrievedExceptionReporter()
    {
        var context = new ExceptionContext(
            _future is ITaskView ? "Task exception was never retrieved" : "Future exception was never retrieved")
        {
            Exception = Dispatch.SourceException,
            Future = _future,
        };
        // Finalizers run on the finalizer thread: hand the report to the loop, or report directly if it is gone.
        if (!_loop.TryCallSoonThreadSafe(static state => ((ReportState)state!).Deliver(), new ReportState(_loop, context)))
            EventLoop.WriteDefaultReport(context);
    }

    private sealed record ReportState(EventLoop Loop, ExceptionContext Context)
    {
        public void Deliver() => Loop.CallExceptionHandler(Context);
    }
}

/// <summary>Marks futures that are tasks, so reports and reprs can say "Task".</summary>
internal interface ITaskView
{
    string Name { get; }
}
