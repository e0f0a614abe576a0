using System.Runtime.InteropServices;
using Coroutines.IO;
using Coroutines.Native;
using Coroutines.Transports;

namespace Coroutines.Pipes;

/// <summary>
/// What the read and write pipe transports share (asyncio's <c>_UnixReadPipeTransport</c> and <c>_UnixWritePipeTransport</c>):
/// a non-blocking descriptor watched by the loop's selector, owned by the transport, and closed after the protocol's
/// <see cref="BaseProtocol.ConnectionLost"/> (or when the loop closes first).
/// </summary>
internal abstract class PipeTransportBase : TransportBase, IIoReadyHandler, IDisposable
{
    private readonly SafeHandle? _ownedHandle;
    private bool _released;

    // fd: the descriptor; the transport closes it at the end (through ownedHandle when given).
    // watchNow: register with the selector at once; otherwise on the first use of Watch, which lets a write transport
    // serve a device epoll refuses (/dev/null is always writable and never needs a watch), as asyncio's add_writer on demand.
    // spawnedPipe: fd is a pipe end the child spawner made non-blocking, so it is neither made so again nor checked by the selector.
    protected PipeTransportBase(EventLoop loop, BaseProtocol protocol, int fd, SafeHandle? ownedHandle, bool watchNow, bool spawnedPipe) : base(loop, protocol)
    {
        Fd = fd;
        _ownedHandle = ownedHandle;
        _spawnedPipe = spawnedPipe;
        if (!spawnedPipe && PosixNative.SetNonBlocking(fd, true) != 0)
            throw new IOException($"Cannot make file descriptor {fd} non-blocking (errno {Marshal.GetLastPInvokeError()}).");
        if (watchNow)
            _watch = loop.WatchFd(fd, this, knownPollable: spawnedPipe);
        loop.RegisterCloseable(this);
    }

    /// <summary>The pipe's descriptor.</summary>
    public int Fd { get; }

    /// <summary>The descriptor's registration with the selector, made on first use when it was not made at construction.</summary>
    protected IoWatch Watch => _watch ??= Loop.WatchFd(Fd, this, knownPollable: _spawnedPipe);

    private readonly bool _spawnedPipe;

    private IoWatch? _watch;

    /// <summary>Whether the descriptor was unwatched and <c>ConnectionLost</c> scheduled.</summary>
    protected bool Released => _released;

    public abstract void OnIoReady(IoInterest ready);

    void IDisposable.Dispose()
    {
        // The loop is closing: nothing more runs on it, so the descriptor is closed now rather than after ConnectionLost.
        Release(null);
        CloseDescriptor();
    }

    protected override bool TryGetExtraInfo(string name, out object? value)
    {
        if (name == "pipe")
        {
            value = (object?)_ownedHandle ?? Fd;
            return true;
        }
        value = null;
        return false;
    }

    protected override void OnConnectionLost() => CloseDescriptor();

    /// <summary>Unwatches the descriptor and schedules <c>ConnectionLost</c>; idempotent.</summary>
    protected void Release(Exception? exception)
    {
        if (_released)
            return;
        _released = true;
        _watch?.Close();
        OnRelease();
        ScheduleConnectionLost(exception);
    }

    /// <summary>Drops what the transport still holds (buffers) when it is released.</summary>
    protected virtual void OnRelease()
    {
    }

    /// <summary>Reports a fatal error (asyncio's <c>_fatal_error</c>) and closes at once with it.</summary>
    protected void FatalError(Exception exception, string message)
    {
        ReportFatalError(exception, message);
        Release(exception);
    }

    /// <summary>The error of the last failed read or write, as an <see cref="IOException"/> carrying the errno.</summary>
    protected static IOException LastError(string operation)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new IOException($"{operation} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).", errno);
    }

    private void CloseDescriptor()
    {
        Loop.UnregisterCloseable(this);
        if (_ownedHandle is not null)
            _ownedHandle.Dispose();
        else if (!_descriptorClosed)
            PosixNative.Close(Fd);
        _descriptorClosed = true;
    }

    private bool _descriptorClosed;
}
