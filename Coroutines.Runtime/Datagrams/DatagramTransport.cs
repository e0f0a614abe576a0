using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Coroutines.IO;
using Coroutines.Native;
using Coroutines.Transports;

namespace Coroutines.Datagrams;

/// <summary>
/// A UDP or Unix datagram socket driven by the loop's selector (asyncio's <c>_SelectorDatagramTransport</c>): each
/// readiness report delivers what is queued (at most 32 datagrams; on Linux a UDP socket takes them with one
/// <c>recvmmsg</c>), datagrams that cannot leave at once wait in a buffer sent when the socket
/// turns writable, and errors of single sends or receives (an ICMP "port unreachable") go to
/// <see cref="DatagramProtocol.ErrorReceived"/> while the transport stays open.
/// </summary>
internal sealed class DatagramTransport : TransportBase, IDatagramTransport, IIoReadyHandler, IDisposable
{
    /// <summary>What each buffered datagram counts on top of its payload (asyncio 3.12+), so empty datagrams still press on the limits.</summary>
    internal const int BufferedDatagramOverhead = 8;

    private readonly Socket _socket;
    private readonly IoWatch _watch;
    private readonly EndPoint? _defaultPeer;
    private readonly bool _connected;
    private readonly PeerAddressCache _peers;
    private readonly SocketAddress _receiveAddress;
    private readonly int _receiveAddressCapacity;
    private readonly bool _receivesInBatches;
    private readonly Queue<PendingDatagram> _pending = new();
    private WriteFlowControl _flow;
    private int _bufferSize;
    private bool _closing;
    private bool _reading;
    private bool _released;
    private DroppedWriteCounter _droppedSends;

    // defaultPeer: where SendTo without an address goes, the remote address, connected or (with broadcast) not.
    // connected: whether the socket is connected to defaultPeer, which then is the only valid destination.
    public DatagramTransport(EventLoop loop, Socket socket, DatagramProtocol protocol, EndPoint? defaultPeer, bool connected)
        : base(loop, protocol)
    {
        _socket = socket;
        _defaultPeer = defaultPeer;
        _connected = connected;
        var template = socket.AddressFamily switch
        {
            AddressFamily.Unix => (EndPoint)new UnixDomainSocketEndPoint("/"),
            AddressFamily.InterNetworkV6 => new IPEndPoint(IPAddress.IPv6Any, 0),
            _ => new IPEndPoint(IPAddress.Any, 0),
        };
        _peers = new PeerAddressCache(template, socket.AddressFamily == AddressFamily.InterNetworkV6 && socket.DualMode);
        _receiveAddress = new SocketAddress(socket.AddressFamily);
        _receiveAddressCapacity = _receiveAddress.Size;
        // A Unix datagram can be longer than a batch slot; it keeps the one-datagram receive into the 256 KiB buffer.
        _receivesInBatches = DatagramReceiveBatch.IsSupported && socket.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
        _watch = loop.WatchSocket(socket, this);
        loop.RegisterCloseable(this);
    }

    /// <summary>
    /// Schedules what asyncio's constructor schedules, in order: the protocol's <c>ConnectionMade</c>, then the start of
    /// reading, then the creation waiter's result.
    /// </summary>
    public void Start(Future<bool> waiter)
    {
        Loop.CallSoon(static t => ((DatagramProtocol)t.GetProtocol()).ConnectionMade(t), this);
        Loop.CallSoon(static t => t.StartReading(), this);
        Loop.CallSoon(static w => w.TrySetResult(true), waiter);
    }

    public override bool IsClosing => _closing;

    public int GetWriteBufferSize() => _bufferSize;

    public (int Low, int High) GetWriteBufferLimits() => _flow.Limits;

    public void SetWriteBufferLimits(int? high = null, int? low = null) => _flow.SetLimits(high, low, _bufferSize, this, Loop);

    public void SendTo(ReadOnlySpan<byte> data, EndPoint? address = null)
    {
        if (address is null)
        {
            address = _defaultPeer
                ?? throw new ArgumentNullException(nameof(address), "The endpoint is not connected: give the address to send to.");
        }
        else if (_connected && !address.Equals(_defaultPeer))
        {
            throw new ArgumentException($"Invalid address: must be null or {_defaultPeer} (the endpoint is connected), not {address}.", nameof(address));
        }

        if (_closing || _released)
        {
            _droppedSends.Drop(Loop, "socket.send() raised exception.");
            return;
        }

        if (_pending.Count == 0)
        {
            if (TrySend(data, address, out var error))
                return;
            if (error is not null)
            {
                ReportError(error);
                return;
            }
            _watch.SetInterest(_watch.Interest | IoInterest.Write);
        }

        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(data.Length, 1));
        data.CopyTo(copy);
        _pending.Enqueue(new PendingDatagram(copy, data.Length, address));
        _bufferSize += data.Length + BufferedDatagramOverhead;
        _flow.AfterGrow(_bufferSize, this, Loop);
    }

    public override void Close()
    {
        if (_closing)
            return;
        _closing = true;
        StopReading();
        if (_pending.Count == 0)
            Release(null);
    }

    public void Abort() => ForceClose(null);

    void IDisposable.Dispose()
    {
        // The loop is closing: nothing more can run on it, so the socket is released here rather than after ConnectionLost.
        ForceClose(null);
        ReleaseSocket();
    }

    void IIoReadyHandler.OnIoReady(IoInterest ready)
    {
        if ((ready & IoInterest.Read) != 0 && _reading)
        {
            if (_watch.TakeConsumedError() is var consumed && consumed != SocketError.Success)
            {
                ReportError(new SocketException((int)consumed));   // the portable backend's probe took it off the socket
                return;
            }
            // Many flows in flight: take what is already queued (bounded, so other watches get their turn) instead of one
            // datagram per loop iteration, until the socket says there is no more.
            if (_receivesInBatches)
            {
                ReceiveBatch();
            }
            else
            {
                for (int n = 0; n < MaxDatagramsPerWakeUp && _reading && !IsClosing && ReceiveOne(); n++)
                {
                }
            }
        }
        if ((ready & IoInterest.Write) != 0 && !_released)
            SendPending();
    }

    protected override bool TryGetExtraInfo(string name, out object? value)
    {
        switch (name)
        {
            case "socket":
                value = _socket;
                return true;
            case "sockname":
                value = _released ? null : _socket.LocalEndPoint;
                return true;
            case "peername":
                value = _connected ? _defaultPeer : null;
                return true;
            default:
                value = null;
                return false;
        }
    }

    protected override void OnConnectionLost()
    {
        ReleaseSocket();
    }

    public override string ToString() =>
        $"<DatagramTransport {(_released ? "closed" : _closing ? "closing" : "open")} local={(_released ? null : _socket.LocalEndPoint)} peer={_defaultPeer} buffered={_bufferSize}>";

    private void StartReading()
    {
        if (_closing || _released)
            return;
        _reading = true;
        _watch.SetInterest(_watch.Interest | IoInterest.Read);
    }

    private void StopReading()
    {
        _reading = false;
        if (!_watch.IsClosed)
            _watch.SetInterest(_watch.Interest & ~IoInterest.Read);
    }

    /// <summary>How many datagrams one readiness report may deliver.</summary>
    private const int MaxDatagramsPerWakeUp = DatagramReceiveBatch.Capacity;

    /// <summary>Receives and delivers one datagram; false when none was queued or the receive failed (and was reported).</summary>
    private bool ReceiveOne()
    {
        var buffer = Loop.TransportReadBuffer;   // 256 KiB, asyncio's max_size: any UDP datagram arrives whole
        int received;
        try
        {
            received = Receive(buffer);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.Interrupted)
        {
            return false;
        }
        catch (SocketException e)
        {
            ReportError(e);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        if (received < 0)
            return false;

        Deliver(buffer.AsSpan(0, received), _receiveAddress.Buffer.Span[.._receiveAddress.Size]);
        return true;
    }

    /// <summary>
    /// Receives what is queued (up to <see cref="DatagramReceiveBatch.Capacity"/> datagrams) with one call and delivers it
    /// in order. If the protocol closes the transport part-way, the rest is dropped, as the kernel drops what is still
    /// queued on a closed socket.
    /// </summary>
    private void ReceiveBatch()
    {
        var batch = Loop.DatagramReceiveBatch;
        int count;
        try
        {
            count = batch.Receive(_socket);
        }
        catch (SocketException e)
        {
            ReportError(e);
            return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        for (int i = 0; i < count && _reading && !IsClosing; i++)
        {
            if (batch.IsTruncated(i))
                ReportError(new SocketException((int)SocketError.MessageSize));   // cannot happen below 64 KiB; never silently cut
            else
                Deliver(batch.Payload(i), batch.Sender(i));
        }
    }

    private void Deliver(ReadOnlySpan<byte> data, ReadOnlySpan<byte> sender)
    {
        try
        {
            var from = _connected ? _defaultPeer! : _peers.GetEndPoint(sender);
            ((DatagramProtocol)GetProtocol()).DatagramReceived(data, from);
        }
        catch (Exception e)
        {
            FatalError(e, "Fatal error: protocol.DatagramReceived() call failed.");
        }
    }

    /// <summary>One datagram into <paramref name="buffer"/> and its sender into the receive address; -1 when none is queued.</summary>
    private int Receive(byte[] buffer)
    {
        if (DatagramNative.IsSupported)
            return DatagramNative.ReceiveFrom(_socket, buffer, _receiveAddress, _receiveAddressCapacity);
        // Elsewhere an empty queue throws, which costs more than asking first (FIONREAD; an empty datagram reads as 0
        // queued bytes and waits for the next level-triggered report).
        if (_socket.Available == 0)
            return -1;
        _receiveAddress.Size = _receiveAddressCapacity;   // the last receive shrank it to that sender's address
        return _socket.ReceiveFrom(buffer, SocketFlags.None, _receiveAddress);
    }

    /// <summary>Sends one datagram now; false with a null error when the socket's buffer is full.</summary>
    private bool TrySend(ReadOnlySpan<byte> data, EndPoint address, out SocketException? error)
    {
        error = null;
        try
        {
            if (DatagramNative.IsSupported)
                return DatagramNative.SendTo(_socket, data, _connected ? null : _peers.GetAddress(address));
            if (_connected)
            {
                _socket.Send(data, SocketFlags.None, out var code);
                if (code == SocketError.Success)
                    return true;
                if (code is SocketError.WouldBlock or SocketError.Interrupted)
                    return false;
                error = new SocketException((int)code);
                return false;
            }
            _socket.SendTo(data, SocketFlags.None, _peers.GetAddress(address));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.Interrupted)
        {
            return false;
        }
        catch (SocketException e)
        {
            error = e;
            return false;
        }
    }

    private void SendPending()
    {
        while (_pending.TryPeek(out var datagram))
        {
            if (!TrySend(datagram.Data.AsSpan(0, datagram.Length), datagram.Address, out var error) && error is null)
                break;   // still full: wait for the next writability
            _pending.Dequeue();
            ArrayPool<byte>.Shared.Return(datagram.Data);
            _bufferSize -= datagram.Length + BufferedDatagramOverhead;
            if (error is not null)
            {
                // As asyncio: the failed datagram is dropped, reported, and the rest waits for the next writability.
                ReportError(error);
                break;
            }
        }
        _flow.AfterShrink(_bufferSize, this, Loop);
        if (_pending.Count == 0 && !_released)
        {
            _watch.SetInterest(_watch.Interest & ~IoInterest.Write);
            if (_closing)
                Release(null);
        }
    }

    private void ReportError(SocketException error)
    {
        try
        {
            ((DatagramProtocol)GetProtocol()).ErrorReceived(error);
        }
        catch (Exception e)
        {
            FatalError(e, "Fatal error: protocol.ErrorReceived() call failed.");
        }
    }

    private void FatalError(Exception exception, string message)
    {
        ReportFatalError(exception, message);
        ForceClose(exception);
    }

    private void ForceClose(Exception? exception)
    {
        if (_released)
            return;
        _closing = true;
        StopReading();
        DropPending();
        Release(exception);
    }

    /// <summary>Stops watching the socket and schedules <c>ConnectionLost</c>; the socket itself closes after it.</summary>
    private void Release(Exception? exception)
    {
        if (_released)
            return;
        _released = true;
        _watch.Close();
        ScheduleConnectionLost(exception);
    }

    private void ReleaseSocket()
    {
        DropPending();
        _socket.Dispose();
        Loop.UnregisterCloseable(this);
    }

    private void DropPending()
    {
        while (_pending.TryDequeue(out var datagram))
            ArrayPool<byte>.Shared.Return(datagram.Data);
        _bufferSize = 0;
    }

    private readonly record struct PendingDatagram(byte[] Data, int Length, EndPoint Address);
}
