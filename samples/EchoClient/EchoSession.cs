using System.Diagnostics;
using Coroutines;

namespace EchoClient;

/// <summary>
/// The client's protocol: writes the payload in chunks while the transport accepts more (it stops at
/// <see cref="PauseWriting"/> and goes on at <see cref="ResumeWriting"/>, so a large payload never piles up in
/// memory), and compares every byte that comes back with what was sent, as it arrives.
/// </summary>
public sealed class EchoSession : Protocol
{
    private const int ChunkSize = 64 * 1024;
    private readonly long _total;
    private readonly Future<EchoResult> _done;
    private readonly string _endpoint;
    private readonly Stopwatch _clock = new();
    private ITransport? _transport;
    private long _sent, _received, _firstMismatch = -1;
    private bool _paused;

    private EchoSession(long total, Future<EchoResult> done, string endpoint)
    {
        _total = total;
        _done = done;
        _endpoint = endpoint;
    }

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>, echoes <paramref name="bytes"/> bytes and reports.</summary>
    public static async Coroutine<EchoResult> Run(string host, int port, long bytes)
    {
        var loop = EventLoop.Running;
        var done = loop.CreateFuture<EchoResult>();
        await loop.CreateConnection(() => new EchoSession(bytes, done, $"{host}:{port}"), host, port, connectTimeout: 10);
        return await done;
    }

    /// <inheritdoc/>
    public override void ConnectionMade(IBaseTransport transport)
    {
        _transport = (ITransport)transport;
        _clock.Start();
        SendMore();
    }

    /// <inheritdoc/>
    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        // The span is the transport's receive buffer, valid during this call only: check it now, keep nothing.
        if (_firstMismatch < 0)
        {
            int offset = Payload.FirstDifference(_received, data);
            if (offset >= 0)
                _firstMismatch = _received + offset;
        }
        _received += data.Length;
        if (_received >= _total || _firstMismatch >= 0)
            _transport!.Close();
    }

    /// <inheritdoc/>
    public override void PauseWriting() => _paused = true;

    /// <inheritdoc/>
    public override void ResumeWriting()
    {
        _paused = false;
        SendMore();
    }

    /// <inheritdoc/>
    public override void ConnectionLost(Exception? exception)
    {
        _clock.Stop();
        if (exception is not null && _received < _total)
            _done.SetException(exception);
        else
            _done.SetResult(new EchoResult(_total, _received, _firstMismatch, _clock.Elapsed, _endpoint));
    }

    private void SendMore()
    {
        while (!_paused && _sent < _total && !_transport!.IsClosing)
        {
            int count = (int)Math.Min(ChunkSize, _total - _sent);
            _transport.Write(Payload.At(_sent, count));
            _sent += count;
        }
    }
}
