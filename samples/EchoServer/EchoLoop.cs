using System.Net;
using System.Net.Security;
using Coroutines;

namespace EchoServer;

/// <summary>
/// One event loop on its own thread, serving the echo protocol on one listening socket. Everything of this loop
/// (its server, its connections, their protocols) runs on that thread; other threads reach it only through
/// <see cref="EventLoop.CallSoonThreadSafe(Action)"/>.
/// </summary>
public sealed class EchoLoop
{
    private readonly IoBackend _backend;
    private readonly bool _streams;
    private readonly SslServerAuthenticationOptions? _tls;
    private readonly Thread _thread;
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private EventLoop? _loop;
    private Future<bool>? _stop;
    private bool _stopRequested;
    private int _port;
    private bool _reusePort;

    /// <summary>
    /// Creates the loop's thread (not started) with the given backend; with <paramref name="streams"/> the
    /// connections are served by a <see cref="StreamEchoHandler"/> coroutine each instead of an <see cref="EchoProtocol"/>;
    /// with <paramref name="tls"/> every connection is TLS (the runtime's TLS layer under the same echo).
    /// </summary>
    public EchoLoop(int index, IoBackend backend, bool streams = false, SslServerAuthenticationOptions? tls = null)
    {
        _backend = backend;
        _streams = streams;
        _tls = tls;
        _thread = new Thread(Run) { Name = $"echo loop {index}" };
    }

    /// <summary>Bytes this loop's connections echoed.</summary>
    public EchoCounter Counter { get; } = new();

    /// <summary>Why the loop ended with an error, or null.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Starts the thread: it creates the loop and listens on 127.0.0.1:<paramref name="port"/>.</summary>
    public void Start(int port, bool reusePort)
    {
        _port = port;
        _reusePort = reusePort;
        _thread.Start();
    }

    /// <summary>Blocks until the loop listens and returns its port; rethrows why it could not (e.g. the port is in use).</summary>
    public int WaitListening() => _listening.Task.GetAwaiter().GetResult();

    /// <summary>Asks the loop, from any thread, to close its server and its connections and to end.</summary>
    public void RequestStop()
    {
        lock (_gate)
        {
            _stopRequested = true;
            _loop?.CallSoonThreadSafe(static stop => stop.TrySetResult(true), _stop!);
        }
    }

    /// <summary>Waits for the thread to end.</summary>
    public void Join() => _thread.Join();

    private void Run()
    {
        var loop = EventLoop.New(new EventLoopOptions { IoBackend = _backend });
        try
        {
            var stop = loop.CreateFuture<bool>();
            lock (_gate)
            {
                _loop = loop;
                _stop = stop;
                if (_stopRequested)
                    stop.SetResult(true);
            }
            loop.RunUntilComplete(Serve(loop, stop));
        }
        catch (Exception e)
        {
            Failure = e;
            _listening.TrySetException(e);
        }
        finally
        {
            lock (_gate)
                _loop = null;   // RequestStop must not post to a closed loop
            loop.Dispose();
        }
    }

    private async Coroutine Serve(EventLoop loop, Future<bool> stop)
    {
        Server server = _streams
            ? await Loop.StartServer(new StreamEchoHandler(Counter).ServeAsync, "127.0.0.1", _port, ssl: _tls, reusePort: _reusePort)
            : _tls is null
                ? await loop.CreateServer(() => new EchoProtocol(Counter), "127.0.0.1", _port, reusePort: _reusePort)
                : await loop.CreateServer(() => new EchoProtocol(Counter), "127.0.0.1", _port, _tls, reusePort: _reusePort);
        _listening.TrySetResult(((IPEndPoint)server.Sockets[0].LocalEndPoint!).Port);
        await stop;
        server.Close();          // stop accepting
        server.CloseClients();   // each connection flushes what it still has to send, then closes
        await server.WaitClosed();
    }
}
