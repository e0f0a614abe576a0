namespace Coroutines;

/// <summary>
/// The untyped view of a <see cref="CoroutineTask{T}"/> (asyncio's <c>Task</c>), as returned by
/// <see cref="Loop.CurrentTask"/> and <see cref="EventLoop.AllTasks"/>.
/// </summary>
public interface ICoroutineTask
{
    /// <summary>The task's name: <c>Task-N</c> unless one was given.</summary>
    string Name { get; set; }

    /// <summary>The coroutine the task runs (asyncio's <c>get_coro()</c>).</summary>
    Coroutine Coroutine { get; }

    /// <summary>The task as a future.</summary>
    Future AsFuture { get; }

    /// <summary>Whether the task is done.</summary>
    bool Done { get; }

    /// <summary>Whether the task ended cancelled.</summary>
    bool Cancelled { get; }

    /// <summary>
    /// Requests cancellation: a <see cref="CancelledError"/> is thrown into the coroutine at its current
    /// <c>await</c> on the next step. Returns <see langword="false"/> if the task is already done.
    /// </summary>
    bool Cancel(object? message = null);

    /// <summary>The number of pending cancellation requests (asyncio's <c>cancelling()</c>).</summary>
    int Cancelling();

    /// <summary>Decrements the cancellation request count and returns the new count (asyncio's <c>uncancel()</c>).</summary>
    int Uncancel();

    /// <summary>
    /// The await chain of the suspended task, innermost first: one entry per coroutine frame, with its
    /// await site when known.
    /// </summary>
    IReadOnlyList<StackEntry> GetStack();
}

/// <summary>One frame of a suspended task's await chain.</summary>
/// <param name="Coroutine">The coroutine's name.</param>
/// <param name="Site">Where it is suspended, when known.</param>
public sealed record StackEntry(string Coroutine, AwaitSite? Site)
{
    /// <inheritdoc/>
    public override string ToString() => Site is null ? Coroutine : $"{Coroutine} at {Site}";
}
