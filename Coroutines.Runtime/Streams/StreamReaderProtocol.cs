using System.Net.Sockets;
using System.Runtime.ExceptionServices;

namespace Coroutines;

/// <summary>
/// The protocol that connects a transport to an <see cref="AsyncStreamReader"/> and an
/// <see cref="AsyncStreamWriter"/> (asyncio's <c>StreamReaderProtocol</c> with its flow-control mixin): received
/// bytes land directly in the reader's buffer (it is a <see cref="BufferedProtocol"/>, so nothing is copied
/// twice), the end of the stream and connection errors reach the reader, and <see cref="AsyncStreamWriter.Drain"/>
/// waits here while the transport's buffer is above its high-water mark.
/// </summary>
public sealed class StreamReaderProtocol : BufferedProtocol
{
    // Each receive offers at least _receiveSize bytes of the reader's buffer. It starts small, so a thousand
    // connections exchanging small messages hold 16 KiB each, and doubles whenever a receive fills everything it was
    // offered, up to the loop's own read size (asyncio's 256 KiB per recv): a fixed 16 KiB made a 100 KiB message
    // seven receives, seven wake-ups and seven writes.
    private const int InitialReceiveSize = 16 * 1024;
    private const int MaximumReceiveSize = EventLoop.TransportReadBufferSize;

    private readonly EventLoop _loop;
    private readonly Func<AsyncStreamReader, AsyncStreamWriter, Coroutine>? _clientConnected;
    private readonly Future<bool> _closed;
    private readonly List<Future<bool>> _drainWaiters = [];
    private AsyncStreamReader? _reader;
    private ITransport? _transport;
    private bool _overTls;
    private bool _writingPaused;
    private bool _connectionLost;
    private int _receiveSize = InitialReceiveSize;
    private int _offered;

    /// <summary>
    /// Creates the protocol for <paramref name="reader"/>. With <paramref name="clientConnected"/> (a server's
    /// per-connection handler) it creates the writer once connected and runs the handler as a task: a handler
    /// that fails is reported to the loop's exception handler ("Unhandled exception in client_connected_cb") and
    /// its connection is closed; one that is cancelled closes its connection silently.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    public StreamReaderProtocol(AsyncStreamReader reader, Func<AsyncStreamReader, AsyncStreamWriter, Coroutine>? clientConnected = null, EventLoop? loop = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _clientConnected = clientConnected;
        _loop = loop ?? EventLoop.Current;
        _closed = new Future<bool>(_loop);
    }

    /// <summary>The handler's task on a server connection, once the connection is made.</summary>
    public CoroutineTask? HandlerTask { get; private set; }

    /// <summary>Whether the connection runs over TLS (then the end of the stream closes it: TLS cannot half-close).</summary>
    internal bool OverTls => _overTls;

    /// <summary>Completes once <see cref="BaseProtocol.ConnectionLost"/> has run, with its error if it had one.</summary>
    internal Future<bool> Closed => _closed;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="transport"/> is not an <see cref="ITransport"/>.</exception>
    public override void ConnectionMade(IBaseTransport transport)
    {
        if (transport is not ITransport stream)
            throw new ArgumentException($"A stream protocol needs an {nameof(ITransport)}, not {transport?.GetType().Name ?? "null"}.", nameof(transport));
        _transport = stream;
        _reader?.SetTransport(stream);
        _overTls = stream.GetExtraInfo("sslcontext") is not null;
        if (_clientConnected is null || _reader is null)
            return;
        var writer = new AsyncStreamWriter(stream, this, _reader);
        Coroutine handler;
        try
        {
            handler = _clientConnected(_reader, writer);
        }
        catch (Exception e)
        {
            // A handler that throws before its first await fails the same way as one that throws later.
            ReportHandlerFailure(e, stream);
            return;
        }
        var task = _loop.CreateTask(handler);
        HandlerTask = task;
        task.AddDoneCallback(done => OnHandlerDone(done, stream));
    }

    /// <summary>
    /// The free tail of the reader's buffer, at least 16 KiB and more once receives fill it (a transport that
    /// accepts any size passes −1, and a nearly full tail would otherwise turn into many tiny receives).
    /// </summary>
    public override Memory<byte> GetBuffer(int sizeHint)
    {
        var reader = _reader ?? throw new InvalidOperationException("The stream's connection is lost.");
        // A waiting ReadAsync with room for a first receive gets the bytes in its own memory (no second copy).
        var memory = reader.GetFeedBuffer(Math.Max(sizeHint, _receiveSize), lendMinimum: InitialReceiveSize);
        _offered = memory.Length;
        return memory;
    }

    /// <inheritdoc/>
    public override void BufferUpdated(int byteCount)
    {
        if (byteCount == _offered && _receiveSize < MaximumReceiveSize)
            _receiveSize *= 2;   // the peer sends faster than one receive takes: offer more next time
        _reader?.FeedBufferUpdated(byteCount);
    }

    /// <summary>
    /// Feeds the end of the stream to the reader. Returns true (keep the transport open for writing: a half-close)
    /// except over TLS, which has no half-close.
    /// </summary>
    public override bool EofReceived()
    {
        _reader?.FeedEof();
        return !_overTls;
    }

    /// <inheritdoc/>
    public override void ConnectionLost(Exception? exception)
    {
        if (_reader is { } reader)
        {
            if (exception is null)
                reader.FeedEof();
            else
                reader.SetException(exception);
        }
        if (!_closed.Done)
        {
            if (exception is null)
            {
                _closed.SetResult(true);
            }
            else
            {
                _closed.SetException(exception);
                _ = _closed.Exception();   // a writer that never waits for the close must not be reported for it
            }
        }
        _connectionLost = true;
        if (_writingPaused)
        {
            foreach (var waiter in _drainWaiters)
            {
                if (waiter.Done)
                    continue;
                if (exception is null)
                    waiter.SetResult(true);
                else
                    waiter.SetException(exception);
            }
        }
        _reader = null;
        _transport = null;
    }

    /// <inheritdoc/>
    public override void PauseWriting() => _writingPaused = true;

    /// <inheritdoc/>
    public override void ResumeWriting()
    {
        _writingPaused = false;
        foreach (var waiter in _drainWaiters)
        {
            if (!waiter.Done)
                waiter.SetResult(true);
        }
    }

    /// <summary>Whether the connection is up and writing is not paused: a drain has nothing to wait for.</summary>
    internal bool CanWriteWithoutWaiting => !_connectionLost && !_writingPaused;

    /// <summary>Waits while writing is paused (asyncio's <c>_drain_helper</c>); every waiter wakes on resume.</summary>
    internal async Coroutine DrainHelper()
    {
        if (_connectionLost)
            throw ConnectionLostError();
        if (!_writingPaused)
            return;
        var waiter = new Future<bool>(_loop);
        _drainWaiters.Add(waiter);
        try
        {
            await waiter;
        }
        finally
        {
            _drainWaiters.Remove(waiter);
        }
    }

    /// <summary>Switches to the transport a TLS upgrade returned (asyncio's <c>_replace_transport</c>).</summary>
    internal void ReplaceTransport(ITransport transport, AsyncStreamReader reader)
    {
        _transport = transport;
        _overTls = true;
        reader.ReplaceTransport(transport);
    }

    /// <summary>asyncio's <c>ConnectionResetError('Connection lost')</c>.</summary>
    internal static IOException ConnectionLostError() =>
        new("Connection lost.", new SocketException((int)SocketError.ConnectionReset));

    private void OnHandlerDone(Future done, ITransport transport)
    {
        if (done.Cancelled)
        {
            transport.Close();
            return;
        }
        if (done.Exception() is { } error)
            ReportHandlerFailure(error, transport);
    }

    private void ReportHandlerFailure(Exception error, ITransport transport)
    {
        _loop.CallExceptionHandler(new ExceptionContext("Unhandled exception in client_connected_cb")
        {
            Exception = error,
            Extra = new Dictionary<string, object?> { ["transport"] = transport },
        });
        transport.Close();
    }

    internal static void Rethrow(Exception exception) => ExceptionDispatchInfo.Capture(exception).Throw();
}
