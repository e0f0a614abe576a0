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
    /// Accepts the next pending connection of a watched listening socket after it reported <see cref="IoInterest.Read"/>,
    /// or returns null when none is pending. The portable backend accepts ahead (it learns of a connection by accepting
    /// it), so servers accept through the watch rather than the socket to work on every backend.
    /// </summary>
    /// <exception cref="SocketException">The accept failed (for example, too many open files).</exception>
    /// <exception cref="InvalidOperationException">The watch is not on a socket.</exception>
    public Socket? TryAccept()
    {
        if (Socket is null)
            throw new InvalidOperationException("Only a watch on a listening socket can accept connections.");
        return _selector.TryAccept(this);
    }

    internal void MarkClosed()
    {
        IsClosed = true;
        Interest = IoInterest.None;
    }

    public override string ToString() => $"<IoWatch fd={Fd} interest={Interest}{(IsClosed ? " closed" : "")} handler={Handler.GetType().Name}>";
}
