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
    private readonly Dictionary<SocketAddress, EndPoint>.AlternateLookup<ReadOnlySpan<byte>> _endPointsByBytes;
    private readonly Dictionary<EndPoint, SocketAddress> _addresses = new();
    private readonly EndPoint _template;
    private readonly bool _mapToIPv6;
    private SocketAddress _lastAddress = null!;
    private EndPoint? _lastEndPoint;

    /// <param name="template">An endpoint of the socket's family, whose <see cref="EndPoint.Create"/> decodes addresses.</param>
    /// <param name="mapToIPv6">Whether the socket is a dual-mode IPv6 socket, to which IPv4 destinations are sent as mapped addresses.</param>
    public PeerAddressCache(EndPoint template, bool mapToIPv6)
    {
        _template = template;
        _mapToIPv6 = mapToIPv6;
        _endPointsByBytes = _endPoints.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>
    /// The endpoint of a just-received raw <paramref name="address"/> (a <c>sockaddr</c>, which the caller reuses for
    /// the next receive). The last sender is checked first, so a run of datagrams from one peer costs a byte comparison.
    /// </summary>
    public EndPoint GetEndPoint(ReadOnlySpan<byte> address)
    {
        if (_lastEndPoint is not null && address.SequenceEqual(_lastAddress.Buffer.Span[.._lastAddress.Size]))
            return _lastEndPoint;
        if (!_endPointsByBytes.TryGetValue(address, out var key, out var endPoint))
        {
            key = new SocketAddress(_template.AddressFamily, address.Length);
            address.CopyTo(key.Buffer.Span);
            endPoint = Decode(key);
            if (_endPoints.Count >= Capacity)
                _endPoints.Clear();
            _endPoints.Add(key, endPoint);
        }
        _lastAddress = key;
        _lastEndPoint = endPoint;
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
    /// Compares addresses by their significant bytes only (a receive address keeps a full-size buffer whose tail past
    /// <see cref="SocketAddress.Size"/> holds whatever a longer earlier address left there), and looks them up by raw
    /// bytes without making a <see cref="SocketAddress"/> first.
    /// </summary>
    private sealed class AddressBytesComparer : IEqualityComparer<SocketAddress>, IAlternateEqualityComparer<ReadOnlySpan<byte>, SocketAddress>
    {
        public static readonly AddressBytesComparer Instance = new();

        public bool Equals(SocketAddress? x, SocketAddress? y) =>
            x is not null && y is not null && x.Buffer.Span[..x.Size].SequenceEqual(y.Buffer.Span[..y.Size]);

        public int GetHashCode(SocketAddress address) => GetHashCode(address.Buffer.Span[..address.Size]);

        public bool Equals(ReadOnlySpan<byte> bytes, SocketAddress address) => bytes.SequenceEqual(address.Buffer.Span[..address.Size]);

        public int GetHashCode(ReadOnlySpan<byte> bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }

        public SocketAddress Create(ReadOnlySpan<byte> bytes) =>
            throw new NotSupportedException("Keys are added as SocketAddress, never made from bytes by the dictionary.");
    }
}
