namespace Coroutines;

/// <summary>
/// Thrown into a coroutine at its current <c>await</c> when its task is cancelled, and by
/// <see cref="Future{T}.Result"/> on a cancelled future (asyncio's <c>CancelledError</c>).
/// </summary>
/// <remarks>
/// It derives from <see cref="OperationCanceledException"/> so .NET code recognises it. Unlike asyncio's
/// <c>CancelledError</c> (a <c>BaseException</c>), a <c>catch (Exception)</c> catches it: catch it only to
/// clean up and rethrow, or call <see cref="CoroutineTask{T}.Uncancel"/> when deliberately suppressing it.
/// </remarks>
public class CancelledError : OperationCanceledException
{
    /// <summary>Creates a cancellation error with no message object.</summary>
    public CancelledError() : this(null) { }

    /// <summary>Creates a cancellation error carrying the message given to <c>Cancel(msg)</c>.</summary>
    /// <param name="cancelMessage">The message passed to <c>Cancel</c>; any object, or <see langword="null"/>.</param>
    public CancelledError(object? cancelMessage)
        : base(cancelMessage?.ToString() ?? "The operation was cancelled.")
    {
        CancelMessage = cancelMessage;
    }

    /// <summary>Creates a cancellation error with a message and an inner exception.</summary>
    public CancelledError(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The object given to <c>Cancel(msg)</c> (asyncio's <c>args[0]</c>), or <see langword="null"/>.</summary>
    public object? CancelMessage { get; }
}
