using System.Net;
using System.Net.Sockets;
using Coroutines.Transports;

namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>asyncio's receive size for socket transports (256 KiB): one buffer per loop, shared by its transports.</summary>
    private const int StreamReceiveBufferSize = 256 * 1024;

    private byte[]? _streamReceiveBuffer;

    /// <summary>
    /// The buffer every <see cref="Protocol"/>-driven transport of this loop receives into. One per loop is enough:
    /// the loop runs one receive at a time, and <see cref="Protocol.DataReceived"/> may use the bytes only during the call.
    /// </summary>
    internal byte[] StreamReceiveBuffer => _streamReceiveBuffer ??= GC.AllocateUninitializedArray<byte>(StreamReceiveBufferSize);

    /// <summary>
    /// Opens a TCP connection to <paramref name="host"/>:<paramref name="port"/> and runs a new protocol on it
    /// (asyncio's <c>create_connection</c>). The host name is resolved off the loop thread; every address is tried in
    /// order until one connects. When the call returns, the protocol's <see cref="BaseProtocol.ConnectionMade"/> has run.
    /// </summary>
    /// <param name="protocolFactory">Makes the connection's protocol: a <see cref="Protocol"/> or <see cref="BufferedProtocol"/>.</param>
    /// <param name="host">A host name or an IP address literal.</param>
    /// <param name="port">The port to connect to.</param>
    /// <param name="socket">An already connected stream socket to use instead of <paramref name="host"/> and <paramref name="port"/>.</param>
    /// <param name="localAddress">The local address to bind before connecting, if any.</param>
    /// <param name="connectTimeout">Seconds the whole attempt (resolution and every address) may take; null for no limit.</param>
    /// <param name="allErrors">When every address fails: throw an <see cref="AggregateException"/> of all the errors instead of one.</param>
    /// <returns>The transport and the protocol the factory made.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="socket"/> was given together with <paramref name="host"/>, <paramref name="port"/> or
    /// <paramref name="localAddress"/>; or neither was given; or <paramref name="socket"/> is not a stream socket.
    /// </exception>
    /// <exception cref="SocketException">Every address failed (the one error, or "Multiple exceptions: ..."), or the name did not resolve.</exception>
    /// <exception cref="TimeoutException"><paramref name="connectTimeout"/> passed; the socket was closed.</exception>
    public Coroutine<(ITransport Transport, TProtocol Protocol)> CreateConnection<TProtocol>(
        Func<TProtocol> protocolFactory,
        string? host = null,
        int? port = null,
        Socket? socket = null,
        EndPoint? localAddress = null,
        double? connectTimeout = null,
        bool allErrors = false)
        where TProtocol : BaseProtocol
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        StreamSockets.RequireTimeout(connectTimeout, nameof(connectTimeout));
        if (socket is not null)
        {
            if (host is not null || port is not null)
                throw new ArgumentException("host/port and socket can not be specified at the same time.", nameof(socket));
            if (localAddress is not null)
                throw new ArgumentException("localAddress applies to a socket the loop creates, not to a given socket.", nameof(localAddress));
            StreamSockets.RequireStream(socket, nameof(socket));
            return StartStreamConnection(protocolFactory, socket);
        }
        if (host is null && port is null)
            throw new ArgumentException("host and port was not specified and no socket specified.", nameof(host));
        if (host is null)
            throw new ArgumentNullException(nameof(host), "A host is needed with a port.");
        if (port is not int portNumber)
            throw new ArgumentNullException(nameof(port), "A port is needed with a host.");
        StreamSockets.RequirePort(portNumber, nameof(port));
        if (host.Length == 0)
            throw new ArgumentException("The host is empty.", nameof(host));
        return ConnectTcp(protocolFactory, host, portNumber, localAddress, connectTimeout, allErrors);
    }

    /// <summary>
    /// Runs a new protocol on a socket that a server accepted by other means (asyncio's <c>connect_accepted_socket</c>).
    /// When the call returns, the protocol's <see cref="BaseProtocol.ConnectionMade"/> has run.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="socket"/> is not a stream socket.</exception>
    public Coroutine<(ITransport Transport, TProtocol Protocol)> ConnectAcceptedSocket<TProtocol>(Func<TProtocol> protocolFactory, Socket socket)
        where TProtocol : BaseProtocol
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        ArgumentNullException.ThrowIfNull(socket);
        StreamSockets.RequireStream(socket, nameof(socket));
        return StartStreamConnection(protocolFactory, socket);
    }

    /// <summary>
    /// Opens a Unix domain stream connection to <paramref name="path"/> and runs a new protocol on it (asyncio's
    /// <c>create_unix_connection</c>). A path that starts with <c>'\0'</c> names Linux's abstract namespace.
    /// </summary>
    /// <exception cref="ArgumentException">Both or neither of <paramref name="path"/> and <paramref name="socket"/> were given, or <paramref name="socket"/> is not a Unix stream socket.</exception>
    /// <exception cref="SocketException">The connect failed (no such socket file, nobody listening).</exception>
    public Coroutine<(ITransport Transport, TProtocol Protocol)> CreateUnixConnection<TProtocol>(
        Func<TProtocol> protocolFactory, string? path = null, Socket? socket = null)
        where TProtocol : BaseProtocol
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        if (socket is not null)
        {
            if (path is not null)
                throw new ArgumentException("path and socket can not be specified at the same time.", nameof(socket));
            StreamSockets.RequireStream(socket, nameof(socket), AddressFamily.Unix);
            return StartStreamConnection(protocolFactory, socket);
        }
        if (string.IsNullOrEmpty(path))
            throw new ArgumentException("no path and socket were specified.", nameof(path));
        return ConnectUnix(protocolFactory, path);
    }

    private async Coroutine<(ITransport Transport, TProtocol Protocol)> ConnectTcp<TProtocol>(
        Func<TProtocol> protocolFactory, string host, int port, EndPoint? localAddress, double? connectTimeout, bool allErrors)
        where TProtocol : BaseProtocol
    {
        var socket = connectTimeout is double seconds
            ? await Coroutines.Loop.Timeout(seconds, _ => OpenTcpSocket(host, port, localAddress, allErrors))
            : await OpenTcpSocket(host, port, localAddress, allErrors);
        return await StartStreamConnection(protocolFactory, socket);
    }

    /// <summary>Resolves <paramref name="host"/> off the loop thread (an address literal needs no lookup) and connects.</summary>
    private async Coroutine<Socket> OpenTcpSocket(string host, int port, EndPoint? localAddress, bool allErrors)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host);
        if (addresses.Length == 0)
            throw new SocketException((int)SocketError.HostNotFound, $"Name resolution returned no address for '{host}'.");
        return await ConnectToAny(addresses, port, localAddress, allErrors);
    }

    /// <summary>
    /// Connects to <paramref name="addresses"/> in order; the first that connects wins. When all fail, one exception
    /// reports every failure (see <see cref="StreamSockets.Combine"/>).
    /// </summary>
    internal async Coroutine<Socket> ConnectToAny(IReadOnlyList<IPAddress> addresses, int port, EndPoint? localAddress, bool allErrors)
    {
        var candidates = localAddress is null ? addresses : addresses.Where(a => a.AddressFamily == localAddress.AddressFamily).ToArray();
        if (candidates.Count == 0)
        {
            throw new SocketException((int)SocketError.AddressFamilyNotSupported,
                $"No address of the host ({string.Join(", ", addresses)}) matches the family of the local address {localAddress}.");
        }
        var errors = new List<SocketException>();
        foreach (var address in candidates)
        {
            var remote = new IPEndPoint(address, port);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (localAddress is not null)
                    Bind(socket, localAddress);
                await ConnectSocket(socket, remote);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                errors.Add(e);
            }
            catch
            {
                socket.Dispose();   // a cancellation or timeout: the socket must not leak
                throw;
            }
        }
        throw StreamSockets.Combine(errors, allErrors);
    }

    private async Coroutine<(ITransport Transport, TProtocol Protocol)> ConnectUnix<TProtocol>(Func<TProtocol> protocolFactory, string path)
        where TProtocol : BaseProtocol
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await ConnectSocket(socket, new UnixDomainSocketEndPoint(path));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return await StartStreamConnection(protocolFactory, socket);
    }

    private static void Bind(Socket socket, EndPoint localAddress)
    {
        try
        {
            socket.Bind(localAddress);
        }
        catch (SocketException e)
        {
            throw StreamSockets.BindFailed(e, localAddress);
        }
    }

    /// <summary><see cref="SockConnect"/>, with the address in the error's message (asyncio's "Connect call failed").</summary>
    private async Coroutine ConnectSocket(Socket socket, EndPoint remote)
    {
        socket.Blocking = false;
        try
        {
            await SockConnect(socket, remote);
        }
        catch (SocketException e)
        {
            throw StreamSockets.ConnectFailed(e, remote);
        }
    }

    /// <summary>
    /// Wraps a connected socket in a transport with a new protocol and waits until the protocol's
    /// <see cref="BaseProtocol.ConnectionMade"/> has run. The socket is closed if anything fails on the way.
    /// </summary>
    private async Coroutine<(ITransport Transport, TProtocol Protocol)> StartStreamConnection<TProtocol>(Func<TProtocol> protocolFactory, Socket socket)
        where TProtocol : BaseProtocol
    {
        var waiter = CreateFuture<VoidResult>();
        TProtocol protocol;
        SocketTransport transport;
        try
        {
            protocol = protocolFactory() ?? throw new InvalidOperationException("The protocol factory returned null.");
            transport = new SocketTransport(this, socket, protocol, waiter);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        try
        {
            await waiter;
        }
        catch
        {
            transport.Close();   // cancelled while the protocol was being connected (asyncio does the same)
            throw;
        }
        return (transport, protocol);
    }
}
