using System.Net;
using System.Net.Security;

namespace Coroutines;

public static partial class Loop
{
    /// <summary>
    /// Opens a TCP connection, over TLS when <paramref name="ssl"/> is given, and returns its reader and writer
    /// (asyncio's <c>open_connection</c>).
    /// </summary>
    /// <param name="host">A host name or an IP address literal.</param>
    /// <param name="port">The port.</param>
    /// <param name="limit">The reader's limit (64 KiB by default).</param>
    /// <param name="ssl">TLS client options; null for plain TCP.</param>
    /// <param name="serverHostname">The host name the certificate must match (default: <paramref name="host"/>).</param>
    /// <param name="sslHandshakeTimeout">How long the TLS handshake may take (60 s by default); only with <paramref name="ssl"/>.</param>
    /// <param name="sslShutdownTimeout">How long a close waits for the peer's close_notify (30 s by default); only with <paramref name="ssl"/>.</param>
    /// <param name="localAddress">A local address to bind first.</param>
    /// <param name="connectTimeout">Seconds the connect may take; null for no limit.</param>
    /// <exception cref="ArgumentException">A TLS-only argument was given without <paramref name="ssl"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is zero or negative.</exception>
    public static async Coroutine<(AsyncStreamReader Reader, AsyncStreamWriter Writer)> OpenConnection(
        string host,
        int port,
        int limit = AsyncStreamReader.DefaultLimit,
        SslClientAuthenticationOptions? ssl = null,
        string? serverHostname = null,
        TimeSpan? sslHandshakeTimeout = null,
        TimeSpan? sslShutdownTimeout = null,
        EndPoint? localAddress = null,
        double? connectTimeout = null)
    {
        RequireTlsFor(ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout);
        var loop = EventLoop.Running;
        var reader = new AsyncStreamReader(limit, loop);
        var protocol = new StreamReaderProtocol(reader, loop: loop);
        var (transport, _) = ssl is null
            ? await loop.CreateConnection(() => protocol, host, port, localAddress: localAddress, connectTimeout: connectTimeout)
            : await loop.CreateConnection(() => protocol, host, port, ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout, localAddress, connectTimeout);
        return (reader, new AsyncStreamWriter(transport, protocol, reader));
    }

    /// <summary>
    /// Starts a TCP server, over TLS when <paramref name="ssl"/> is given, that runs
    /// <paramref name="clientConnected"/> as a task for each client with the client's reader and writer (asyncio's
    /// <c>start_server</c>). A handler that throws is reported to the loop's exception handler ("Unhandled
    /// exception in client_connected_cb") and its connection is closed; a cancelled one closes its connection
    /// silently; the server keeps serving either way.
    /// </summary>
    /// <param name="clientConnected">The per-client handler.</param>
    /// <param name="host">The address or host to bind; null or empty for all interfaces.</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="limit">Each reader's limit (64 KiB by default).</param>
    /// <param name="ssl">TLS server options; null for plain TCP.</param>
    /// <param name="sslHandshakeTimeout">How long each client's handshake may take (60 s by default); only with <paramref name="ssl"/>.</param>
    /// <param name="sslShutdownTimeout">How long a close waits for the client's close_notify (30 s by default); only with <paramref name="ssl"/>.</param>
    /// <param name="backlog">The listen queue's length.</param>
    /// <param name="reuseAddress">Sets <c>SO_REUSEADDR</c> (default: true except on Windows), as <see cref="EventLoop.CreateServer(Func{BaseProtocol}, string?, int?, System.Net.Sockets.Socket?, int, bool?, bool, bool)"/>.</param>
    /// <param name="reusePort">Sets <c>SO_REUSEPORT</c>: several loops (one per thread) serve the same port.</param>
    /// <param name="startServing">Whether to accept at once.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clientConnected"/> is null.</exception>
    /// <exception cref="ArgumentException">A TLS-only argument was given without <paramref name="ssl"/>.</exception>
    public static Coroutine<Server> StartServer(
        Func<AsyncStreamReader, AsyncStreamWriter, Coroutine> clientConnected,
        string? host,
        int port,
        int limit = AsyncStreamReader.DefaultLimit,
        SslServerAuthenticationOptions? ssl = null,
        TimeSpan? sslHandshakeTimeout = null,
        TimeSpan? sslShutdownTimeout = null,
        int backlog = 100,
        bool? reuseAddress = null,
        bool reusePort = false,
        bool startServing = true)
    {
        var (loop, factory) = ServerProtocolFactory(clientConnected, limit, ssl, sslHandshakeTimeout, sslShutdownTimeout);
        return ssl is null
            ? loop.CreateServer(factory, host, port, backlog: backlog, reuseAddress: reuseAddress, reusePort: reusePort, startServing: startServing)
            : loop.CreateServer(factory, host, port, ssl, sslHandshakeTimeout, sslShutdownTimeout, backlog, reuseAddress, reusePort, startServing);
    }

    /// <summary>
    /// Opens a Unix domain stream connection and returns its reader and writer (asyncio's
    /// <c>open_unix_connection</c>); over TLS when <paramref name="ssl"/> is given (then
    /// <paramref name="serverHostname"/> is required).
    /// </summary>
    /// <exception cref="ArgumentException">A TLS-only argument was given without <paramref name="ssl"/>, or <paramref name="ssl"/> without <paramref name="serverHostname"/>.</exception>
    public static async Coroutine<(AsyncStreamReader Reader, AsyncStreamWriter Writer)> OpenUnixConnection(
        string path,
        int limit = AsyncStreamReader.DefaultLimit,
        SslClientAuthenticationOptions? ssl = null,
        string? serverHostname = null,
        TimeSpan? sslHandshakeTimeout = null,
        TimeSpan? sslShutdownTimeout = null)
    {
        RequireTlsFor(ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout);
        if (ssl is not null && string.IsNullOrEmpty(serverHostname))
            throw new ArgumentException("A TLS connection over a Unix socket needs serverHostname to check the certificate against.", nameof(serverHostname));
        var loop = EventLoop.Running;
        var reader = new AsyncStreamReader(limit, loop);
        var protocol = new StreamReaderProtocol(reader, loop: loop);
        var (transport, _) = ssl is null
            ? await loop.CreateUnixConnection(() => protocol, path)
            : await loop.CreateUnixConnection(() => protocol, path, ssl, serverHostname!, sslHandshakeTimeout, sslShutdownTimeout);
        return (reader, new AsyncStreamWriter(transport, protocol, reader));
    }

    /// <summary>Checks a stream server's arguments and makes its per-client protocol factory, on the running loop.</summary>
    private static (EventLoop Loop, Func<BaseProtocol> Factory) ServerProtocolFactory(
        Func<AsyncStreamReader, AsyncStreamWriter, Coroutine> clientConnected,
        int limit,
        SslServerAuthenticationOptions? ssl,
        TimeSpan? sslHandshakeTimeout,
        TimeSpan? sslShutdownTimeout)
    {
        ArgumentNullException.ThrowIfNull(clientConnected);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        RequireTlsFor(ssl, null, sslHandshakeTimeout, sslShutdownTimeout);
        var loop = EventLoop.Running;
        return (loop, () => new StreamReaderProtocol(new AsyncStreamReader(limit, loop), clientConnected, loop));
    }

    /// <summary>Starts a Unix domain stream server with a handler per client (asyncio's <c>start_unix_server</c>); see <see cref="StartServer"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="clientConnected"/> is null.</exception>
    /// <exception cref="ArgumentException">A TLS-only argument was given without <paramref name="ssl"/>.</exception>
    public static Coroutine<Server> StartUnixServer(
        Func<AsyncStreamReader, AsyncStreamWriter, Coroutine> clientConnected,
        string path,
        int limit = AsyncStreamReader.DefaultLimit,
        SslServerAuthenticationOptions? ssl = null,
        TimeSpan? sslHandshakeTimeout = null,
        TimeSpan? sslShutdownTimeout = null,
        int backlog = 100,
        bool startServing = true)
    {
        var (loop, factory) = ServerProtocolFactory(clientConnected, limit, ssl, sslHandshakeTimeout, sslShutdownTimeout);
        return ssl is null
            ? loop.CreateUnixServer(factory, path, backlog: backlog, startServing: startServing)
            : loop.CreateUnixServer(factory, path, ssl, sslHandshakeTimeout, sslShutdownTimeout, backlog, startServing);
    }

    // asyncio: "ssl_handshake_timeout is only meaningful with ssl" (and the same for the other TLS arguments).
    private static void RequireTlsFor(object? ssl, string? serverHostname, TimeSpan? handshakeTimeout, TimeSpan? shutdownTimeout)
    {
        if (ssl is not null)
            return;
        if (serverHostname is not null)
            throw new ArgumentException("serverHostname is only meaningful with ssl.", nameof(serverHostname));
        if (handshakeTimeout is not null)
            throw new ArgumentException("sslHandshakeTimeout is only meaningful with ssl.", "sslHandshakeTimeout");
        if (shutdownTimeout is not null)
            throw new ArgumentException("sslShutdownTimeout is only meaningful with ssl.", "sslShutdownTimeout");
    }
}
