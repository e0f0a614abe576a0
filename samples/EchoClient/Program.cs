// A TCP echo client in the protocol style: dotnet run --project samples/EchoClient -- [host] [port] [bytes]
// Connects (default 127.0.0.1:8888), streams [bytes] pseudo-random bytes (default 1 MiB) while honouring the
// transport's flow control, half-closes, and checks that the echo comes back byte for byte. Exit code 0 when it did.
using System.Diagnostics;
using Coroutines;

string host = args.Length > 0 ? args[0] : "127.0.0.1";
int port = args.Length > 1 ? int.Parse(args[1]) : 8888;
long size = args.Length > 2 ? long.Parse(args[2]) : 1 << 20;
if (args.Length > 3 || size < 0)
{
    Console.Error.WriteLine("usage: EchoClient [host] [port] [bytes]");
    return 2;
}

var payload = new byte[64 * 1024];
new Random(42).NextBytes(payload);
var started = Stopwatch.GetTimestamp();
var client = EventLoop.Run(Exchange(host, port, size, payload));
var elapsed = Stopwatch.GetElapsedTime(started);
Console.WriteLine($"sent {client.Sent} bytes, received {client.Received} bytes in {elapsed.TotalMilliseconds:0} ms: " +
                  (client.Intact ? "echo intact" : $"echo differs at byte {client.FirstMismatch}"));
return client.Intact ? 0 : 1;

static async Coroutine<EchoClient> Exchange(string host, int port, long size, byte[] payload)
{
    var loop = EventLoop.Running;
    var (_, client) = await loop.CreateConnection(() => new EchoClient(loop, payload, size), host, port);
    await client.Done;
    return client;
}

/// <summary>Streams the payload (repeated) until <c>size</c> bytes are sent, pausing when the transport asks, then half-closes.</summary>
sealed class EchoClient(EventLoop loop, byte[] payload, long size) : Protocol
{
    private ITransport _transport = null!;
    private bool _paused;

    public long Sent { get; private set; }
    public long Received { get; private set; }
    public long FirstMismatch { get; private set; } = -1;
    public bool Intact => FirstMismatch < 0 && Received == size;
    public Future<bool> Done { get; } = loop.CreateFuture<bool>();

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
        while (!_paused && Sent < size)
        {
            int count = (int)Math.Min(payload.Length, size - Sent);
            _transport.Write(payload.AsSpan(0, count));
            Sent += count;
        }
        if (Sent == size)
            _transport.WriteEof();   // the server sees end of stream once everything is sent
    }

    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        // The echo of byte n is payload[n % payload.Length]: compare chunk by chunk as it arrives.
        while (!data.IsEmpty)
        {
            int start = (int)(Received % payload.Length);
            int count = Math.Min(data.Length, payload.Length - start);
            if (FirstMismatch < 0 && !data[..count].SequenceEqual(payload.AsSpan(start, count)))
                FirstMismatch = Received;
            Received += count;
            data = data[count..];
        }
    }

    public override void ConnectionLost(Exception? exception)
    {
        if (exception is null)
            Done.TrySetResult(Intact);
        else
            Done.SetException(exception);
    }
}
