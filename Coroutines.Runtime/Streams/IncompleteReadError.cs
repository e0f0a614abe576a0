namespace Coroutines;

/// <summary>
/// The stream ended before a read was satisfied (asyncio's <c>IncompleteReadError</c>, an <c>EOFError</c>):
/// <see cref="Partial"/> holds the bytes that did arrive, so nothing read is lost.
/// </summary>
public sealed class IncompleteReadError : EndOfStreamException
{
    /// <summary>Creates the error for <paramref name="partial"/> bytes out of <paramref name="expected"/> (null: undefined).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="partial"/> is null.</exception>
    public IncompleteReadError(byte[] partial, int? expected)
        : base($"{partial?.Length ?? 0} bytes read on a total of {(expected is int n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "undefined")} expected bytes")
    {
        ArgumentNullException.ThrowIfNull(partial);
        Partial = partial;
        Expected = expected;
    }

    /// <summary>The bytes read before the end of the stream.</summary>
    public byte[] Partial { get; }

    /// <summary>How many bytes were expected, or null when the read waited for a separator.</summary>
    public int? Expected { get; }
}
