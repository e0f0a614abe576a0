namespace Coroutines;

/// <summary>
/// A stream protocol that lends the transport its own memory (asyncio's <c>BufferedProtocol</c>): the kernel
/// writes received bytes straight into the buffer <see cref="GetBuffer"/> returns, with no copy.
/// Order: <see cref="BaseProtocol.ConnectionMade"/>, then <see cref="GetBuffer"/> / <see cref="BufferUpdated"/>
/// pairs, then <see cref="EofReceived"/> at most once, then <see cref="BaseProtocol.ConnectionLost"/>.
/// </summary>
public abstract class BufferedProtocol : BaseProtocol
{
    /// <summary>
    /// Returns the memory the next receive fills. <paramref name="sizeHint"/> is the size the transport would
    /// like, or −1 for any size. An empty buffer is an error that closes the transport.
    /// </summary>
    public abstract Memory<byte> GetBuffer(int sizeHint);

    /// <summary>The first <paramref name="byteCount"/> bytes of the last buffer were filled.</summary>
    public abstract void BufferUpdated(int byteCount);

    /// <summary>The peer closed its sending side; see <see cref="Protocol.EofReceived"/>.</summary>
    public virtual bool EofReceived() => false;
}
