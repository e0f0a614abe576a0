using System.Runtime.InteropServices;
using Coroutines.Native;
using Coroutines.Pipes;

namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>
    /// Reads a pipe, FIFO, socket or character device (asyncio's <c>connect_read_pipe</c>): the protocol's
    /// <see cref="Protocol.DataReceived"/> gets what arrives, then <see cref="Protocol.EofReceived"/> and
    /// <see cref="BaseProtocol.ConnectionLost"/> at end of file. The transport owns <paramref name="fd"/> and closes it at the
    /// end (pass a <c>dup</c> of the process's own stdin to keep it). By the time the coroutine returns,
    /// <see cref="BaseProtocol.ConnectionMade"/> has run.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="protocolFactory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="fd"/> is not open, or not a pipe, socket or character device.</exception>
    /// <exception cref="PlatformNotSupportedException">The loop's I/O backend cannot watch file descriptors (only epoll can).</exception>
    public Coroutine<(IReadTransport Transport, TProtocol Protocol)> ConnectReadPipe<TProtocol>(Func<TProtocol> protocolFactory, int fd)
        where TProtocol : Protocol =>
        ConnectReadPipe(protocolFactory, fd, null);

    /// <summary>Reads the pipe behind <paramref name="pipe"/> (e.g. a <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/>); the transport disposes it at the end. See <see cref="ConnectReadPipe{TProtocol}(Func{TProtocol}, int)"/>.</summary>
    public Coroutine<(IReadTransport Transport, TProtocol Protocol)> ConnectReadPipe<TProtocol>(Func<TProtocol> protocolFactory, SafeHandle pipe)
        where TProtocol : Protocol =>
        ConnectReadPipe(protocolFactory, DescriptorOf(pipe), pipe);

    /// <summary>
    /// Writes to a pipe, FIFO, socket or character device (asyncio's <c>connect_write_pipe</c>) with the write transport
    /// API and flow control; for a pipe, the transport closes when the reader goes away. The transport owns
    /// <paramref name="fd"/> and closes it at the end (pass a <c>dup</c> of the process's own stdout to keep it). By the
    /// time the coroutine returns, <see cref="BaseProtocol.ConnectionMade"/> has run.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="protocolFactory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="fd"/> is not open, or not a pipe, socket or character device.</exception>
    /// <exception cref="PlatformNotSupportedException">The loop's I/O backend cannot watch file descriptors (only epoll can).</exception>
    public Coroutine<(IWriteTransport Transport, TProtocol Protocol)> ConnectWritePipe<TProtocol>(Func<TProtocol> protocolFactory, int fd)
        where TProtocol : BaseProtocol =>
        ConnectWritePipe(protocolFactory, fd, null);

    /// <summary>Writes to the pipe behind <paramref name="pipe"/>; the transport disposes it at the end. See <see cref="ConnectWritePipe{TProtocol}(Func{TProtocol}, int)"/>.</summary>
    public Coroutine<(IWriteTransport Transport, TProtocol Protocol)> ConnectWritePipe<TProtocol>(Func<TProtocol> protocolFactory, SafeHandle pipe)
        where TProtocol : BaseProtocol =>
        ConnectWritePipe(protocolFactory, DescriptorOf(pipe), pipe);

    private async Coroutine<(IReadTransport Transport, TProtocol Protocol)> ConnectReadPipe<TProtocol>(Func<TProtocol> protocolFactory, int fd, SafeHandle? owned)
        where TProtocol : Protocol
    {
        ValidatePipe(protocolFactory, fd);
        var protocol = protocolFactory() ?? throw new InvalidOperationException("The protocol factory returned null.");
        var transport = new ReadPipeTransport(this, protocol, fd, owned);
        var waiter = new Future<bool>(this);
        transport.Start(waiter);
        await AwaitTransportStart(waiter, transport);
        return (transport, protocol);
    }

    private async Coroutine<(IWriteTransport Transport, TProtocol Protocol)> ConnectWritePipe<TProtocol>(Func<TProtocol> protocolFactory, int fd, SafeHandle? owned)
        where TProtocol : BaseProtocol
    {
        ValidatePipe(protocolFactory, fd);
        var protocol = protocolFactory() ?? throw new InvalidOperationException("The protocol factory returned null.");
        var transport = new WritePipeTransport(this, protocol, fd, owned);
        var waiter = new Future<bool>(this);
        transport.Start(waiter);
        await AwaitTransportStart(waiter, transport);
        return (transport, protocol);
    }

    private void ValidatePipe(Delegate protocolFactory, int fd)
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        if (!SupportsFdWatches)
            throw new PlatformNotSupportedException(
                $"Pipe transports watch file descriptors, which this loop's {IoBackend} I/O backend cannot do: use IoBackend.Epoll (Linux).");
        int type = PosixNative.FileType(fd);
        if (type < 0)
            throw new ArgumentException($"File descriptor {fd} is not open.", nameof(fd));
        if (type is not (PosixNative.S_IFIFO or PosixNative.S_IFSOCK or PosixNative.S_IFCHR))
            throw new ArgumentException("Pipe transport is for pipes/sockets/character devices only.", nameof(fd));
    }

    private static int DescriptorOf(SafeHandle pipe)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        if (pipe.IsClosed || pipe.IsInvalid)
            throw new ArgumentException("The pipe's handle is closed or invalid.", nameof(pipe));
        return (int)pipe.DangerousGetHandle();
    }
}
