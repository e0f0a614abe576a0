namespace Coroutines;

/// <summary>
/// What every transport offers (asyncio's <c>BaseTransport</c>): a transport moves bytes for one protocol and
/// tells it what happened through the protocol's callbacks, always on the loop's thread.
/// </summary>
public interface IBaseTransport
{
    /// <summary>
    /// Closes the transport. Buffered outgoing data is flushed first (asynchronously); then the protocol's
    /// <see cref="BaseProtocol.ConnectionLost"/> is called with <see langword="null"/>, through the loop, never
    /// from inside this call. Idempotent.
    /// </summary>
    void Close();

    /// <summary>Whether the transport is closing or closed.</summary>
    bool IsClosing { get; }

    /// <summary>The protocol that receives this transport's callbacks.</summary>
    BaseProtocol GetProtocol();

    /// <summary>Replaces the protocol that receives this transport's callbacks (for protocol switching, e.g. STARTTLS).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="protocol"/> is null.</exception>
    void SetProtocol(BaseProtocol protocol);

    /// <summary>
    /// Optional information about the transport or its resources (asyncio's <c>get_extra_info</c>), e.g.
    /// <c>"peername"</c>, <c>"sockname"</c>, <c>"socket"</c>; <paramref name="defaultValue"/> when the transport
    /// does not know <paramref name="name"/>.
    /// </summary>
    object? GetExtraInfo(string name, object? defaultValue = null);
}
