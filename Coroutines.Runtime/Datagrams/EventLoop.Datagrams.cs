using System.Net;
using System.Net.Sockets;
using Coroutines.Datagrams;
using Coroutines.Native;

namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>
    /// Opens a datagram endpoint (asyncio's <c>create_datagram_endpoint</c>): a UDP socket (IPv4 or IPv6) or a Unix
    /// datagram socket, bound to <paramref name="localAddress"/> when given and connected to
    /// <paramref name="remoteAddress"/> when given. By the time the coroutine returns, the protocol's
    /// <see cref="BaseProtocol.ConnectionMade"/> has run and the transport is receiving.
    /// </summary>
    /// <param name="protocolFactory">Makes the protocol that receives the endpoint's datagrams.</param>
    /// <param name="localAddress">Where to bind: an <see cref="IPEndPoint"/>, a <see cref="DnsEndPoint"/> (resolved
    /// first) or a <see cref="UnixDomainSocketEndPoint"/> (a stale socket file at that path is removed first, as asyncio does).</param>
    /// <param name="remoteAddress">The peer: the socket is connected to it, so <see cref="IDatagramTransport.SendTo"/> may omit the
    /// address, may not name another one, and ICMP errors from the peer reach <see cref="DatagramProtocol.ErrorReceived"/>.</param>
    /// <param name="family">The address family when neither address is given (e.g. <see cref="AddressFamily.InterNetwork"/>
    /// for a socket the OS binds on first send); it must agree with the addresses otherwise.</param>
    /// <param name="reusePort">Sets <c>SO_REUSEPORT</c>, so several endpoints can bind the same port (Linux and BSDs).</param>
    /// <param name="allowBroadcast">Sets <c>SO_BROADCAST</c>. As asyncio, the socket then is not connected: <paramref name="remoteAddress"/>
    /// only becomes the default destination of <see cref="IDatagramTransport.SendTo"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="protocolFactory"/> is null.</exception>
    /// <exception cref="ArgumentException">No address and no family; the addresses' families differ from each other or from
    /// <paramref name="family"/>; the family is not IPv4, IPv6 or Unix; <paramref name="reusePort"/> on Windows.</exception>
    /// <exception cref="SocketException">A name did not resolve, or the bind or connect failed (the socket is closed).</exception>
    public async Coroutine<(IDatagramTransport Transport, TProtocol Protocol)> CreateDatagramEndpoint<TProtocol>(
        Func<TProtocol> protocolFactory,
        EndPoint? localAddress = null,
        EndPoint? remoteAddress = null,
        AddressFamily family = AddressFamily.Unspecified,
        bool reusePort = false,
        bool allowBroadcast = false)
        where TProtocol : DatagramProtocol
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        if (reusePort && OperatingSystem.IsWindows())
            throw new ArgumentException("SO_REUSEPORT is not supported on this platform.", nameof(reusePort));
        if (localAddress is DnsEndPoint localName)
            localAddress = await ResolveDatagramAddress(localName, family, nameof(localAddress));
        if (remoteAddress is DnsEndPoint remoteName)
            remoteAddress = await ResolveDatagramAddress(remoteName, localAddress?.AddressFamily ?? family, nameof(remoteAddress));
        family = DatagramFamily(localAddress, remoteAddress, family);

        var socket = new Socket(family, SocketType.Dgram, family == AddressFamily.Unix ? ProtocolType.Unspecified : ProtocolType.Udp);
        try
        {
            socket.Blocking = false;
            if (reusePort)
                socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            if (allowBroadcast)
                socket.EnableBroadcast = true;
            if (localAddress is not null)
            {
                if (localAddress is UnixDomainSocketEndPoint unixLocal)
                    RemoveStaleUnixSocket(unixLocal);
                socket.Bind(localAddress);
            }
            if (remoteAddress is not null && !allowBroadcast)
                socket.Connect(remoteAddress);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return await StartDatagramTransport(protocolFactory, socket, remoteAddress, connected: remoteAddress is not null && !allowBroadcast);
    }

    /// <summary>
    /// Wraps an existing datagram socket (asyncio's <c>create_datagram_endpoint(sock=…)</c>); the transport owns it from
    /// now on. A connected socket's peer becomes the transport's only destination.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="socket"/> is not a datagram socket.</exception>
    public Coroutine<(IDatagramTransport Transport, TProtocol Protocol)> CreateDatagramEndpoint<TProtocol>(Func<TProtocol> protocolFactory, Socket socket)
        where TProtocol : DatagramProtocol
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.SocketType != SocketType.Dgram)
            throw new ArgumentException($"A datagram socket was expected, got a {socket.SocketType} socket.", nameof(socket));
        socket.Blocking = false;
        return StartDatagramTransport(protocolFactory, socket, socket.Connected ? socket.RemoteEndPoint : null, socket.Connected);
    }

    private async Coroutine<(IDatagramTransport Transport, TProtocol Protocol)> StartDatagramTransport<TProtocol>(
        Func<TProtocol> protocolFactory, Socket socket, EndPoint? peer, bool connected)
        where TProtocol : DatagramProtocol
    {
        DatagramTransport transport;
        TProtocol protocol;
        try
        {
            protocol = protocolFactory() ?? throw new InvalidOperationException("The protocol factory returned null.");
            transport = new DatagramTransport(this, socket, protocol, peer, connected);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var waiter = new Future<bool>(this);
        transport.Start(waiter);
        await AwaitTransportStart(waiter, transport);
        return (transport, protocol);
    }

    private static AddressFamily DatagramFamily(EndPoint? local, EndPoint? remote, AddressFamily family)
    {
        if (local is not null && remote is not null && local.AddressFamily != remote.AddressFamily)
            throw new ArgumentException(
                $"The local and remote addresses have different families ({local.AddressFamily} and {remote.AddressFamily}).", nameof(remote));
        var fromAddresses = (local ?? remote)?.AddressFamily ?? AddressFamily.Unspecified;
        if (fromAddresses != AddressFamily.Unspecified && family != AddressFamily.Unspecified && fromAddresses != family)
            throw new ArgumentException($"The addresses are {fromAddresses} but the family is {family}.", nameof(family));
        var result = fromAddresses != AddressFamily.Unspecified ? fromAddresses : family;
        return result switch
        {
            AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 or AddressFamily.Unix => result,
            AddressFamily.Unspecified => throw new ArgumentException(
                "Unexpected address family: give a local or remote address, or a family.", nameof(family)),
            _ => throw new ArgumentException($"Unexpected address family {result}: datagram endpoints are IPv4, IPv6 or Unix.", nameof(family)),
        };
    }

    private static async Coroutine<EndPoint> ResolveDatagramAddress(DnsEndPoint name, AddressFamily family, string parameter)
    {
        if (family == AddressFamily.Unspecified)
            family = name.AddressFamily;
        var addresses = await Dns.GetHostAddressesAsync(name.Host, family);
        if (addresses.Length == 0)
            throw new SocketException((int)SocketError.HostNotFound, $"{parameter}: '{name.Host}' has no {family} address.");
        return new IPEndPoint(addresses[0], name.Port);
    }

    private static void RemoveStaleUnixSocket(UnixDomainSocketEndPoint endPoint)
    {
        var path = endPoint.ToString();
        if (string.IsNullOrEmpty(path) || path[0] == '\0' || path[0] == '@')
            return;   // the abstract namespace has no file
        if (PosixNative.IsSocketFile(path))
            File.Delete(path);
    }

    private static int SolSocket => OperatingSystem.IsLinux() ? 1 : 0xffff;     // SOL_SOCKET
    private static int SoReusePort => OperatingSystem.IsLinux() ? 15 : 0x200;   // SO_REUSEPORT
}
