namespace Coroutines;

/// <summary>
/// An operation is not allowed in the future's current state (asyncio's <c>InvalidStateError</c>):
/// reading the result of a pending future, or completing a future twice.
/// </summary>
public class InvalidStateException : InvalidOperationException
{
    /// <summary>Creates the exception with a message saying what was expected.</summary>
    public InvalidStateException(string message) : base(message) { }
}
