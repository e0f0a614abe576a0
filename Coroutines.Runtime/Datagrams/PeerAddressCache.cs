using System.Net;
using System.Net.Sockets;

namespace Coroutines.Datagrams;

/// <summary>
/// The two-way map between a datagram socket's peers and their raw socket addresses, so receiving and sending
/// allocate nothing per datagram once a peer is known: a received address is looked up by its bytes and yields the
/// same <see cref="EndPoint"/> instance every time; a destination <see cref="EndPoint"/> yields its serialized form.
/// Bounded: a socket talking to more than <see cref="Capacity"/> peers starts over rather than growing without end.
/// </summary>
internal sealed class PeerAddressCache
{
    /// <summary>How many peers each direction remembers before it is cleared.</summary>
    public const int Capacity = 4096;

    private readonly Dictionary<SocketAddress, EndPoint> _endPoints = new(AddressBytesComparer.Instance);
    private readonly Dictionary<EndPoint, SocketAddress> _addresses = new();
    private readonly EndPoint _template;
    private readonly bool _mapToIPv6;

    /// <param name="template">An endpoint of the socket's family, whose <see cref="EndPoint.Create"/> decodes addresses.</param>
    /// <param name="mapToIPv6">Whether the socket is a dual-mode IPv6 socket, to which IPv4 destinations are sent as mapped addresses.</param>
    public PeerAddressCache(EndPoint template, bool mapToIPv6)
    {
        _template = template;
        _mapToIPv6 = mapToIPv6;
    }

    /// <summary>The endpoint of a just-received <paramref name="address"/> (which the caller reuses for the next receive).</summary>
    public EndPoint GetEndPoint(SocketAddress address)
    {
        if (_endPoints.TryGetValue(address, out var endPoint))
            return endPoint;
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        endPoint = Decode(copy);
        if (_endPoints.Count >= Capacity)
            _endPoints.Clear();
        _endPoints.Add(copy, endPoint);
        return endPoint;
    }

    /// <summary>The serialized form of a destination.</summary>
    public SocketAddress GetAddress(EndPoint endPoint)
    {
        if (_addresses.TryGetValue(endPoint, out var address))
            return address;
        var target = _mapToIPv6 && endPoint is IPEndPoint { AddressFamily: AddressFamily.InterNetwork } v4
            ? new IPEndPoint(v4.Address.MapToIPv6(), v4.Port)
            : endPoint;
        address = target.Serialize();
        if (_addresses.Count >= Capacity)
            _addresses.Clear();
        _addresses.Add(endPoint, address);
        return address;
    }

    private EndPoint Decode(SocketAddress address)
    {
        // An unbound Unix datagram sender has no address (only the family); there is nothing to decode or reply to.
        if (_template is UnixDomainSocketEndPoint && address.Size <= sizeof(ushort))
            return new UnixDomainSocketEndPoint("");
        return _template.Create(address);
    }

    /// <summary>
    /// Compares addresses by their significant bytes only: a receive address keeps a full-size buffer whose tail past
    /// <see cref="SocketAddress.Size"/> holds whatever a longer earlier address left there.
    /// </summary>
    private sealed class AddressBytesComparer : IEqualityComparer<SocketAddress>
    {
        public static readonly AddressBytesComparer Instance = new();

        public bool Equals(SocketAddress? x, SocketAddress? y) =>
            x is not null && y is not null && x.Size == y.Size && x.Buffer.Span[..x.Size].SequenceEqual(y.Buffer.Span[..y.Size]);

        public int GetHashCode(SocketAddress address)
        {
            var hash = new HashCode();
            hash.AddBytes(address.Buffer.Span[..address.Size]);
            return hash.ToHashCode();
        }
    }
}
