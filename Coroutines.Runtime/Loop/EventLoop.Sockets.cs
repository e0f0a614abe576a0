using System.Net;
using System.Net.Sockets;
using Coroutines.IO;

namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>
    /// Receives up to <paramref name="maxBytes"/> bytes from <paramref name="socket"/> (asyncio's <c>sock_recv</c>):
    /// the future's result holds what arrived, empty at end of stream. The socket must be non-blocking.
    /// </summary>
    /// <remarks>
    /// While it waits, the call is the socket's reader (it replaces a reader added with <see cref="AddReader(Socket, Action)"/>).
    /// Cancelling the future removes that reader and leaves the socket usable; nothing was consumed.
    /// </remarks>
    /// <exception cref="ArgumentException">The socket is in blocking mode.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is not positive.</exception>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    public Future<byte[]> SockRecv(Socket socket, int maxBytes)
    {
        CheckNonBlocking(socket);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return new SocketReceiveBytes(this, socket, maxBytes).Start();
    }

    /// <summary>
    /// Receives into <paramref name="buffer"/> (asyncio's <c>sock_recv_into</c>); the result is the number of bytes
    /// received, 0 at end of stream. The buffer must stay valid until the future is done. See <see cref="SockRecv"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The socket is in blocking mode.</exception>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    public Future<int> SockRecvInto(Socket socket, Memory<byte> buffer)
    {
        CheckNonBlocking(socket);
        return new SocketReceive(this, socket, buffer).Start();
    }

    /// <summary>
    /// Sends all of <paramref name="data"/> (asyncio's <c>sock_sendall</c>), waiting for room in the send buffer as
    /// often as needed. If it fails or is cancelled, how much was sent is unknown, as in asyncio. The data must stay
    /// unchanged until the future is done.
    /// </summary>
    /// <exception cref="ArgumentException">The socket is in blocking mode.</exception>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    public Future<VoidResult> SockSendAll(Socket socket, ReadOnlyMemory<byte> data)
    {
        CheckNonBlocking(socket);
        return new SocketSendAll(this, socket, data).Start();
    }

    /// <summary>
    /// Connects <paramref name="socket"/> to <paramref name="remoteEndPoint"/> without blocking (asyncio's
    /// <c>sock_connect</c>); a refused or failed connect fails the future with its <see cref="SocketException"/>.
    /// </summary>
    /// <remarks>
    /// Unlike asyncio, it does not resolve host names (that would block the loop thread): pass an
    /// <see cref="IPEndPoint"/> (or a <see cref="UnixDomainSocketEndPoint"/>); resolve names with
    /// <see cref="Dns.GetHostAddressesAsync(string)"/> first.
    /// </remarks>
    /// <exception cref="ArgumentException">The socket is in blocking mode, or the end point is a host name.</exception>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    public Future<VoidResult> SockConnect(Socket socket, EndPoint remoteEndPoint)
    {
        CheckNonBlocking(socket);
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        if (remoteEndPoint is DnsEndPoint)
            throw new ArgumentException(
                "SockConnect needs a resolved address (an IPEndPoint); resolve the host name first, e.g. with Dns.GetHostAddressesAsync.",
                nameof(remoteEndPoint));
        return new SocketConnect(this, socket, remoteEndPoint).Start();
    }

    /// <summary>
    /// Accepts the next connection of the listening <paramref name="listener"/> (asyncio's <c>sock_accept</c>); the
    /// result is the connected socket, already non-blocking. Its remote address is its
    /// <see cref="Socket.RemoteEndPoint"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The socket is in blocking mode.</exception>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    public Future<Socket> SockAccept(Socket listener)
    {
        CheckNonBlocking(listener);
        // No first try: on the portable backend a connection is known only once the watch has accepted it.
        return new SocketAccept(this, listener).Start(tryFirst: false);
    }

    private void CheckNonBlocking(Socket socket, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(socket))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(socket, name);
        ThrowIfClosed();
        if (socket.Blocking)
            throw new ArgumentException("The socket must be non-blocking (set Blocking = false first).", name);
    }
}
