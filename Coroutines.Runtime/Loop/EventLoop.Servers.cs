using System.Net;
using System.Net.Sockets;
using Coroutines.Transports;

namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>
    /// Creates a TCP server on <paramref name="host"/>:<paramref name="port"/> (asyncio's <c>create_server</c>): each
    /// accepted connection gets a new protocol from <paramref name="protocolFactory"/>.
    /// </summary>
    /// <param name="protocolFactory">Makes each connection's protocol: a <see cref="Protocol"/> or <see cref="BufferedProtocol"/>.</param>
    /// <param name="host">An address or host name to bind (every address it resolves to); null or empty: all interfaces, IPv4 and IPv6.</param>
    /// <param name="port">The port; 0 picks a free one (read it from <see cref="Server.Sockets"/>).</param>
    /// <param name="socket">A bound stream socket to listen on instead of <paramref name="host"/> and <paramref name="port"/>.</param>
    /// <param name="backlog">The listen queue's length (asyncio's default: 100).</param>
    /// <param name="reuseAddress">
    /// Sets <c>SO_REUSEADDR</c> (just that, so a port another server holds still fails): a restarted server can bind
    /// while old connections linger in TIME_WAIT. Default: true except on Windows.
    /// </param>
    /// <param name="reusePort">Sets <c>SO_REUSEPORT</c>: several sockets (one loop per thread) listen on the same port.</param>
    /// <param name="startServing">Whether to listen at once; otherwise call <see cref="Server.StartServing"/> or <see cref="Server.ServeForever"/>.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="socket"/> was given together with <paramref name="host"/>/<paramref name="port"/>, or none of them;
    /// or <paramref name="socket"/> is not a stream socket.
    /// </exception>
    /// <exception cref="SocketException">A bind failed ("error while attempting to bind on address ...", e.g. the port is in use); no socket is left open.</exception>
    /// <exception cref="PlatformNotSupportedException"><paramref name="reusePort"/> on a platform without <c>SO_REUSEPORT</c>.</exception>
    public Coroutine<Server> CreateServer(
        Func<BaseProtocol> protocolFactory,
        string? host = null,
        int? port = null,
        Socket? socket = null,
        int backlog = 100,
        bool? reuseAddress = null,
        bool reusePort = false,
        bool startServing = true)
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        ArgumentOutOfRangeException.ThrowIfNegative(backlog);
        if (socket is not null)
        {
            if (host is not null || port is not null)
                throw new ArgumentException("host/port and socket can not be specified at the same time.", nameof(socket));
            StreamSockets.RequireStream(socket, nameof(socket));
            return StartServer(protocolFactory, [socket], backlog, startServing);
        }
        if (host is null && port is null)
            throw new ArgumentException("Neither host/port nor socket were specified.", nameof(host));
        int portNumber = port ?? 0;
        StreamSockets.RequirePort(portNumber, nameof(port));
        return CreateTcpServer(protocolFactory, host, portNumber, backlog, reuseAddress ?? !OperatingSystem.IsWindows(), reusePort, startServing);
    }

    /// <summary>
    /// Creates a Unix domain stream server on <paramref name="path"/> (asyncio's <c>create_unix_server</c>). A stale
    /// socket file left by a dead server is replaced; the file the server creates is removed when it closes (.NET removes
    /// the file of a Unix socket it bound when the socket closes, so, unlike asyncio, there is no option to keep it). A path starting with <c>'\0'</c> names Linux's abstract namespace (no file).
    /// </summary>
    /// <exception cref="ArgumentException">Both or neither of <paramref name="path"/> and <paramref name="socket"/> were given, or <paramref name="socket"/> is not a Unix stream socket.</exception>
    /// <exception cref="SocketException">The bind failed (the path is in use by a live server, or is not a socket).</exception>
    public Coroutine<Server> CreateUnixServer(
        Func<BaseProtocol> protocolFactory,
        string? path = null,
        Socket? socket = null,
        int backlog = 100,
        bool startServing = true)
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        ArgumentOutOfRangeException.ThrowIfNegative(backlog);
        if (socket is not null)
        {
            if (path is not null)
                throw new ArgumentException("path and socket can not be specified at the same time.", nameof(socket));
            StreamSockets.RequireStream(socket, nameof(socket), AddressFamily.Unix);
            return StartServer(protocolFactory, [socket], backlog, startServing);
        }
        if (string.IsNullOrEmpty(path))
            throw new ArgumentException("path was not specified, and no socket specified.", nameof(path));
        return CreateUnixServerAt(protocolFactory, path, backlog, startServing);
    }

    private async Coroutine<Server> CreateUnixServerAt(Func<BaseProtocol> protocolFactory, string path, int backlog, bool startServing)
    {
        var unixSocket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bool abstractName = path[0] == '\0';
        try
        {
            if (!abstractName)
                UnixSocketFiles.RemoveIfStale(path);
            Bind(unixSocket, new UnixDomainSocketEndPoint(path));
        }
        catch
        {
            unixSocket.Dispose();
            throw;
        }
        return await StartServer(protocolFactory, [unixSocket], backlog, startServing);
    }

    private async Coroutine<Server> CreateTcpServer(
        Func<BaseProtocol> protocolFactory, string? host, int port, int backlog, bool reuseAddress, bool reusePort, bool startServing)
    {
        var addresses = await BindAddresses(host);
        var sockets = new List<Socket>(addresses.Count);
        try
        {
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                if (reuseAddress)
                    StreamSockets.SetReuseAddress(socket);
                if (reusePort)
                    StreamSockets.SetReusePort(socket);
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                    socket.DualMode = false;   // IPV6_V6ONLY, as asyncio: the IPv4 socket binds the same port beside it
                Bind(socket, new IPEndPoint(address, port));
            }
        }
        catch
        {
            foreach (var socket in sockets)
                socket.Dispose();
            throw;
        }
        return await StartServer(protocolFactory, sockets, backlog, startServing);
    }

    /// <summary>The addresses a server binds for <paramref name="host"/>: all interfaces for null or empty, else each address once.</summary>
    private static async Coroutine<IReadOnlyList<IPAddress>> BindAddresses(string? host)
    {
        if (string.IsNullOrEmpty(host))
            return Socket.OSSupportsIPv6 ? [IPAddress.Any, IPAddress.IPv6Any] : [IPAddress.Any];
        if (IPAddress.TryParse(host, out var literal))
            return [literal];
        var resolved = await Dns.GetHostAddressesAsync(host);
        if (resolved.Length == 0)
            throw new SocketException((int)SocketError.HostNotFound, $"Name resolution returned no address for '{host}'.");
        return resolved.Distinct().ToArray();
    }

    /// <summary>Makes the server (registering its sockets with the selector) and, if asked, starts it.</summary>
    private async Coroutine<Server> StartServer(
        Func<BaseProtocol> protocolFactory, IReadOnlyList<Socket> sockets, int backlog, bool startServing)
    {
        Server server;
        try
        {
            server = new Server(this, protocolFactory, sockets, backlog);
        }
        catch
        {
            foreach (var socket in sockets)
                socket.Dispose();
            throw;
        }
        if (startServing)
        {
            server.BeginServing();
            await Coroutines.Loop.Yield();   // asyncio's create_server yields once after it starts serving
        }
        return server;
    }
}
