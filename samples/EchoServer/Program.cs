// A TCP echo server in the protocol style: dotnet run --project samples/EchoServer -- [port] [--loops N]
// Binds 127.0.0.1 (port 8888 by default, 0 for any free port), prints "listening on 127.0.0.1:PORT" once it accepts,
// echoes every byte back until the peer closes, and exits cleanly on Ctrl+C or SIGTERM. With --loops N it runs N
// loops, one per thread, each with its own listening socket on the same port (SO_REUSEPORT): the kernel spreads
// the connections over them, so the server uses N cores.
using System.Net;
using System.Runtime.InteropServices;
using Coroutines;

var (port, loops) = EchoServerOptions.Parse(args);
var servers = new EchoServerLoop[loops];
for (int i = 0; i < loops; i++)
    servers[i] = new EchoServerLoop(reusePort: loops > 1);

// The first loop picks the port (when 0 was asked for); the others join it.
port = servers[0].Start(port);
for (int i = 1; i < loops; i++)
    servers[i].Start(port);
Console.WriteLine($"listening on 127.0.0.1:{port}");

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopAll);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopAll);
foreach (var server in servers)
    server.Join();
return 0;

void StopAll(PosixSignalContext context)
{
    context.Cancel = true;   // exit through the loops' clean shutdown, not the runtime's default
    foreach (var server in servers)
        server.Stop();
}

/// <summary>Echoes what it receives; stops reading while the peer is slow to take the echo, so memory stays bounded.</summary>
sealed class EchoProtocol : Protocol
{
    private ITransport _transport = null!;

    public override void ConnectionMade(IBaseTransport transport) => _transport = (ITransport)transport;

    public override void DataReceived(ReadOnlySpan<byte> data) => _transport.Write(data);

    public override void PauseWriting() => _transport.PauseReading();

    public override void ResumeWriting() => _transport.ResumeReading();
}

/// <summary>One loop on its own thread with one listening socket.</summary>
sealed class EchoServerLoop(bool reusePort)
{
    private readonly EventLoop _loop = EventLoop.New();
    private readonly ManualResetEventSlim _listening = new();
    private Thread? _thread;
    private Server? _server;
    private Exception? _startError;
    private int _port;

    /// <summary>Starts the loop's thread and returns once it listens; returns the port it bound.</summary>
    public int Start(int port)
    {
        _port = port;
        _thread = new Thread(Run) { Name = "echo loop" };
        _thread.Start();
        _listening.Wait();
        if (_startError is not null)
            throw new InvalidOperationException($"Could not listen on 127.0.0.1:{port}: {_startError.Message}", _startError);
        return ((IPEndPoint)_server!.Sockets[0].LocalEndPoint!).Port;
    }

    private async Coroutine Serve(int port)
    {
        try
        {
            _server = await _loop.CreateServer(() => new EchoProtocol(), "127.0.0.1", port, reusePort: reusePort);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            _startError = e;   // the port is in use, for instance
            return;
        }
        finally
        {
            _listening.Set();
        }
        await _server.ServeForever();
    }

    private void Run()
    {
        try
        {
            _loop.RunUntilComplete(Serve(_port));
        }
        catch (CancelledError)
        {
            // Stop() closed the server: ServeForever waited for the connections to go, then ended with the cancellation.
        }
    }

    /// <summary>From any thread: stop listening and close every connection.</summary>
    public void Stop() => _loop.CallSoonThreadSafe(() =>
    {
        _server?.Close();
        _server?.CloseClients();
    });

    public void Join()
    {
        _thread!.Join();
        _loop.Close();
        if (_startError is not null)
            throw _startError;
    }
}

static class EchoServerOptions
{
    public static (int Port, int Loops) Parse(string[] args)
    {
        int port = 8888;
        int loops = 1;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--loops" && i + 1 < args.Length && int.TryParse(args[++i], out loops) && loops >= 1)
                continue;
            if (int.TryParse(args[i], out port) && port is >= 0 and <= 65535)
                continue;
            Console.Error.WriteLine("usage: EchoServer [port] [--loops N]   (port 0-65535, default 8888; N >= 1, default 1)");
            Environment.Exit(2);
        }
        return (port, loops);
    }
}
