namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>asyncio's <c>max_size</c>: the most one pipe read or one datagram receive takes at once.</summary>
    internal const int TransportReadBufferSize = 256 * 1024;

    private byte[]? _transportReadBuffer;

    /// <summary>
    /// The receive buffer shared by this loop's pipe and datagram transports. They read into it on the loop thread and
    /// hand the protocol a span that is valid only during its callback, and no read can start inside such a callback, so
    /// one buffer per loop serves them all: a loop with hundreds of pipes holds one 256 KiB buffer, not hundreds.
    /// </summary>
    internal byte[] TransportReadBuffer => _transportReadBuffer ??= GC.AllocateUninitializedArray<byte>(TransportReadBufferSize, pinned: true);
}
