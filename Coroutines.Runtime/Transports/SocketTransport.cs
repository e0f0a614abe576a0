using System.Net;
using System.Net.Sockets;
using Coroutines.IO;

namespace Coroutines.Transports;

/// <summary>
/// A TCP or Unix stream connection driven by the loop's selector (asyncio's <c>_SelectorSocketTransport</c>).
/// Readiness is level-triggered: on readable it receives (into the loop's shared receive buffer for a
/// <see cref="Protocol"/>, into the protocol's own memory for a <see cref="BufferedProtocol"/>); on writable it
/// flushes the write buffer, several segments in one gathered send.
/// </summary>
/// <remarks>
/// The callback order is asyncio's: <see cref="BaseProtocol.ConnectionMade"/> runs through the loop after the
/// constructor, reading starts only after it, then the creation waiter (if any) completes; data, at most one end of
/// stream, and <see cref="BaseProtocol.ConnectionLost"/> exactly once, through the loop, with nothing after it.
/// </remarks>
internal sealed class SocketTransport : TransportBase, ITransport, IIoReadyHandler, IDisposable
{
    /// <summary>
    /// Receives per readiness event while each one fills the buffer: a short read means the socket is drained, and
    /// the selector reports it again if more arrives, so most events cost exactly one receive.
    /// </summary>
    private const int ReadBudget = 4;

    /// <summary>asyncio's <c>LOG_THRESHOLD_FOR_CONNLOST_WRITES</c>: dropped writes are reported from this one on.</summary>
    private const int DroppedWriteWarningThreshold = 5;

    private readonly Socket _socket;
    private readonly IoWatch _watch;
    private readonly EndPoint? _localEndPoint;
    private readonly EndPoint? _remoteEndPoint;
    private Protocol? _streamProtocol;
    private BufferedProtocol? _bufferedProtocol;
    private Server? _server;
    private Future<VoidResult>? _waiter;
    private SegmentedWriteBuffer? _buffer;
    private List<ArraySegment<byte>>? _gather;
    private WriteFlowControl _flowControl;
    private bool _started;
    private bool _paused;
    private bool _closing;
    private bool _eofRequested;
    private bool _eofReceived;
    private bool _released;
    private int _droppedWrites;

    /// <summary>
    /// Wraps a connected stream socket (made non-blocking here) and schedules <see cref="BaseProtocol.ConnectionMade"/>.
    /// </summary>
    /// <param name="loop">The loop whose thread runs the transport.</param>
    /// <param name="socket">A connected stream socket; the transport owns it from now on.</param>
    /// <param name="protocol">A <see cref="Protocol"/> or <see cref="BufferedProtocol"/>.</param>
    /// <param name="waiter">Completed once the protocol's <see cref="BaseProtocol.ConnectionMade"/> has run.</param>
    /// <param name="server">The server that accepted the connection, which counts its connections.</param>
    /// <exception cref="ArgumentException"><paramref name="protocol"/> is not a stream protocol.</exception>
    /// <exception cref="InvalidOperationException">The socket is already registered with the loop.</exception>
    public SocketTransport(EventLoop loop, Socket socket, BaseProtocol protocol, Future<VoidResult>? waiter = null, Server? server = null)
        : base(loop, protocol)
    {
        ArgumentNullException.ThrowIfNull(socket);
        CacheProtocol(protocol);
        _socket = socket;
        socket.Blocking = false;
        if (socket.ProtocolType == ProtocolType.Tcp)
            socket.NoDelay = true;   // asyncio sets TCP_NODELAY on every TCP transport: small request/response writes leave at once
        _localEndPoint = EndPointOrNull(socket, remote: false);
        _remoteEndPoint = EndPointOrNull(socket, remote: true);
        _watch = loop.WatchSocket(socket, this);
        loop.RegisterCloseable(this);
        _waiter = waiter;
        _server = server;
        server?.Attach(this);
        loop.CallSoon(static transport => transport.Start(), this);
    }

    /// <inheritdoc/>
    public override bool IsClosing => _closing;

    /// <inheritdoc/>
    public bool IsReading => !_paused && !_closing;

    /// <inheritdoc/>
    public bool CanWriteEof => true;

    /// <summary>The underlying socket (also the <c>"socket"</c> extra info).</summary>
    public Socket Socket => _socket;

    private bool WantsToRead => _started && !_paused && !_closing && !_eofReceived;

    /// <inheritdoc/>
    public override void SetProtocol(BaseProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        CacheProtocol(protocol);
        base.SetProtocol(protocol);
    }

    /// <summary>
    /// Keeps the protocol in a typed field, so the read path knows without a type test per read whether the kernel
    /// writes into the loop's receive buffer or the protocol's own memory.
    /// </summary>
    private void CacheProtocol(BaseProtocol protocol)
    {
        switch (protocol)
        {
            case BufferedProtocol buffered:
                _bufferedProtocol = buffered;
                _streamProtocol = null;
                break;
            case Protocol stream:
                _streamProtocol = stream;
                _bufferedProtocol = null;
                break;
            default:
                throw new ArgumentException(
                    $"A stream transport needs a {nameof(Protocol)} or a {nameof(BufferedProtocol)}, not {protocol.GetType().Name}.", nameof(protocol));
        }
    }

    private void Start()
    {
        try
        {
            GetProtocol().ConnectionMade(this);
        }
        catch (Exception e)
        {
            FatalError(e, "Fatal error: protocol.ConnectionMade() call failed.");
        }
        _started = true;
        UpdateInterest();
        _waiter?.TrySetResult(VoidResult.Value);
        _waiter = null;
    }

    // ---- reading ----

    /// <inheritdoc/>
    public void PauseReading()
    {
        if (_closing || _paused)
            return;
        _paused = true;
        UpdateInterest();
    }

    /// <inheritdoc/>
    public void ResumeReading()
    {
        if (_closing || !_paused)
            return;
        _paused = false;
        UpdateInterest();
    }

    void IIoReadyHandler.OnIoReady(IoInterest ready)
    {
        if ((ready & IoInterest.Read) != 0)
            ReadReady();
        if ((ready & IoInterest.Write) != 0 && !ConnectionLostScheduled)
            WriteReady();
    }

    private void ReadReady()
    {
        for (int i = 0; i < ReadBudget && WantsToRead; i++)
        {
            bool bufferFilled = _bufferedProtocol is null ? ReceiveIntoLoopBuffer() : ReceiveIntoProtocolBuffer(_bufferedProtocol);
            if (!bufferFilled)
                return;
        }
    }

    /// <summary>One receive for a <see cref="Protocol"/>; true when it filled the buffer (more is probably waiting).</summary>
    private bool ReceiveIntoLoopBuffer()
    {
        byte[] buffer = Loop.StreamReceiveBuffer;
        int received = _socket.Receive(buffer, 0, buffer.Length, SocketFlags.None, out var error);
        if (!ReceiveSucceeded(received, error))
            return false;
        try
        {
            _streamProtocol!.DataReceived(new ReadOnlySpan<byte>(buffer, 0, received));
        }
        catch (Exception e)
        {
            FatalError(e, "Fatal error: protocol.DataReceived() call failed.");
            return false;
        }
        return received == buffer.Length;
    }

    /// <summary>One receive straight into a <see cref="BufferedProtocol"/>'s memory; true when it filled that memory.</summary>
    private bool ReceiveIntoProtocolBuffer(BufferedProtocol protocol)
    {
        Memory<byte> memory;
        try
        {
            memory = protocol.GetBuffer(-1);
            if (memory.IsEmpty)
                throw new InvalidOperationException("GetBuffer() returned an empty buffer.");
        }
        catch (Exception e)
        {
            FatalError(e, "Fatal error: protocol.GetBuffer() call failed.");
            return false;
        }
        int received = _socket.Receive(memory.Span, SocketFlags.None, out var error);
        if (!ReceiveSucceeded(received, error))
            return false;
        try
        {
            protocol.BufferUpdated(received);
        }
        catch (Exception e)
        {
            FatalError(e, "Fatal error: protocol.BufferUpdated() call failed.");
            return false;
        }
        return received == memory.Length;
    }

    /// <summary>Handles the outcome of a receive that brought no data to deliver: nothing yet, end of stream, or an error.</summary>
    private bool ReceiveSucceeded(int received, SocketError error)
    {
        if (error == SocketError.Success)
        {
            if (received > 0)
                return true;
            EndOfStream();
            return false;
        }
        if (error is not (SocketError.WouldBlock or SocketError.Interrupted))
            FatalError(new SocketException((int)error), "Fatal read error on socket transport");
        return false;
    }

    private void EndOfStream()
    {
        _eofReceived = true;
        UpdateInterest();
        bool keepOpen;
        try
        {
            keepOpen = _bufferedProtocol?.EofReceived() ?? _streamProtocol!.EofReceived();
        }
        catch (Exception e)
        {
            FatalError(e, "Fatal error: protocol.EofReceived() call failed.");
            return;
        }
        if (!keepOpen)
            Close();
    }

    // ---- writing ----

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data)
    {
        if (_eofRequested)
            throw new InvalidOperationException("Cannot call Write() after WriteEof().");
        if (data.IsEmpty)
            return;
        if (_closing)
        {
            DropWrite();
            return;
        }
        if (_buffer is null || _buffer.IsEmpty)
        {
            int sent = SendNow(data);
            if (sent < 0 || sent == data.Length)
                return;
            data = data[sent..];
            (_buffer ??= new SegmentedWriteBuffer()).Append(data);
            UpdateInterest();
        }
        else
        {
            _buffer.Append(data);
        }
        _flowControl.AfterGrow(_buffer.Length, this, Loop);
    }

    /// <inheritdoc/>
    public void WriteLines(IEnumerable<ReadOnlyMemory<byte>> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        if (_eofRequested)
            throw new InvalidOperationException("Cannot call WriteLines() after WriteEof().");
        if (_closing)
        {
            DropWrite();
            return;
        }
        var buffer = _buffer ??= new SegmentedWriteBuffer();
        bool wasEmpty = buffer.IsEmpty;
        foreach (var item in buffers)
            buffer.Append(item.Span);
        if (buffer.IsEmpty)
            return;
        if (wasEmpty)
            WriteReady();   // the whole batch leaves in one gathered send when the kernel takes it
        if (!ConnectionLostScheduled && !buffer.IsEmpty)
        {
            UpdateInterest();
            _flowControl.AfterGrow(buffer.Length, this, Loop);
        }
    }

    /// <summary>Sends at once; returns how much the kernel took, or −1 when the send failed (the transport is then closing).</summary>
    private int SendNow(ReadOnlySpan<byte> data)
    {
        int sent = _socket.Send(data, SocketFlags.None, out var error);
        if (error == SocketError.Success)
            return sent;
        if (error is SocketError.WouldBlock or SocketError.Interrupted)
            return 0;
        FatalError(new SocketException((int)error), "Fatal write error on socket transport");
        return -1;
    }

    private void WriteReady()
    {
        var buffer = _buffer;
        if (buffer is null || buffer.IsEmpty)
        {
            UpdateInterest();
            return;
        }
        int sent;
        SocketError error;
        if (buffer.SegmentCount == 1)
        {
            sent = _socket.Send(buffer.First, SocketFlags.None, out error);
        }
        else
        {
            var gather = _gather ??= new List<ArraySegment<byte>>(SegmentedWriteBuffer.MaxGatheredSegments);
            buffer.Gather(gather);
            sent = _socket.Send(gather, SocketFlags.None, out error);
        }
        if (error != SocketError.Success)
        {
            if (error is not (SocketError.WouldBlock or SocketError.Interrupted))
                FatalError(new SocketException((int)error), "Fatal write error on socket transport");
            return;
        }
        buffer.Consume(sent);
        _flowControl.AfterShrink(buffer.Length, this, Loop);
        if (!buffer.IsEmpty || ConnectionLostScheduled)
            return;
        UpdateInterest();
        if (_closing)
            ScheduleConnectionLost(null);
        else if (_eofRequested)
            ShutdownSend();
    }

    private void DropWrite()
    {
        _droppedWrites++;
        if (_droppedWrites >= DroppedWriteWarningThreshold && Loop.Debug)
            Loop.LogWarning($"Write on a closed transport dropped ({_droppedWrites} so far): the connection is closing or lost.");
    }

    /// <inheritdoc/>
    public void WriteEof()
    {
        if (_closing || _eofRequested)
            return;
        _eofRequested = true;
        if (_buffer is null || _buffer.IsEmpty)
            ShutdownSend();
    }

    private void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException e)
        {
            FatalError(e, "Fatal error on socket shutdown");
        }
    }

    /// <inheritdoc/>
    public int GetWriteBufferSize() => _buffer?.Length ?? 0;

    /// <inheritdoc/>
    public (int Low, int High) GetWriteBufferLimits() => _flowControl.Limits;

    /// <inheritdoc/>
    public void SetWriteBufferLimits(int? high = null, int? low = null) =>
        _flowControl.SetLimits(high, low, GetWriteBufferSize(), this, Loop);

    // ---- closing ----

    /// <inheritdoc/>
    public override void Close()
    {
        if (_closing)
            return;
        _closing = true;
        UpdateInterest();
        if (_buffer is null || _buffer.IsEmpty)
            ScheduleConnectionLost(null);
    }

    /// <inheritdoc/>
    public void Abort() => ForceClose(null);

    /// <summary>Reports <paramref name="exception"/> (see <see cref="TransportBase.ReportFatalError"/>) and force-closes with it.</summary>
    private void FatalError(Exception exception, string message)
    {
        ReportFatalError(exception, message);
        ForceClose(exception);
    }

    /// <summary>asyncio's <c>_force_close</c>: drops the buffer, stops both directions, schedules the loss once.</summary>
    private void ForceClose(Exception? exception)
    {
        if (ConnectionLostScheduled)
            return;
        _buffer?.Clear();
        _closing = true;
        ScheduleConnectionLost(exception);
        UpdateInterest();
    }

    /// <summary>Waits for what the transport wants now: reading while it reads, writing while its buffer holds bytes.</summary>
    private void UpdateInterest()
    {
        if (_released)
            return;
        var interest = IoInterest.None;
        if (WantsToRead)
            interest |= IoInterest.Read;
        if (_buffer is { IsEmpty: false } && !ConnectionLostScheduled)
            interest |= IoInterest.Write;
        _watch.SetInterest(interest);
    }

    /// <inheritdoc/>
    protected override void OnConnectionLost() => Release(unregister: true);

    /// <summary>Closes the watch and the socket, returns the buffers, and leaves the server's count.</summary>
    private void Release(bool unregister)
    {
        if (_released)
            return;
        _released = true;
        _watch.Close();
        try
        {
            // .NET closes a socket abortively (RST) while an asynchronous operation is pending on it, as the portable
            // backend's readiness probe is: shut down first, so the peer sees the orderly end of stream asyncio gives.
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Not connected any more (the peer reset it): nothing to end politely.
        }
        _socket.Dispose();
        _buffer?.Clear();
        _buffer = null;
        _gather = null;
        _streamProtocol = null;
        _bufferedProtocol = null;
        if (unregister)
            Loop.UnregisterCloseable(this);
        var server = _server;
        _server = null;
        server?.Detach(this);
    }

    /// <summary>
    /// The loop is closing with this transport open: its socket is closed now, and the protocol cannot hear of it
    /// (the loop runs no more callbacks), so the exception handler does.
    /// </summary>
    void IDisposable.Dispose()
    {
        if (_released)
            return;
        bool wasOpen = !ConnectionLostScheduled;
        var protocol = wasOpen ? GetProtocol() : null;
        Release(unregister: false);
        if (wasOpen)
        {
            Loop.CallExceptionHandler(new ExceptionContext("The event loop was closed with an open transport; its socket was closed")
            {
                Extra = new Dictionary<string, object?> { ["transport"] = this, ["protocol"] = protocol },
            });
        }
    }

    /// <inheritdoc/>
    protected override bool TryGetExtraInfo(string name, out object? value)
    {
        switch (name)
        {
            case "peername":
                value = _remoteEndPoint;
                return true;
            case "sockname":
                value = _localEndPoint;
                return true;
            case "socket":
                value = _socket;
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static EndPoint? EndPointOrNull(Socket socket, bool remote)
    {
        try
        {
            return remote ? socket.RemoteEndPoint : socket.LocalEndPoint;
        }
        catch (SocketException)
        {
            return null;   // asyncio reports an unavailable peer name as None
        }
    }

    public override string ToString() =>
        $"<SocketTransport {(_released ? "closed" : _closing ? "closing" : "open")} fd={(_released ? -1 : _socket.Handle)} " +
        $"local={_localEndPoint} peer={_remoteEndPoint} buffered={GetWriteBufferSize()}>";
}
