namespace Coroutines;

/// <summary>
/// asyncio's <c>TaskGroup</c>: structured concurrency for the tasks created through it. The group's body runs in the
/// current task; on exit the group waits for every child, including children created by other children. The first
/// child failure cancels the other children and the body; the failures then leave the group as one
/// <see cref="AggregateException"/> (asyncio's <c>ExceptionGroup</c>: "unhandled errors in a TaskGroup"), nested
/// groups giving nested aggregates. A child cancelled on its own is not an error. A cancellation of the current
/// task cancels the children and leaves as <see cref="CancelledError"/> (unless children failed meanwhile).
/// The task's cancel count is left as it was: the group undoes its own cancel with <see cref="ICoroutineTask.Uncancel"/>.
/// </summary>
/// <remarks>
/// Use it through <see cref="Run(Func{TaskGroup, Coroutine})"/>: <c>await TaskGroup.Run(async group => { group.CreateTask(...); })</c>.
/// The body is a coroutine lambda because the group must see the exception that leaves it (C#'s <c>using</c> cannot).
/// </remarks>
public sealed class TaskGroup : ITaskBoundScope
{
    private readonly EventLoop _loop;
    private readonly HashSet<Future> _tasks = new(ReferenceEqualityComparer.Instance);
    private readonly List<Exception> _errors = new();
    private readonly Action<Future> _onTaskDone;
    private ICoroutineTask? _parent;
    private ITaskDriver? _parentDriver;
    private Future<VoidResult>? _onCompleted;
    private bool _entered;
    private bool _exiting;
    private bool _aborting;
    private bool _parentCancelRequested;

    private TaskGroup(EventLoop loop)
    {
        _loop = loop;
        _onTaskDone = OnTaskDone;
    }

    /// <summary>
    /// Runs <paramref name="body"/> with a new group and returns once the body and every child are done.
    /// </summary>
    /// <exception cref="AggregateException">One or more children (or the body) failed.</exception>
    /// <exception cref="CancelledError">The current task was cancelled and no child failed.</exception>
    /// <exception cref="InvalidOperationException">Not awaited from a coroutine running in a task.</exception>
    public static Coroutine Run(Func<TaskGroup, Coroutine> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new TaskGroup(EventLoop.Current).RunAsync(group => Scoped.AsVoidResult(body(group)));
    }

    /// <summary>Runs a body that produces a value; see <see cref="Run(Func{TaskGroup, Coroutine})"/>.</summary>
    public static Coroutine<T> Run<T>(Func<TaskGroup, Coroutine<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new TaskGroup(EventLoop.Current).RunAsync(body);
    }

    /// <summary>
    /// Starts <paramref name="coroutine"/> as a child task of the group, in <paramref name="context"/> or the caller's
    /// (see <see cref="EventLoop.CreateTask{T}(Coroutine{T}, string?, ExecutionContext?)"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The group has not started, has finished, or is shutting down after a failure.</exception>
    public CoroutineTask<T> CreateTask<T>(Coroutine<T> coroutine, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ThrowIfCannotCreate();
        return Track(_loop.CreateTask(coroutine, name, context));
    }

    /// <summary>Starts a coroutine without a result as a child task of the group.</summary>
    public CoroutineTask CreateTask(Coroutine coroutine, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ThrowIfCannotCreate();
        return Track(_loop.CreateTask(coroutine, name, context));
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var state = !_entered ? "" : _exiting && _tasks.Count == 0 ? " finished" : _aborting ? " cancelling" : " entered";
        return $"<TaskGroup{(_tasks.Count > 0 ? $" tasks={_tasks.Count}" : "")}{(_errors.Count > 0 ? $" errors={_errors.Count}" : "")}{state}>";
    }

    private TTask Track<TTask>(TTask task) where TTask : Future
    {
        _tasks.Add(task);
        task.AddDoneCallback(_onTaskDone);
        return task;
    }

    private void ThrowIfCannotCreate()
    {
        if (!_entered)
            throw new InvalidOperationException($"TaskGroup {this} has not been entered.");
        if (_exiting && _tasks.Count == 0)
            throw new InvalidOperationException($"TaskGroup {this} is finished.");
        if (_aborting)
            throw new InvalidOperationException($"TaskGroup {this} is shutting down.");
    }

    private async Coroutine<T> RunAsync<T>(Func<TaskGroup, Coroutine<T>> body)
    {
        _parentDriver = _loop.CurrentTaskDriver ?? throw new InvalidOperationException("TaskGroup cannot determine the parent task: await it from a coroutine running in a task.");
        _parent = _parentDriver.View;
        _entered = true;
        _parentDriver.ScopeEntered(this);
        try
        {
            T result = default!;
            Exception? bodyError = null;
            try
            {
                result = await body(this);
            }
            catch (Exception error)
            {
                bodyError = error;
            }
            await ExitAsync(bodyError);
            return result;
        }
        finally
        {
            _parentDriver.ScopeExited(this);
        }
    }

    /// <summary>The group's body now runs in <paramref name="to"/>: a child's failure cancels that task, and a cancel already sent moves too.</summary>
    void ITaskBoundScope.MoveTo(ITaskDriver from, ITaskDriver to)
    {
        _parentDriver = to;
        _parent = to.View;
        if (_parentCancelRequested)
        {
            from.View.Uncancel();
            to.View.Cancel();
        }
    }

    /// <summary>asyncio's <c>__aexit__</c>, step for step.</summary>
    private async Coroutine ExitAsync(Exception? bodyError)
    {
        _exiting = true;
        var propagateCancellation = bodyError as CancelledError;
        if (bodyError is not null && !_aborting)
            Abort();

        // The children must be waited for even inside a cancelled cancel scope; a Cancel of the task still gets through.
        await CancelScope.RunShielded(_loop, async () =>
        {
            while (_tasks.Count > 0)
            {
                _onCompleted ??= _loop.CreateFuture<VoidResult>();
                try
                {
                    await _onCompleted;
                }
                catch (CancelledError error)
                {
                    if (!_aborting)
                    {
                        // The parent task is cancelled while the body is done and children still run.
                        propagateCancellation = error;
                        Abort();
                    }
                }
                _onCompleted = null;
            }
        });

        if (_parentCancelRequested && _parent!.Uncancel() == 0)
            propagateCancellation = null;   // our own cancel was the only one: do not propagate it

        if (propagateCancellation is not null && _errors.Count == 0)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(propagateCancellation);

        if (bodyError is not null and not CancelledError)
            _errors.Add(bodyError);

        if (_errors.Count > 0)
        {
            // A cancellation from outside the group must survive the error: uncancel + cancel keeps the count stable.
            if (_parent!.Cancelling() > 0)
            {
                _parent.Uncancel();
                _parent.Cancel();
            }
            throw new AggregateException("unhandled errors in a TaskGroup", _errors);
        }
    }

    private void Abort()
    {
        _aborting = true;
        foreach (var task in _tasks)
        {
            if (!task.Done)
                task.Cancel();
        }
    }

    private void OnTaskDone(Future task)
    {
        _tasks.Remove(task);
        if (_onCompleted is { Done: false } completed && _tasks.Count == 0)
            completed.SetResult(VoidResult.Value);
        if (task.Cancelled)
            return;
        var error = task.Exception();
        if (error is null)
            return;
        _errors.Add(error);
        if (_parent!.Done)
        {
            _loop.CallExceptionHandler(new ExceptionContext("Task has errored out but its parent task is already completed")
            {
                Exception = error,
                Task = task as ICoroutineTask,
            });
            return;
        }
        if (!_aborting && !_parentCancelRequested)
        {
            // Interrupt whatever the body awaits; the group undoes this cancel on exit.
            Abort();
            _parentCancelRequested = true;
            _parent.Cancel();
        }
    }
}
