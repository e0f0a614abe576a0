namespace Coroutines.Tests.Io.Tcp;

/// <summary>
/// An echo server protocol with backpressure: when its transport's buffer passes the high-water mark it stops reading
/// until the buffer drains, so its memory stays bounded however slow the peer reads.
/// </summary>
internal sealed class BackpressuredEchoProtocol : Protocol
{
    private ITransport _transport = null!;

    public long Echoed { get; private set; }

    public override void ConnectionMade(IBaseTransport transport) => _transport = (ITransport)transport;

    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        Echoed += data.Length;
        _transport.Write(data);
    }

    public override void PauseWriting() => _transport.PauseReading();

    public override void ResumeWriting() => _transport.ResumeReading();
}

/// <summary>
/// A client that streams <see cref="Length"/> bytes of a rotated shared payload (so every connection sends different
/// bytes without a payload of its own), honouring PauseWriting, half-closes, and checks that the echo is byte-exact
/// as it arrives.
/// </summary>
internal sealed class BulkEchoClient : Protocol
{
    private const int Chunk = 64 * 1024;

    private readonly byte[] _payload;
    private readonly int _offset;
    private ITransport _transport = null!;
    private long _sent;
    private bool _paused;

    public BulkEchoClient(EventLoop loop, byte[] payload, int offset, long length)
    {
        _payload = payload;
        _offset = offset % payload.Length;
        Length = length;
        Done = loop.CreateFuture<VoidResult>();
    }

    public long Length { get; }

    public long Received { get; private set; }

    /// <summary>The first position where the echo differed from what was sent, or −1.</summary>
    public long FirstMismatch { get; private set; } = -1;

    /// <summary>Completes at ConnectionLost (with the error, if any).</summary>
    public Future<VoidResult> Done { get; }

    public override void ConnectionMade(IBaseTransport transport)
    {
        _transport = (ITransport)transport;
        Pump();
    }

    public override void PauseWriting() => _paused = true;

    public override void ResumeWriting()
    {
        _paused = false;
        Pump();
    }

    private void Pump()
    {
        while (!_paused && _sent < Length)
        {
            int count = (int)Math.Min(Chunk, Length - _sent);
            var slice = Slice(_sent, count);
            _transport.Write(slice);
            _sent += slice.Length;
        }
        if (_sent == Length && !_transport.IsClosing)
            _transport.WriteEof();
    }

    /// <summary>Up to <paramref name="count"/> bytes of the stream at <paramref name="position"/> (stops at the payload's wrap).</summary>
    private ReadOnlySpan<byte> Slice(long position, int count)
    {
        int start = (int)((position + _offset) % _payload.Length);
        return _payload.AsSpan(start, Math.Min(count, _payload.Length - start));
    }

    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var expected = Slice(Received, data.Length);
            if (FirstMismatch < 0 && !data[..expected.Length].SequenceEqual(expected))
                FirstMismatch = Received;
            Received += expected.Length;
            data = data[expected.Length..];
        }
    }

    public override void ConnectionLost(Exception? exception)
    {
        if (exception is null)
            Done.TrySetResult(VoidResult.Value);
        else
            Done.SetException(exception);
    }
}
