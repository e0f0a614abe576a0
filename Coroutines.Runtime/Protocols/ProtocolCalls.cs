namespace Coroutines.Protocols;

/// <summary>
/// Hands bytes and the end of stream to whichever kind of stream protocol a layer above a transport has (a
/// <see cref="Protocol"/> gets the bytes; a <see cref="BufferedProtocol"/> has them copied into the buffers it
/// lends), for layers that receive into their own memory first, such as TLS.
/// </summary>
internal static class ProtocolCalls
{
    /// <summary>Delivers <paramref name="data"/> to <paramref name="protocol"/>; exceptions from its callbacks propagate.</summary>
    /// <exception cref="InvalidOperationException">A buffered protocol lent an empty buffer.</exception>
    public static void DeliverData(BaseProtocol protocol, ReadOnlySpan<byte> data)
    {
        switch (protocol)
        {
            case Protocol stream:
                stream.DataReceived(data);
                break;
            case BufferedProtocol buffered:
                while (!data.IsEmpty)
                {
                    var memory = buffered.GetBuffer(data.Length);
                    if (memory.IsEmpty)
                        throw new InvalidOperationException("GetBuffer() returned an empty buffer.");
                    int count = Math.Min(memory.Length, data.Length);
                    data[..count].CopyTo(memory.Span);
                    buffered.BufferUpdated(count);
                    data = data[count..];
                }
                break;
        }
    }

    /// <summary>Calls the protocol's <c>EofReceived</c>: whether it wants the transport kept open for writing.</summary>
    public static bool DeliverEof(BaseProtocol protocol) => protocol switch
    {
        Protocol stream => stream.EofReceived(),
        BufferedProtocol buffered => buffered.EofReceived(),
        _ => false,
    };
}
