namespace Coroutines;

/// <summary>Thrown by <see cref="AsyncQueue{T}.PutNowait"/> when the queue is full (asyncio's <c>QueueFull</c>).</summary>
public sealed class QueueFullException : InvalidOperationException
{
    /// <summary>Creates the exception with the default message.</summary>
    public QueueFullException() : base("The queue is full.") { }

    /// <summary>Creates the exception with a message.</summary>
    public QueueFullException(string message) : base(message) { }
}

/// <summary>Thrown by <see cref="AsyncQueue{T}.GetNowait"/> when the queue is empty (asyncio's <c>QueueEmpty</c>).</summary>
public sealed class QueueEmptyException : InvalidOperationException
{
    /// <summary>Creates the exception with the default message.</summary>
    public QueueEmptyException() : base("The queue is empty.") { }

    /// <summary>Creates the exception with a message.</summary>
    public QueueEmptyException(string message) : base(message) { }
}

/// <summary>
/// Thrown by puts on a queue that was shut down, and by gets once such a queue is empty
/// (asyncio's <c>QueueShutDown</c>).
/// </summary>
public sealed class QueueShutDownException : InvalidOperationException
{
    /// <summary>Creates the exception with the default message.</summary>
    public QueueShutDownException() : base("The queue has been shut down.") { }

    /// <summary>Creates the exception with a message.</summary>
    public QueueShutDownException(string message) : base(message) { }
}
