namespace Coroutines;

/// <summary>
/// The writing half of a stream connection (asyncio's <c>StreamWriter</c>): writes go straight to the
/// transport, <see cref="Drain"/> waits while the transport's buffer is above its high-water mark.
/// </summary>
/// <remarks>
/// Named <c>AsyncStreamWriter</c>, not <c>StreamWriter</c>, because <c>System.IO.StreamWriter</c> is in scope in
/// every project with implicit usings (see <see cref="AsyncStreamReader"/>).
/// </remarks>
public sealed partial class AsyncStreamWriter
{
    private readonly StreamReaderProtocol _protocol;
    private readonly AsyncStreamReader? _reader;

    /// <summary>Creates the writer for a connection made with <paramref name="protocol"/>.</summary>
    /// <param name="transport">The connection's transport.</param>
    /// <param name="protocol">The connection's protocol, which tells the writer about flow control and the close.</param>
    /// <param name="reader">The connection's reader, whose error <see cref="Drain"/> raises; may be null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transport"/> or <paramref name="protocol"/> is null.</exception>
    public AsyncStreamWriter(ITransport transport, StreamReaderProtocol protocol, AsyncStreamReader? reader)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(protocol);
        Transport = transport;
        _protocol = protocol;
        _reader = reader;
    }

    /// <summary>The transport the writer writes to (the TLS transport after a TLS upgrade).</summary>
    public ITransport Transport { get; private set; }

    /// <summary>Whether the transport is closing or closed.</summary>
    public bool IsClosing => Transport.IsClosing;

    /// <summary>Whether <see cref="WriteEof"/> is supported (not over TLS).</summary>
    public bool CanWriteEof => Transport.CanWriteEof;

    /// <summary>Writes <paramref name="data"/> (see <see cref="IWriteTransport.Write"/>); call <see cref="Drain"/> to respect flow control.</summary>
    public void Write(ReadOnlySpan<byte> data) => Transport.Write(data);

    /// <summary>Writes every buffer in order, as one write.</summary>
    public void WriteLines(IEnumerable<ReadOnlyMemory<byte>> buffers) => Transport.WriteLines(buffers);

    /// <summary>Half-closes the connection once the buffer is flushed.</summary>
    public void WriteEof() => Transport.WriteEof();

    /// <summary>Closes the transport; <see cref="WaitClosed"/> completes once the connection is gone.</summary>
    public void Close() => Transport.Close();

    /// <summary>Optional information about the transport, e.g. <c>"peername"</c>, <c>"peercert"</c>.</summary>
    public object? GetExtraInfo(string name, object? defaultValue = null) => Transport.GetExtraInfo(name, defaultValue);

    /// <summary>Waits until the connection is lost (after <see cref="Close"/>), raising the error it was lost with.</summary>
    public async Coroutine WaitClosed() => await _protocol.Closed;

    /// <summary>
    /// Waits until it is appropriate to write again: while the transport's buffer is above its high-water mark.
    /// Any number of coroutines may drain at once; all wake together.
    /// </summary>
    /// <remarks>
    /// A struct awaitable: on a healthy connection below the high-water mark the <c>await</c> returns at once and
    /// allocates nothing, so <c>Write</c> + <c>await Drain()</c> per message costs no garbage. Use
    /// <see cref="DrainAwaitable.AsCoroutine"/> to schedule a drain as a task.
    /// </remarks>
    /// <exception cref="Exception">The reader's error, when the connection failed.</exception>
    /// <exception cref="IOException">The connection is lost (asyncio's <c>ConnectionResetError('Connection lost')</c>).</exception>
    public DrainAwaitable Drain() => new(this);

    /// <summary>Whether a drain now would neither wait nor throw (asyncio's drain returns without suspending then).</summary>
    internal bool CanSkipDrain => _reader?.Exception is null && !Transport.IsClosing && _protocol.CanWriteWithoutWaiting;

    /// <summary>asyncio's <c>drain()</c>, every case.</summary>
    internal async Coroutine DrainCore()
    {
        if (_reader?.Exception is { } error)
            StreamReaderProtocol.Rethrow(error);
        if (Transport.IsClosing)
        {
            // Let connection_lost run first so a closed connection raises instead of returning quietly.
            await Loop.Yield();
        }
        await _protocol.DrainHelper();
    }

    /// <summary>
    /// The connection as a .NET <see cref="Stream"/>: writes go to this writer, reads come from its reader (see
    /// <see cref="ConnectionStream"/>). Disposing the stream closes the writer.
    /// </summary>
    public ConnectionStream AsStream() => new(_reader, this, EventLoop.RunningOrNull ?? EventLoop.Current);

    /// <inheritdoc/>
    public override string ToString() => $"<AsyncStreamWriter transport={Transport}{(_reader is null ? "" : " reader")}>";
}
