namespace Coroutines.Diagnostics;

/// <summary>
/// Reports failed tasks nobody observes while the loop runs, instead of waiting for the garbage collector
/// (asyncio only says "Task exception was never retrieved" from a finalizer, so a task kept in a list fails silently).
/// </summary>
/// <remarks>
/// The rule: a task that fails with no awaiter and no done callback is the responsibility of the task that
/// created it. If that creator is still running, the failure waits until the creator finishes, so
/// <c>var t = CreateTask(...); ...; await t;</c> later in the creator is never reported. Once the creator is done
/// (or when the task was created outside any task), the failure is checked one iteration later: if by then
/// nobody has awaited the task, added a done callback, or read its exception, it is reported to the loop's
/// exception handler and marked retrieved (so the finalizer does not report it again). <see cref="EventLoop.Close"/>
/// reports whatever is still waiting. While the creator runs, the failed task is held only weakly: if the program
/// drops every reference to it, nobody can await it any more and the garbage collector's report (the finalizer of
/// its unretrieved exception) tells instead, so a long-running creator cannot make this list grow without bound.
/// </remarks>
internal sealed class UnobservedTaskFailures : ILoopWork
{
    private readonly EventLoop _loop;
    private readonly Dictionary<ITaskDriver, List<WeakReference<Future>>> _byCreator = new(ReferenceEqualityComparer.Instance);
    private List<Future> _due = new();
    private List<Future> _spare = new();
    private bool _scheduled;

    public UnobservedTaskFailures(EventLoop loop) => _loop = loop;

    /// <summary>A task failed while nobody was watching it.</summary>
    public void OnTaskFailed<T>(CoroutineTask<T> task)
    {
        ITaskDriver? creator = ((ITaskDriver)task).Creator;
        if (creator is null || creator.View.Done)
        {
            MakeDue(task);
            return;
        }
        if (!_byCreator.TryGetValue(creator, out var failed))
            _byCreator[creator] = failed = new List<WeakReference<Future>>(1);
        else if ((failed.Count & (failed.Count - 1)) == 0)
            failed.RemoveAll(static entry => !entry.TryGetTarget(out var future) || future.IsObserved);   // amortised pruning
        failed.Add(new WeakReference<Future>(task));
    }

    /// <summary>A task finished: the unobserved failures of the tasks it created are now due.</summary>
    public void OnTaskFinished(ITaskDriver task)
    {
        if (_byCreator.Count == 0 || !_byCreator.Remove(task, out var failed))
            return;
        foreach (var entry in failed)
        {
            if (entry.TryGetTarget(out var future))
                MakeDue(future);
        }
    }

    /// <summary>Reports every failure still unobserved (the loop is closing).</summary>
    public void ReportAll()
    {
        foreach (var failed in _byCreator.Values)
        {
            foreach (var entry in failed)
            {
                if (entry.TryGetTarget(out var future))
                    _due.Add(future);
            }
        }
        _byCreator.Clear();
        Execute();
    }

    public void Execute()
    {
        _scheduled = false;
        var due = _due;
        _due = _spare;
        _spare = due;
        foreach (var future in due)
        {
            if (future.IsObserved)
                continue;
            future.MarkRetrieved();
            _loop.CallExceptionHandler(new ExceptionContext("Task exception was never retrieved")
            {
                Exception = future.ExceptionUnchecked,
                Future = future,
                Task = future as ICoroutineTask,
            });
        }
        due.Clear();
    }

    public string Describe() => "<unobserved task failure check>";

    private void MakeDue(Future future)
    {
        _due.Add(future);
        if (_scheduled)
            return;
        _scheduled = true;
        _loop.EnqueueUnchecked(this, null, WorkKind.Work);
    }
}
