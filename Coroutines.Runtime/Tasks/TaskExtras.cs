namespace Coroutines;

/// <summary>
/// The state of a <see cref="CoroutineTask{T}"/> that most tasks never need: a given name, cancellation requests,
/// a rejected await's error, a cancel scope, the continuation handed to foreign awaiters. The task allocates it on
/// first use, so that the many tasks that only run and park stay small (issue 4: bytes per parked coroutine).
/// </summary>
internal sealed class TaskExtras
{
    /// <summary>The name given at creation or set later; null means the default <c>Task-N</c>.</summary>
    public string? Name;

    /// <summary>How many cancellation requests are pending (asyncio's <c>cancelling()</c>).</summary>
    public int CancelRequests;

    /// <summary>The message of the first pending cancellation request.</summary>
    public object? CancelMessage;

    /// <summary>An invalid await (another loop's future, the task itself), thrown at that await on the next step.</summary>
    public System.Exception? ResumeError;

    /// <summary>The innermost level-triggered cancel scope the task is inside.</summary>
    public CancelScope? CancelScope;

    /// <summary>The continuation given to foreign awaiters (Task, ValueTask): posts the task's next step back to the loop.</summary>
    public Action? ForeignResume;

    /// <summary>The exception climbing the await chain, frame by frame, and how far it has come.</summary>
    public FailureClimb? Climb;
}
