using Coroutines;

namespace EchoServer;

/// <summary>
/// One connection: every byte received is written straight back. The span handed to <see cref="DataReceived"/> is
/// the loop's receive buffer, valid only during the call; <see cref="IWriteTransport.Write"/> sends what the kernel
/// takes at once and copies only the rest, so nothing needs to be kept.
/// </summary>
public sealed class EchoProtocol(EchoCounter counter) : Protocol
{
    private ITransport? _transport;

    /// <inheritdoc/>
    public override void ConnectionMade(IBaseTransport transport) => _transport = (ITransport)transport;

    /// <inheritdoc/>
    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        counter.Bytes += data.Length;
        _transport!.Write(data);
    }

    // A peer that sends but does not read would grow the write buffer without end: stop reading while the buffer
    // is above its high-water mark, go on once it has drained to the low-water mark.

    /// <inheritdoc/>
    public override void PauseWriting() => _transport!.PauseReading();

    /// <inheritdoc/>
    public override void ResumeWriting() => _transport!.ResumeReading();
}
