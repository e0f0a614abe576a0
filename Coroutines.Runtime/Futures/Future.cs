using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>
/// The untyped view of a <see cref="Future{T}"/> (asyncio's <c>Future</c>): a result that will be set
/// later, on one loop. Done callbacks are always scheduled through <see cref="EventLoop.CallSoon(Action)"/>,
/// never called synchronously. Not thread-safe: complete it on the loop's thread, or through
/// <see cref="EventLoop.CallSoonThreadSafe(Action)"/>.
/// </summary>
public abstract class Future
{
    // While pending: null, one callback entry, or a List<object> of entries. Once done the callbacks have been
    // scheduled and the field holds how the outcome is rethrown: the UnretrievedExceptionReporter of a failure nobody
    // has retrieved yet, the ExceptionDispatchInfo of a retrieved failure or of a cancellation, or null. Sharing the
    // field keeps every future, and so every task, 8 bytes smaller.
    private object? _callbacks;
    private bool _observed;                        // someone registered a callback or awaiter, or read the outcome
    private protected FutureState _state;          // a byte: packs with the flag above
    private protected System.Exception? _exception; // the failure, or the CancelledError when cancelled

    private protected Future(EventLoop loop)
    {
        Loop = loop ?? throw new ArgumentNullException(nameof(loop), "A future needs the event loop it belongs to.");
    }

    /// <summary>The loop this future belongs to (asyncio's <c>get_loop()</c>).</summary>
    public EventLoop Loop { get; }

    /// <summary>The current state.</summary>
    public FutureState State => _state;

    /// <summary>Whether the future is finished or cancelled.</summary>
    public bool Done => _state != FutureState.Pending;

    /// <summary>
    /// An awaiter's <c>IsCompleted</c>: true when done (a done future reads the same from any thread); false when
    /// pending and awaited on its loop's thread; throws when pending and awaited from another thread, since
    /// registering the continuation there would race with the loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsDoneOrAwaitableHere()
    {
        if (_state != FutureState.Pending)
            return true;
        EventLoop.ThrowIfAwaitedOffItsLoop(Loop, this);
        return false;
    }

    /// <summary>Whether the future was cancelled.</summary>
    public bool Cancelled => _state == FutureState.Cancelled;

    /// <summary>
    /// The exception the future finished with, or <see langword="null"/> if it finished with a result.
    /// Marks the exception as retrieved.
    /// </summary>
    /// <exception cref="InvalidStateException">The future is still pending.</exception>
    /// <exception cref="CancelledError">The future was cancelled.</exception>
    public System.Exception? Exception()
    {
        switch (_state)
        {
            case FutureState.Pending:
                throw new InvalidStateException("The future's exception is not set yet: the future is still pending. Await it first.");
            case FutureState.Cancelled:
                ThrowCancelled();
                return null;
            default:
                MarkRetrieved();
                return _exception;
        }
    }

    /// <summary>
    /// Cancels the future: it becomes cancelled and its callbacks are scheduled.
    /// </summary>
    /// <param name="message">Carried by the <see cref="CancelledError"/> that readers of the future see.</param>
    /// <returns><see langword="false"/> if the future was already done.</returns>
    public virtual bool Cancel(object? message = null)
    {
        if (_state != FutureState.Pending)
        {
            MarkRetrieved();   // as asyncio: cancelling a failed future silences "never retrieved"
            return false;
        }
        _state = FutureState.Cancelled;
        _exception = new CancelledError(message);
        ScheduleCallbacks();
        return true;
    }

    /// <summary>Finishes the future with an exception and schedules its callbacks.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    /// <exception cref="InvalidStateException">The future is already done.</exception>
    public void SetException(System.Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ThrowIfExternalCompletionForbidden(nameof(SetException));
        SetExceptionCore(exception);
    }

    /// <summary>
    /// Adds a callback run (through <see cref="EventLoop.CallSoon(Action)"/>) with this future once it is done;
    /// if it is done already, the callback is scheduled now.
    /// </summary>
    /// <remarks>
    /// Like every loop callback (see <see cref="EventLoop.CallSoon(Action)"/>), and unlike asyncio, the callback
    /// runs in the loop thread's <see cref="ExecutionContext"/>, not one captured at registration.
    /// </remarks>
    public void AddDoneCallback(Action<Future> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddEntry(callback);
    }

    /// <summary>Removes every registration of <paramref name="callback"/>.</summary>
    /// <returns>How many registrations were removed.</returns>
    public int RemoveDoneCallback(Action<Future> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return RemoveEntries(callback);
    }

    /// <summary>The result as an object; throws the future's exception, or <see cref="CancelledError"/>.</summary>
    public abstract object? ResultObject();

    /// <summary>Awaits completion without reading a typed result (throws the future's exception, if any).</summary>
    public FutureAwaiter GetAwaiter() => new(this);

    /// <inheritdoc/>
    public override string ToString()
    {
        var kind = this is ITaskView task ? $"Task {task.Name}" : "Future";
        return _state == FutureState.Pending ? $"<{kind} pending{DescribeCallbacks()}>" : $"<{kind} {DescribeOutcome()}>";
    }

    /// <summary>How a done future ended, as its <see cref="ToString"/> shows it: <c>cancelled</c>, <c>finished result=…</c> or <c>finished exception=…</c>.</summary>
    private protected string DescribeOutcome() => _state switch
    {
        FutureState.Cancelled => "cancelled",
        _ when _exception is not null => $"finished exception={_exception.GetType().Name}({_exception.Message})",
        _ => $"finished result={DescribeResult()}",
    };

    private protected abstract string DescribeResult();

    private protected virtual void ThrowIfExternalCompletionForbidden(string operation) { }

    internal void SetExceptionCore(System.Exception exception)
    {
        if (_state != FutureState.Pending)
            throw new InvalidStateException($"{operation(exception)}: the future is already {_state.ToString().ToLowerInvariant()}.");
        _state = FutureState.Finished;
        _exception = exception;
        ScheduleCallbacks();   // empties _callbacks, which then holds the reporter or the dispatch info
        var dispatch = ExceptionDispatchInfo.Capture(exception);
        _callbacks = exception is CancelledError ? dispatch : new UnretrievedExceptionReporter(Loop, dispatch, this);

        static string operation(System.Exception e) => $"Cannot set exception {e.GetType().Name}";
    }

    /// <summary>
    /// Ends the future cancelled with an existing error object (a task whose coroutine let it escape). Its stack trace
    /// is kept as it is now, which shows the interrupted <c>await</c>: every reader rethrows it from there.
    /// </summary>
    private protected void CancelCore(CancelledError error)
    {
        _state = FutureState.Cancelled;
        _exception = error;
        ScheduleCallbacks();
        _callbacks = ExceptionDispatchInfo.Capture(error);
    }

    private protected void MarkFinished()
    {
        _state = FutureState.Finished;
        ScheduleCallbacks();
    }

    internal void MarkRetrieved()
    {
        _observed = true;
        if (_state != FutureState.Pending && _callbacks is UnretrievedExceptionReporter reporter)
        {
            reporter.Dismiss();
            _callbacks = reporter.Dispatch;
        }
    }

    /// <summary>
    /// The <see cref="CancelledError"/> of a cancelled future: the one instance every reader gets (the error the
    /// task's coroutine raised, or the one <see cref="Cancel"/> made), as asyncio's <c>_make_cancelled_error</c> hands
    /// out the task's own error.
    /// </summary>
    internal CancelledError CancelledErrorInstance => (CancelledError)_exception!;

    internal System.Exception? ExceptionUnchecked => _exception;

    internal object? CancelMessage => (_exception as CancelledError)?.CancelMessage;

    /// <summary>
    /// Rethrows the failure or the <see cref="CancelledError"/>; no-op on success. Every read rethrows the same
    /// instance from the stack trace it had when the future completed, plus the reader's own frames: reads never
    /// pile up each other's frames (CPython test_futures2::test_future_traceback).
    /// </summary>
    [StackTraceHidden]
    internal void ThrowIfNotSuccessful()
    {
        if (_state == FutureState.Pending)
            throw new InvalidStateException("The future's result is not set yet: the future is still pending. Await it first.");
        if (_state == FutureState.Cancelled)
            ThrowCancelled();
        if (_exception is not null)
        {
            MarkRetrieved();
            ((ExceptionDispatchInfo)_callbacks!).Throw();
        }
    }

    [StackTraceHidden]
    [DoesNotReturn]
    private void ThrowCancelled()
    {
        // A future cancelled by Cancel() holds an error nobody has thrown yet: its first reader captures it.
        var dispatch = _callbacks as ExceptionDispatchInfo ?? ExceptionDispatchInfo.Capture(_exception!);
        _callbacks = dispatch;
        dispatch.Throw();
    }

    /// <summary>Registers a task step to run when the future is done (no allocation for the first waiter).</summary>
    internal void AddContinuation(ILoopWork work) => AddEntry(work);

    /// <summary>Registers a foreign awaiter's continuation (an <see cref="Action"/>).</summary>
    internal void AddContinuation(Action continuation) => AddEntry(continuation);

    internal void RemoveContinuation(object entry) => RemoveEntries(entry);

    /// <summary>Whether anyone registered a callback or awaiter on the future, or read its exception.</summary>
    internal bool IsObserved => _observed;

    private void AddEntry(object entry)
    {
        _observed = true;
        if (_state != FutureState.Pending)
        {
            Schedule(entry);
            return;
        }
        switch (_callbacks)
        {
            case null:
                _callbacks = entry;
                break;
            case List<object> list:
                list.Add(entry);
                break;
            default:
                _callbacks = new List<object>(4) { _callbacks, entry };
                break;
        }
    }

    private int RemoveEntries(object entry)
    {
        if (_state != FutureState.Pending)
            return 0;   // the callbacks were scheduled when the future completed
        switch (_callbacks)
        {
            case null:
                return 0;
            case List<object> list:
                return list.RemoveAll(e => e.Equals(entry));
            default:
                if (!_callbacks.Equals(entry))
                    return 0;
                _callbacks = null;
                return 1;
        }
    }

    private void ScheduleCallbacks()
    {
        var callbacks = _callbacks;
        if (callbacks is null)
            return;
        _callbacks = null;
        if (callbacks is List<object> list)
        {
            foreach (var entry in list)
                Schedule(entry);
        }
        else
        {
            Schedule(callbacks);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Schedule(object entry)
    {
        switch (entry)
        {
            case ILoopWork work:
                Loop.EnqueueUnchecked(work, null, WorkKind.Work);
                break;
            case Action action:
                Loop.EnqueueUnchecked(action, null, WorkKind.Action);
                break;
            default:
                // An Action<Future> or Action<Future<T>>: both take this future as their only argument.
                Loop.EnqueueUnchecked(entry, this, WorkKind.RefState);
                break;
        }
    }

    private string DescribeCallbacks()
    {
        int count = _callbacks switch { null => 0, List<object> list => list.Count, _ => 1 };
        return count == 0 ? "" : $" callbacks={count}";
    }
}
