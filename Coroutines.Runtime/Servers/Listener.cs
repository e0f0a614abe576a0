using System.Net.Sockets;
using Coroutines.IO;

namespace Coroutines.Servers;

/// <summary>
/// One listening socket of a <see cref="Server"/>: it waits for pending connections on the loop's selector and hands
/// each accepted socket to the server (asyncio's <c>_accept_connection</c>).
/// </summary>
internal sealed class Listener : IIoReadyHandler
{
    /// <summary>asyncio's <c>ACCEPT_RETRY_DELAY</c>: how long accepting pauses after the system ran out of descriptors or memory.</summary>
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromSeconds(1);

    private readonly Server _server;
    private readonly IoWatch _watch;
    private bool _closed;

    public Listener(Server server, Socket socket)
    {
        _server = server;
        Socket = socket;
        _watch = server.Loop.WatchSocket(socket, this);
    }

    public Socket Socket { get; }

    /// <summary>Starts listening (with <paramref name="backlog"/>) and accepting.</summary>
    public void Start(int backlog)
    {
        Socket.Blocking = false;
        Socket.Listen(backlog);
        Resume();
    }

    private void Resume()
    {
        if (!_closed)
            _watch.SetInterest(IoInterest.Read);
    }

    void IIoReadyHandler.OnIoReady(IoInterest ready)
    {
        // Accept at most a backlog's worth per readiness event, as asyncio does, so one busy listener cannot starve the loop.
        for (int i = 0; i < _server.Backlog + 1 && !_closed; i++)
        {
            Socket? client;
            try
            {
                client = _watch.TryAccept();
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset or SocketError.Interrupted)
            {
                continue;   // the peer gave up before we accepted: nothing to serve
            }
            catch (SocketException e)
            {
                ReportAndPause(e);
                return;
            }
            if (client is null)
                return;
            _server.Serve(client);
        }
    }

    /// <summary>
    /// The accept failed for lack of resources (too many open files, no memory): report it and stop accepting for a
    /// second, rather than spinning on a listener that stays readable.
    /// </summary>
    private void ReportAndPause(SocketException exception)
    {
        _server.Loop.CallExceptionHandler(new ExceptionContext("socket.accept() out of system resource")
        {
            Exception = exception,
            Extra = new Dictionary<string, object?> { ["socket"] = Socket, ["server"] = _server },
        });
        _watch.SetInterest(IoInterest.None);
        _server.Loop.CallLater(AcceptRetryDelay, static listener => listener.Resume(), this);
    }

    /// <summary>Stops accepting and closes the listening socket.</summary>
    public void Close()
    {
        if (_closed)
            return;
        _closed = true;
        _watch.Close();
        Socket.Dispose();
    }
}
