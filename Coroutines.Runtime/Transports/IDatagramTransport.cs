using System.Net;

namespace Coroutines;

/// <summary>
/// A datagram transport (asyncio's <c>DatagramTransport</c>) for UDP or Unix datagram sockets; its protocol is
/// a <see cref="DatagramProtocol"/>.
/// </summary>
public interface IDatagramTransport : IBaseTransport
{
    /// <summary>
    /// Sends one datagram (an empty one too) to <paramref name="address"/>, or to the connected peer when
    /// <paramref name="address"/> is null. What cannot leave at once is buffered; send errors reach the
    /// protocol's <see cref="DatagramProtocol.ErrorReceived"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The endpoint is connected and <paramref name="address"/> is another address, or it is not connected and
    /// <paramref name="address"/> is null.
    /// </exception>
    void SendTo(ReadOnlySpan<byte> data, EndPoint? address = null);

    /// <summary>Closes at once, dropping buffered datagrams.</summary>
    void Abort();

    /// <summary>How many bytes of datagrams wait in the transport's buffer.</summary>
    int GetWriteBufferSize();

    /// <summary>The current water marks (see <see cref="IWriteTransport.GetWriteBufferLimits"/>).</summary>
    (int Low, int High) GetWriteBufferLimits();

    /// <summary>Sets the water marks (see <see cref="IWriteTransport.SetWriteBufferLimits"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A mark is negative or <paramref name="high"/> is below <paramref name="low"/>.</exception>
    void SetWriteBufferLimits(int? high = null, int? low = null);
}
