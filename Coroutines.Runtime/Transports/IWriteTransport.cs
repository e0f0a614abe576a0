namespace Coroutines;

/// <summary>
/// The sending side of a transport (asyncio's <c>WriteTransport</c>), with write flow control: when the
/// buffered bytes rise above the high-water mark the protocol's <see cref="BaseProtocol.PauseWriting"/> is
/// called, and <see cref="BaseProtocol.ResumeWriting"/> once they fall to the low-water mark.
/// </summary>
public interface IWriteTransport : IBaseTransport
{
    /// <summary>
    /// Sends <paramref name="data"/>: as much as the kernel takes at once is sent immediately, the rest is
    /// copied into the transport's buffer and sent when the socket is writable. Never blocks. Empty data is a
    /// no-op; after the transport was closed or lost the write is dropped (and counted, as asyncio does).
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="WriteEof"/> was called before.</exception>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>Writes every buffer in order, as one write would (asyncio's <c>writelines</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="buffers"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="WriteEof"/> was called before.</exception>
    void WriteLines(IEnumerable<ReadOnlyMemory<byte>> buffers);

    /// <summary>
    /// Closes the sending side once the buffer is flushed (a TCP half-close); the peer sees end of stream and
    /// the transport may keep receiving. Idempotent; a no-op once closing.
    /// </summary>
    /// <exception cref="NotSupportedException">The transport cannot half-close (<see cref="CanWriteEof"/> is false).</exception>
    void WriteEof();

    /// <summary>Whether <see cref="WriteEof"/> is supported (true for TCP, false for TLS).</summary>
    bool CanWriteEof { get; }

    /// <summary>
    /// Closes at once, dropping buffered data; the protocol's <see cref="BaseProtocol.ConnectionLost"/> follows
    /// with <see langword="null"/>, through the loop.
    /// </summary>
    void Abort();

    /// <summary>How many bytes wait in the transport's buffer.</summary>
    int GetWriteBufferSize();

    /// <summary>The current water marks.</summary>
    (int Low, int High) GetWriteBufferLimits();

    /// <summary>
    /// Sets the water marks (asyncio's rules): by default high is 64 KiB and low a quarter of it; given only
    /// <paramref name="high"/>, low is high / 4; given only <paramref name="low"/>, high is 4 × low. The new marks
    /// take effect at once and may call <see cref="BaseProtocol.PauseWriting"/> from inside this call.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A mark is negative or <paramref name="high"/> is below <paramref name="low"/>.</exception>
    void SetWriteBufferLimits(int? high = null, int? low = null);
}
