using System.Net.Sockets;
using Coroutines.Protocols;
using Coroutines.Streams;
using Coroutines.Transports;

namespace Coroutines.Tests.Streams;

/// <summary>
/// One end of an in-memory stream connection with a TCP socket's observable behaviour: callbacks through the
/// loop, at most <see cref="ChunkSize"/> bytes delivered per loop iteration, write flow control against the
/// peer's reading (a paused reader backs data up into the writer's buffer), half-close, close after flush,
/// and abort seen by the peer as a reset.
/// </summary>
internal sealed class MemoryTransport : TransportBase, ITransport
{
    private readonly Dictionary<string, object?> _extra;
    private ByteBuffer _outbox;
    private WriteFlowControl _flow;
    private MemoryTransport? _peer;
    private bool _closing;
    private bool _eofRequested;
    private bool _eofSent;
    private bool _readingPaused;
    private bool _started;
    private bool _flushScheduled;

    private MemoryTransport(EventLoop loop, BaseProtocol protocol, string name) : base(loop, protocol)
    {
        _extra = new() { ["peername"] = name, ["sockname"] = name };
    }

    /// <summary>Bytes delivered to the peer per loop iteration.</summary>
    public int ChunkSize { get; set; } = 16 * 1024;

    /// <summary>Writes that were dropped because the transport was closing.</summary>
    public int DroppedWrites { get; private set; }

    /// <summary>How many times the protocol asked the transport to pause reading (including repeats).</summary>
    public int PauseReadingCalls { get; private set; }

    /// <summary>Creates a connected pair; each protocol's ConnectionMade runs on the next iteration.</summary>
    public static (MemoryTransport Client, MemoryTransport Server) CreatePair(EventLoop loop, BaseProtocol client, BaseProtocol server)
    {
        var a = new MemoryTransport(loop, client, "client");
        var b = new MemoryTransport(loop, server, "server");
        a._peer = b;
        b._peer = a;
        a.Start();
        b.Start();
        return (a, b);
    }

    public Dictionary<string, object?> Extra => _extra;

    public override bool IsClosing => _closing;

    public bool IsReading => _started && !_readingPaused && !_closing;

    public bool CanWriteEof => true;

    public void PauseReading()
    {
        PauseReadingCalls++;
        _readingPaused = true;
    }

    public void ResumeReading()
    {
        if (!_readingPaused)
            return;
        _readingPaused = false;
        _peer?.ScheduleFlush();
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (_eofRequested)
            throw new InvalidOperationException("Cannot call Write() after WriteEof().");
        if (data.IsEmpty)
            return;
        if (_closing || ConnectionLostScheduled)
        {
            DroppedWrites++;
            return;
        }
        _outbox.Append(data);
        _flow.AfterGrow(_outbox.Length, this, Loop);
        ScheduleFlush();
    }

    public void WriteLines(IEnumerable<ReadOnlyMemory<byte>> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        foreach (var buffer in buffers)
            Write(buffer.Span);
    }

    public void WriteEof()
    {
        if (_closing || _eofRequested)
            return;
        _eofRequested = true;
        ScheduleFlush();
    }

    public override void Close()
    {
        if (_closing)
            return;
        _closing = true;
        ScheduleFlush();
    }

    public void Abort()
    {
        _closing = true;
        _outbox.Clear();
        var peer = _peer;
        _peer = null;
        peer?.Lose(new SocketException((int)SocketError.ConnectionReset));
        ScheduleConnectionLost(null);
    }

    public int GetWriteBufferSize() => _outbox.Length;

    public (int Low, int High) GetWriteBufferLimits() => _flow.Limits;

    public void SetWriteBufferLimits(int? high = null, int? low = null) => _flow.SetLimits(high, low, _outbox.Length, this, Loop);

    protected override bool TryGetExtraInfo(string name, out object? value) => _extra.TryGetValue(name, out value);

    protected override void OnConnectionLost() => _outbox.Release();

    private void Start() => Loop.CallSoon(() =>
    {
        GetProtocol().ConnectionMade(this);
        Loop.CallSoon(() =>
        {
            _started = true;
            _peer?.ScheduleFlush();
        });
    });

    private void ScheduleFlush()
    {
        if (_flushScheduled)
            return;
        _flushScheduled = true;
        Loop.CallSoon(Flush);
    }

    private void Flush()
    {
        _flushScheduled = false;
        if (ConnectionLostScheduled)
            return;
        var peer = _peer;
        if (_outbox.Length > 0 && peer is not null && peer.IsReadingOrClosingWithEof)
        {
            int count = Math.Min(ChunkSize, _outbox.Length);
            peer.Deliver(_outbox.Span[..count]);
            _outbox.Consume(count);
            _flow.AfterShrink(_outbox.Length, this, Loop);
            if (_outbox.Length > 0)
                ScheduleFlush();
        }
        if (_outbox.Length > 0 && peer is not null)
            return;
        if ((_eofRequested || _closing) && !_eofSent)
        {
            _eofSent = true;
            peer?.ReceiveEof();
        }
        if (_closing)
        {
            _peer = null;
            ScheduleConnectionLost(null);
        }
    }

    // A closing transport still receives until its own close completes, as a socket does.
    private bool IsReadingOrClosingWithEof => _started && !_readingPaused && !ConnectionLostScheduled;

    private void Deliver(ReadOnlySpan<byte> data)
    {
        try
        {
            ProtocolCalls.DeliverData(GetProtocol(), data);
        }
        catch (Exception e)
        {
            ReportFatalError(e, "Fatal error: protocol.DataReceived() call failed.");
            Abort();
        }
    }

    private void ReceiveEof()
    {
        if (ConnectionLostScheduled)
            return;
        bool keepOpen;
        try
        {
            keepOpen = ProtocolCalls.DeliverEof(GetProtocol());
        }
        catch (Exception e)
        {
            ReportFatalError(e, "Fatal error: protocol.EofReceived() call failed.");
            Abort();
            return;
        }
        _readingPaused = true;
        if (!keepOpen)
            Close();
    }

    private void Lose(Exception error)
    {
        _closing = true;
        _outbox.Clear();
        _peer = null;
        ScheduleConnectionLost(error);
    }
}
