namespace Coroutines;

/// <summary>
/// A separator search went past the reader's limit (asyncio's <c>LimitOverrunError</c>). The data stays in the
/// reader's buffer, so the caller can recover, for example by reading <see cref="Consumed"/> bytes with
/// <see cref="AsyncStreamReader.ReadExactly"/> and searching again.
/// </summary>
public sealed class LimitOverrunError : Exception
{
    /// <summary>Creates the error with <paramref name="message"/> and the number of bytes to consume.</summary>
    public LimitOverrunError(string message, int consumed) : base(message) => Consumed = consumed;

    /// <summary>How many bytes can be consumed before the separator (or the end of the searched data).</summary>
    public int Consumed { get; }
}
