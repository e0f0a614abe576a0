using System.Net.Sockets;

namespace Coroutines.IO;

/// <summary>
/// One registration of a socket or file descriptor with a loop's selector. The handler hears about readiness for the
/// current <see cref="Interest"/> on the loop thread. Changing the interest to the value it already has costs nothing.
/// </summary>
/// <remarks>Loop-thread only, like every loop method except <c>CallSoonThreadSafe</c>.</remarks>
internal sealed class IoWatch
{
    private readonly IoSelector _selector;

    internal IoWatch(IoSelector selector, nint fd, Socket? socket, IIoReadyHandler handler)
    {
        _selector = selector;
        Fd = fd;
        Socket = socket;
        Handler = handler;
    }

    /// <summary>What the watch currently waits for.</summary>
    public IoInterest Interest { get; private set; }

    /// <summary>Whether <see cref="Close"/> was called or the loop closed.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>The watched descriptor (the socket's handle for sockets).</summary>
    internal nint Fd { get; }

    /// <summary>The watched socket; null for a plain file descriptor.</summary>
    internal Socket? Socket { get; }

    internal IIoReadyHandler Handler { get; }

    /// <summary>The selector's bookkeeping: the slot epoll events name, and its reuse count.</summary>
    internal int Slot;
    internal uint Generation;

    /// <summary>Whether the descriptor is one the loop made and knows the backend can watch (no check at registration).</summary>
    internal bool KnownPollable { get; init; }

    /// <summary>Whether the OS currently has the descriptor in its interest set (epoll).</summary>
    internal bool InKernel;

    /// <summary>Backend state (the portable backend's pending operations).</summary>
    internal object? BackendState;

    /// <summary>Waits for <paramref name="interest"/> from now on (Read, Write, both, or None to pause).</summary>
    /// <exception cref="ObjectDisposedException">The watch is closed and <paramref name="interest"/> is not None.</exception>
    public void SetInterest(IoInterest interest)
    {
        if (interest == Interest)
            return;
        if (IsClosed)
        {
            if (interest == IoInterest.None)
                return;
            throw new ObjectDisposedException(nameof(IoWatch), "The I/O watch is closed (or its loop is); register the socket again.");
        }
        var previous = Interest;
        Interest = interest;
        _selector.OnInterestChanged(this, previous);
    }

    /// <summary>
    /// Unregisters: the handler hears nothing more, not even events the selector already collected in this pass.
    /// Does not close the socket or descriptor. Idempotent.
    /// </summary>
    public void Close()
    {
        if (IsClosed)
            return;
        _selector.Unwatch(this);
        MarkClosed();
    }

    /// <summary>
    /// Accepts the next pending connection of a watched (non-blocking) listening socket after it reported
    /// <see cref="IoInterest.Read"/>, or returns null when none is pending. Every backend leaves connections queued in
    /// the kernel until accepted, so a plain <c>Socket.Accept</c> works as well.
    /// </summary>
    /// <exception cref="SocketException">The accept failed (for example, too many open files).</exception>
    /// <exception cref="InvalidOperationException">The watch is not on a socket.</exception>
    public Socket? TryAccept()
    {
        if (Socket is null)
            throw new InvalidOperationException("Only a watch on a listening socket can accept connections.");
        try
        {
            return Socket.Accept();
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.Interrupted)
        {
            return null;
        }
    }

    /// <summary>
    /// The socket error the backend's readiness probe took off the socket since the last call, or
    /// <see cref="SocketError.Success"/>. The portable backend learns of read readiness by a zero-byte receive, which
    /// consumes a pending error (an ICMP "port unreachable"): the handler's own receive would never see it. Epoll leaves
    /// errors on the socket, so there it is always Success.
    /// </summary>
    public SocketError TakeConsumedError() => _selector.TakeConsumedError(this);

    internal void MarkClosed()
    {
        IsClosed = true;
        Interest = IoInterest.None;
    }

    public override string ToString() => $"<IoWatch fd={Fd} interest={Interest}{(IsClosed ? " closed" : "")} handler={Handler.GetType().Name}>";
}
