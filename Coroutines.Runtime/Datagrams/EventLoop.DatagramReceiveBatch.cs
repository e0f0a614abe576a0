using Coroutines.Native;

namespace Coroutines;

public sealed partial class EventLoop
{
    private DatagramReceiveBatch? _datagramReceiveBatch;

    /// <summary>
    /// The batch receiver shared by this loop's UDP transports on Linux (made on first use): like
    /// <see cref="TransportReadBuffer"/>, its slots are read on the loop thread and handed to protocols only during their
    /// callbacks, so one per loop serves them all.
    /// </summary>
    internal DatagramReceiveBatch DatagramReceiveBatch => _datagramReceiveBatch ??= new DatagramReceiveBatch();
}
