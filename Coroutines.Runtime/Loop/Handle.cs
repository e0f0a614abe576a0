namespace Coroutines;

/// <summary>
/// A callback scheduled with <see cref="EventLoop.CallSoon(Action)"/> (asyncio's <c>Handle</c>).
/// A small struct, so scheduling allocates nothing; copies refer to the same callback.
/// </summary>
public readonly struct Handle : IEquatable<Handle>
{
    private readonly EventLoop? _loop;
    private readonly long _sequence;

    internal Handle(EventLoop loop, long sequence)
    {
        _loop = loop;
        _sequence = sequence;
    }

    /// <summary>The loop the callback was scheduled on.</summary>
    public EventLoop Loop => _loop ?? throw new InvalidOperationException("This Handle was default-initialised and refers to no callback.");

    /// <summary>
    /// Cancels the callback if it has not run yet; it then never runs and its references are dropped.
    /// Idempotent. Like every loop method except <see cref="EventLoop.CallSoonThreadSafe(Action)"/>, call it on the loop's thread.
    /// </summary>
    /// <returns><see langword="true"/> if this call stopped a pending callback.</returns>
    public bool Cancel() => _loop is not null && _loop.CancelReady(_sequence);

    /// <summary>
    /// Whether the callback was cancelled before it ran. Exact while the callback is queued; after the loop
    /// has skipped a cancelled entry it is remembered for the 64 most recent cancellations.
    /// </summary>
    public bool Cancelled => _loop is not null && _loop.IsReadyCancelled(_sequence);

    /// <inheritdoc/>
    public bool Equals(Handle other) => ReferenceEquals(_loop, other._loop) && _sequence == other._sequence;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Handle other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _sequence.GetHashCode();

    /// <summary>Compares two handles.</summary>
    public static bool operator ==(Handle left, Handle right) => left.Equals(right);

    /// <summary>Compares two handles.</summary>
    public static bool operator !=(Handle left, Handle right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => $"<Handle #{_sequence}{(Cancelled ? " cancelled" : "")}>";
}
