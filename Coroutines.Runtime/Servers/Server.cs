using System.Net.Sockets;
using Coroutines.Servers;
using Coroutines.Transports;

namespace Coroutines;

/// <summary>
/// A listening server (asyncio's <c>Server</c>, 3.13 semantics), made by <see cref="EventLoop.CreateServer"/> or
/// <see cref="EventLoop.CreateUnixServer"/>: it accepts connections on its sockets and gives each one a new protocol
/// from the factory, on the loop's thread.
/// </summary>
/// <remarks>
/// <see cref="Close"/> stops listening but leaves accepted connections open; <see cref="WaitClosed"/> returns once the
/// server is closed <b>and</b> its last connection is gone. <c>await using</c> does both.
/// </remarks>
public sealed class Server : IAsyncDisposable
{
    private readonly Func<BaseProtocol> _protocolFactory;
    private readonly HashSet<SocketTransport> _clients = new();
    private readonly LoopCloseHook _loopCloseHook;
    private List<Listener>? _listeners;
    private List<Future<VoidResult>>? _closeWaiters = new();
    private Future<VoidResult>? _serveForever;
    private bool _serving;

    internal Server(EventLoop loop, Func<BaseProtocol> protocolFactory, IEnumerable<Socket> sockets, int backlog)
    {
        Loop = loop;
        _protocolFactory = protocolFactory;
        Backlog = backlog;
        _listeners = new List<Listener>();
        try
        {
            foreach (var socket in sockets)
                _listeners.Add(new Listener(this, socket));
        }
        catch
        {
            foreach (var listener in _listeners)
                listener.Close();
            throw;
        }
        _loopCloseHook = new LoopCloseHook(this);
        loop.RegisterCloseable(_loopCloseHook);
    }

    /// <summary>The loop the server runs on (asyncio's <c>get_loop()</c>).</summary>
    public EventLoop Loop { get; }

    /// <summary>The listening sockets; empty once the server is closed.</summary>
    public IReadOnlyList<Socket> Sockets => _listeners is null ? [] : _listeners.Select(l => l.Socket).ToArray();

    /// <summary>Whether the server accepts connections: false before <see cref="StartServing"/> (with <c>startServing: false</c>) and after <see cref="Close"/>.</summary>
    public bool IsServing => _serving;

    /// <summary>How many accepted connections are open.</summary>
    public int ConnectionCount => _clients.Count;

    internal int Backlog { get; }

    /// <summary>
    /// Starts listening and accepting (for a server created with <c>startServing: false</c>), then yields one loop
    /// iteration; idempotent.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server is closed.</exception>
    public Coroutine StartServing()
    {
        BeginServing();
        return YieldOnce();
    }

    private static async Coroutine YieldOnce() => await Coroutines.Loop.Yield();

    internal void BeginServing()
    {
        var listeners = _listeners ?? throw new InvalidOperationException($"Server {this} is closed.");
        if (_serving)
            return;
        _serving = true;
        foreach (var listener in listeners)
            listener.Start(Backlog);
    }

    /// <summary>
    /// Serves until cancelled (asyncio's <c>serve_forever</c>): starts serving if needed and waits. Cancelling the
    /// awaiting task closes the server, waits for <see cref="WaitClosed"/>, and re-throws the cancellation; so does
    /// <see cref="Close"/> called from elsewhere.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server is closed, or another <see cref="ServeForever"/> is running.</exception>
    /// <exception cref="CancelledError">Always, in the end: the server was closed or the awaiting task cancelled.</exception>
    public async Coroutine ServeForever()
    {
        if (_serveForever is not null)
            throw new InvalidOperationException($"Server {this} is already being awaited on ServeForever().");
        if (_listeners is null)
            throw new InvalidOperationException($"Server {this} is closed.");
        BeginServing();
        _serveForever = Loop.CreateFuture<VoidResult>();
        try
        {
            await _serveForever;
        }
        catch (CancelledError)
        {
            Close();
            try
            {
                await WaitClosed();
            }
            catch (CancelledError)
            {
                // Cancelled again while waiting for the connections: the first cancellation is the one to report.
            }
            throw;
        }
        finally
        {
            _serveForever = null;
        }
    }

    /// <summary>
    /// Stops listening: the listening sockets close (new connects are refused), accepted connections stay open.
    /// Cancels a running <see cref="ServeForever"/>. Idempotent.
    /// </summary>
    public void Close()
    {
        if (!StopListening())
            return;
        Loop.UnregisterCloseable(_loopCloseHook);
        if (_serveForever is { Done: false } serveForever)
            serveForever.Cancel();
        if (_clients.Count == 0)
            WakeCloseWaiters();
    }

    /// <summary>
    /// Waits until the server is closed and all its connections are gone, whichever happens last (asyncio 3.12.1's
    /// <c>wait_closed</c>): before <see cref="Close"/> it waits even when no connection is open; once both hold, it
    /// returns at once.
    /// </summary>
    public async Coroutine WaitClosed()
    {
        if (_closeWaiters is null)
            return;
        var waiter = Loop.CreateFuture<VoidResult>();
        _closeWaiters.Add(waiter);
        await waiter;
    }

    /// <summary>Closes every accepted connection (each flushes first; see <see cref="IBaseTransport.Close"/>).</summary>
    public void CloseClients()
    {
        foreach (var client in _clients.ToArray())
            client.Close();
    }

    /// <summary>Aborts every accepted connection, dropping what they had buffered.</summary>
    public void AbortClients()
    {
        foreach (var client in _clients.ToArray())
            client.Abort();
    }

    /// <summary>Closes the server and waits for its connections to go (<c>await using</c>): <see cref="Close"/> then <see cref="WaitClosed"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Close();
        if (_closeWaiters is null)
            return ValueTask.CompletedTask;
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = Loop.CreateFuture<VoidResult>();
        waiter.AddDoneCallback(_ => completion.TrySetResult());
        _closeWaiters.Add(waiter);
        return new ValueTask(completion.Task);
    }

    /// <summary>An accepted socket: gives it a protocol and a transport; a failure is reported and closes the socket.</summary>
    internal void Serve(Socket client)
    {
        try
        {
            var protocol = _protocolFactory() ?? throw new InvalidOperationException("The protocol factory returned null.");
            _ = new SocketTransport(Loop, client, protocol, waiter: null, server: this);
        }
        catch (Exception e)
        {
            client.Dispose();
            Loop.CallExceptionHandler(new ExceptionContext("Error on transport creation for incoming connection")
            {
                Exception = e,
                Extra = new Dictionary<string, object?> { ["server"] = this },
            });
        }
    }

    internal void Attach(SocketTransport transport) => _clients.Add(transport);

    internal void Detach(SocketTransport transport)
    {
        _clients.Remove(transport);
        if (_clients.Count == 0 && _listeners is null)
            WakeCloseWaiters();
    }

    private void WakeCloseWaiters()
    {
        var waiters = _closeWaiters;
        if (waiters is null)
            return;
        _closeWaiters = null;
        foreach (var waiter in waiters)
            waiter.TrySetResult(VoidResult.Value);
    }

    /// <summary>
    /// Closes the listening sockets; false if already closed. (Closing a Unix socket that .NET bound also removes its
    /// socket file, which is asyncio's cleanup of the path the server created.)
    /// </summary>
    private bool StopListening()
    {
        var listeners = _listeners;
        if (listeners is null)
            return false;
        _listeners = null;
        _serving = false;
        foreach (var listener in listeners)
            listener.Close();
        return true;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var listeners = _listeners;
        return listeners is null
            ? "<Server closed>"
            : $"<Server sockets=[{string.Join(", ", listeners.Select(l => l.Socket.LocalEndPoint))}]{(_serving ? " serving" : "")}>";
    }

    /// <summary>Closes the server's listening sockets when the loop closes with the server still open (asyncio leaks them).</summary>
    private sealed class LoopCloseHook(Server server) : IDisposable
    {
        public void Dispose() => server.StopListening();
    }
}
