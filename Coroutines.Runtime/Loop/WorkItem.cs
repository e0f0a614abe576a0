namespace Coroutines;

/// <summary>What a queued work item holds in <see cref="WorkItem.Callback"/>.</summary>
internal enum WorkKind : byte
{
    /// <summary>A cancelled entry: skipped when its turn comes.</summary>
    Cancelled,
    /// <summary>An <see cref="System.Action"/>.</summary>
    Action,
    /// <summary>An <c>Action&lt;TState&gt;</c> with a reference-type state, invoked through <c>Action&lt;object?&gt;</c>.</summary>
    RefState,
    /// <summary>An <see cref="ILoopWork"/> (task steps, boxed value-state callbacks).</summary>
    Work,
}

/// <summary>Implemented by runtime objects the loop runs without a delegate (a task step).</summary>
internal interface ILoopWork
{
    void Execute();

    /// <summary>Short description for the exception handler and slow-callback warnings.</summary>
    string Describe();
}

/// <summary>A slot of the ready queue: no allocation per callback. 24 bytes: the queue is walked once per callback.</summary>
internal struct WorkItem
{
    public object? Callback;
    public object? State;
    public WorkKind Kind;
}
