namespace Coroutines;

/// <summary>
/// The future <see cref="Loop.Gather{T}(Future{T}[])"/> returns (asyncio's <c>_GatheringFuture</c>). Cancelling it
/// cancels every child that is still running; it then ends with a <see cref="CancelledError"/> <i>exception</i>
/// once the children are done, not in the cancelled state, as asyncio does.
/// </summary>
internal sealed class GatheringFuture<TResult> : Future<TResult>
{
    private readonly Future[] _children;       // distinct children
    private readonly Future[] _positions;      // the child behind each argument position
    private readonly Func<Future[], TResult> _collect;
    private readonly bool _returnExceptions;
    private int _finished;
    private bool _cancelRequested;

    public GatheringFuture(EventLoop loop, Future[] children, Future[] positions, bool returnExceptions, Func<Future[], TResult> collect)
        : base(loop)
    {
        _children = children;
        _positions = positions;
        _returnExceptions = returnExceptions;
        _collect = collect;
        Action<Future> onChildDone = OnChildDone;
        foreach (var child in children)
        {
            if (!child.Done)
                child.AddDoneCallback(onChildDone);
        }
        // A child that is done already (an eager task that finished without suspending) is counted now, after every
        // other child got its callback, as asyncio 3.12's gather does: a gather of such children completes without a
        // loop iteration or a callback each. Counting changes no child, so the children done here are those skipped above.
        foreach (var child in children)
        {
            if (child.Done)
                OnChildDone(child);
        }
    }

    public override bool Cancel(object? message = null)
    {
        if (Done)
            return false;
        bool accepted = false;
        foreach (var child in _children)
        {
            if (child.Cancel(message))
                accepted = true;
        }
        if (accepted)
            _cancelRequested = true;   // the outcome becomes a CancelledError once every child is done
        return accepted;
    }

    private void OnChildDone(Future child)
    {
        _finished++;
        if (Done)
        {
            if (!child.Cancelled)
                child.MarkRetrieved();   // later failures after the first one are dropped on purpose, as asyncio does
            return;
        }
        if (!_returnExceptions)
        {
            if (child.Cancelled)
            {
                SetExceptionCore(child.CancelledErrorInstance);   // the child's own error, as asyncio's gather passes on
                return;
            }
            if (child.ExceptionUnchecked is { } error)
            {
                child.MarkRetrieved();
                SetExceptionCore(error);
                return;
            }
        }
        if (_finished < _children.Length)
            return;
        if (_cancelRequested)
        {
            SetExceptionCore(child.Cancelled ? child.CancelledErrorInstance : new CancelledError());
            return;
        }
        foreach (var each in _children)
            each.MarkRetrieved();
        SetResultCore(_collect(_positions));
    }
}
