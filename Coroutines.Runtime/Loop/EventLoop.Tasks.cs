using System.Text;

namespace Coroutines;

public sealed partial class EventLoop
{
    private readonly List<ITaskDriver> _tasks = new();

    internal ITaskDriver? CurrentTaskDriver;

    /// <summary>The suspension of a chain of awaited children started inline, until its awaiter is known.</summary>
    internal readonly DeferredSuspension Deferred = new();

    /// <summary>The task whose step is executing on this loop, or null in a plain callback.</summary>
    public ICoroutineTask? CurrentTask => CurrentTaskDriver?.View;

    /// <summary>
    /// Whether <see cref="CreateTask{T}(Coroutine{T}, string?, ExecutionContext?)"/> and everything built on it (<see cref="Loop.Gather{T}(Coroutine{T}[])"/>,
    /// <see cref="Loop.EnsureFuture(Coroutine)"/>, <see cref="TaskGroup"/>) start tasks eagerly, as
    /// <see cref="CreateEagerTask{T}(Coroutine{T}, string?, ExecutionContext?)"/> does: asyncio 3.12's
    /// <c>loop.set_task_factory(asyncio.eager_task_factory)</c>, and <c>set_task_factory(None)</c> when set back to false.
    /// Set initially from <see cref="EventLoopOptions.EagerTasks"/>.
    /// </summary>
    /// <remarks>
    /// Eager tasks pay off when many tasks finish without waiting (cache hits, memoized results): such a task never
    /// goes through the ready queue, and a <c>Gather</c> of them completes without a loop iteration. The price is a
    /// change of order: the body runs before <c>CreateTask</c> returns, ahead of callbacks already scheduled.
    /// </remarks>
    public bool EagerTasks { get; set; }

    /// <summary>
    /// Wraps <paramref name="coroutine"/> in a task and schedules its first step for the next iteration
    /// (asyncio's <c>loop.create_task()</c>); with <see cref="EagerTasks"/> set, starts it eagerly instead.
    /// </summary>
    /// <param name="coroutine">A coroutine that was neither awaited nor scheduled yet.</param>
    /// <param name="name">The task's name; <c>Task-N</c> when null.</param>
    /// <param name="context">
    /// The <see cref="ExecutionContext"/> (the <see cref="AsyncLocal{T}"/> values) the task's steps run in, asyncio 3.11's
    /// <c>context=</c>; when null, the caller's, captured now. An <see cref="ExecutionContext"/> is immutable, unlike
    /// Python's <c>Context</c>: values the task sets are seen by the task's later steps, never by the context passed in.
    /// </param>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">
    /// The coroutine was already awaited or scheduled, or (debug mode) the call comes from a thread other than the running loop's.
    /// </exception>
    public CoroutineTask<T> CreateTask<T>(Coroutine<T> coroutine, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ThrowIfCannotSchedule();
        return new CoroutineTask<T>(this, coroutine, name, start: EagerTasks ? TaskStart.Eager : TaskStart.Scheduled, context: context);
    }

    /// <summary>Wraps a coroutine that produces no value in a task; see <see cref="CreateTask{T}(Coroutine{T}, string?, ExecutionContext?)"/>.</summary>
    public CoroutineTask CreateTask(Coroutine coroutine, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ThrowIfCannotSchedule();
        return new CoroutineTask(this, coroutine, name, start: EagerTasks ? TaskStart.Eager : TaskStart.Scheduled, context: context);
    }

    /// <summary>
    /// Creates a task and runs its first step now, inside this call, up to the coroutine's first suspension
    /// (asyncio 3.12's <c>Task(..., eager_start=True)</c>, what <c>eager_task_factory</c> creates). During that step the
    /// new task is the loop's <see cref="CurrentTask"/> and is listed by <see cref="AllTasks"/>; afterwards the task that
    /// called is current again. A coroutine that returns or throws without suspending completes the task before this
    /// method returns: its result or exception is already set (the exception is not thrown to the caller), and the task
    /// never touches the ready queue. One that suspends continues as an ordinary task. When the loop is not running
    /// (or the call comes from another thread), the first step is scheduled as <see cref="CreateTask(Coroutine, string?, ExecutionContext?)"/> does.
    /// </summary>
    /// <param name="coroutine">A coroutine that was neither awaited nor scheduled yet.</param>
    /// <param name="name">The task's name, already set while the first step runs; <c>Task-N</c> when null.</param>
    /// <param name="context">The context every step runs in, the first one included; the caller's when null (see <see cref="CreateTask{T}(Coroutine{T}, string?, ExecutionContext?)"/>).</param>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">
    /// The coroutine was already awaited or scheduled, or (debug mode) the call comes from a thread other than the running loop's.
    /// </exception>
    public CoroutineTask<T> CreateEagerTask<T>(Coroutine<T> coroutine, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ThrowIfCannotSchedule();
        return new CoroutineTask<T>(this, coroutine, name, start: TaskStart.Eager, context: context);
    }

    /// <summary>Creates an eager task for a coroutine that produces no value; see <see cref="CreateEagerTask{T}(Coroutine{T}, string?, ExecutionContext?)"/>.</summary>
    public CoroutineTask CreateEagerTask(Coroutine coroutine, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ThrowIfCannotSchedule();
        return new CoroutineTask(this, coroutine, name, start: TaskStart.Eager, context: context);
    }

    /// <summary>Creates a pending future on this loop (asyncio's <c>loop.create_future()</c>); works on a closed loop too.</summary>
    public Future<T> CreateFuture<T>() => new(this);

    /// <summary>The tasks of this loop that are not done (asyncio's <c>all_tasks()</c>).</summary>
    public IReadOnlyList<ICoroutineTask> AllTasks() => _tasks.Select(t => t.View).ToArray();

    /// <summary>
    /// Every pending task with its await chain, innermost frame first, like <c>python -m asyncio pstree</c>.
    /// Generated coroutines show the file, line and text of the <c>await</c> they are suspended at.
    /// </summary>
    public string DumpTasks()
    {
        var text = new StringBuilder();
        foreach (var task in AllTasks())
        {
            text.Append(task.Name).Append(" (").Append(task.Coroutine.Name).Append(')');
            if (ReferenceEquals(task, CurrentTask))
                text.Append(" running");   // the task calling DumpTasks: it is not suspended anywhere
            text.Append('\n');
            foreach (var entry in task.GetStack())
                text.Append("  ").Append(entry).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// The checks scheduling the first step would make, done before the task claims the coroutine and joins
    /// the registry, so a refused call (closed loop, wrong thread in debug mode) leaves nothing behind.
    /// </summary>
    private void ThrowIfCannotSchedule()
    {
        ThrowIfClosed();
        CheckThread();
    }

    internal void RegisterTask(ITaskDriver task)
    {
        task.RegistryIndex = _tasks.Count;
        _tasks.Add(task);
    }

    internal void UnregisterTask(ITaskDriver task)
    {
        int index = task.RegistryIndex;
        if (index < 0 || index >= _tasks.Count || !ReferenceEquals(_tasks[index], task))
            return;
        int last = _tasks.Count - 1;
        var moved = _tasks[last];
        _tasks[index] = moved;
        moved.RegistryIndex = index;
        _tasks.RemoveAt(last);
        task.RegistryIndex = -1;
    }
}
