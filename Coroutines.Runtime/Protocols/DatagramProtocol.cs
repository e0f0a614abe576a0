using System.Net;

namespace Coroutines;

/// <summary>
/// A datagram protocol (asyncio's <c>DatagramProtocol</c>): <see cref="BaseProtocol.ConnectionMade"/>, then any
/// number of <see cref="DatagramReceived"/> and <see cref="ErrorReceived"/>, then
/// <see cref="BaseProtocol.ConnectionLost"/>.
/// </summary>
public abstract class DatagramProtocol : BaseProtocol
{
    /// <summary>
    /// A datagram arrived from <paramref name="address"/>. <paramref name="data"/> is valid only during this
    /// call; <paramref name="address"/> may be a cached instance shared by every datagram from that peer.
    /// </summary>
    public virtual void DatagramReceived(ReadOnlySpan<byte> data, EndPoint address)
    {
    }

    /// <summary>
    /// A send or receive failed (for example an ICMP "port unreachable" on a connected endpoint, as a
    /// <see cref="System.Net.Sockets.SocketException"/>); the transport stays open.
    /// </summary>
    public virtual void ErrorReceived(Exception exception)
    {
    }
}
