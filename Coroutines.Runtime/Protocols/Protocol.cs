namespace Coroutines;

/// <summary>
/// A stream protocol (asyncio's <c>Protocol</c>): <see cref="BaseProtocol.ConnectionMade"/>, then
/// <see cref="DataReceived"/> any number of times, then <see cref="EofReceived"/> at most once, then
/// <see cref="BaseProtocol.ConnectionLost"/>.
/// </summary>
public abstract class Protocol : BaseProtocol
{
    /// <summary>
    /// Bytes arrived. <paramref name="data"/> is valid only during this call (it is the transport's receive
    /// buffer, reused for the next read): copy what you keep.
    /// </summary>
    public virtual void DataReceived(ReadOnlySpan<byte> data)
    {
    }

    /// <summary>
    /// The peer closed its sending side. Return true to keep the transport open for writing (a half-closed
    /// connection; close it yourself later); return false to let the transport close itself.
    /// </summary>
    public virtual bool EofReceived() => false;
}
