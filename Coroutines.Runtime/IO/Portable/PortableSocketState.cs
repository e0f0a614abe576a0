using System.Net.Sockets;

namespace Coroutines.IO.Portable;

/// <summary>
/// The portable backend's operations on one socket: the pending zero-byte receive that signals read readiness (a
/// listening socket waits in the selector's <c>Socket.Select</c> thread instead), and the socket error that receive
/// consumed. Loop-thread state, except the completion callback.
/// </summary>
internal sealed class PortableSocketState : ILoopWork, IDisposable
{
    private static readonly Action<object?> s_readCompleted = static state => ((PortableSocketState)state!).OnReadCompleted();

    private readonly PortableSelector _selector;
    private readonly Socket _socket;
    private readonly SocketAsyncEventArgs _readArgs = new();
    private bool? _isListener;
    private bool _readPending;
    private bool _disposed;
    private SocketError _consumedError;

    public PortableSocketState(PortableSelector selector, Socket socket)
    {
        _selector = selector;
        _socket = socket;
        _readArgs.SetBuffer(Memory<byte>.Empty);
        // A zero-byte receive would consume (and truncate) a datagram: peek at datagram sockets instead.
        if (socket.SocketType != SocketType.Stream)
            _readArgs.SocketFlags = SocketFlags.Peek;
        _readArgs.UserToken = this;
        _readArgs.Completed += static (_, args) =>
        {
            var state = (PortableSocketState)args.UserToken!;
            // A closed loop refuses the post: the loop is gone, and so is the interest in this completion.
            state._selector.Loop.TryCallSoonThreadSafe(s_readCompleted, state);
        };
    }

    /// <summary>The socket's open watch, if any.</summary>
    public IoWatch? Watch;

    /// <summary>Whether the select thread currently waits for this socket to be writable.</summary>
    public bool WaitingForWrite;

    /// <summary>Whether the select thread currently waits for a connection on this listening socket.</summary>
    public bool WaitingForAccept;

    public Socket Socket => _socket;

    private bool IsListener => _isListener ??= IsListening(_socket);

    private static bool IsListening(Socket socket)
    {
        try
        {
            return socket.SocketType == SocketType.Stream
                && (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.AcceptConnection)! != 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Starts waiting for read readiness, unless a wait is already pending.</summary>
    public void ArmRead()
    {
        if (_readPending || _disposed)
            return;
        if (IsListener)
        {
            if (!WaitingForAccept)
                _selector.WaitForAccept(this);
            return;
        }
        _readPending = true;
        bool pending;
        try
        {
            pending = _socket.ReceiveAsync(_readArgs);
        }
        catch (ObjectDisposedException)
        {
            _readPending = false;
            return;   // the socket was closed under its watch: nothing more can be reported
        }
        if (!pending)
            _selector.Loop.EnqueueUnchecked(this, null, WorkKind.Work);   // completed at once: report on the next iteration
    }

    private void OnReadCompleted()
    {
        _readPending = false;
        if (_disposed)
            return;
        var ready = IoInterest.Read;
        if (_readArgs.SocketError != SocketError.Success)
        {
            if (_readArgs.SocketError == SocketError.OperationAborted)
                return;   // the socket was closed
            // The receive took the error off the socket (SO_ERROR reads once): keep it for the handler's next receive
            // (an ICMP "port unreachable" on a connected datagram socket would be lost otherwise), and let both directions
            // observe it, as epoll does.
            _consumedError = _readArgs.SocketError;
            ready = IoInterest.Read | IoInterest.Write;
        }
        Report(ready);
    }

    private void Report(IoInterest ready)
    {
        if (Watch is { IsClosed: false } watch)
            _selector.DispatchReady(watch, ready);
        // Level-triggered: while the (possibly new) watch still wants to read, wait again.
        if (Watch is { IsClosed: false } current && (current.Interest & IoInterest.Read) != 0)
            ArmRead();
    }

    /// <summary>The error the last readiness receive consumed (once), or <see cref="SocketError.Success"/>.</summary>
    public SocketError TakeConsumedError()
    {
        var error = _consumedError;
        _consumedError = SocketError.Success;
        return error;
    }

    /// <summary>Runs on the loop thread: a synchronously completed receive.</summary>
    void ILoopWork.Execute() => OnReadCompleted();

    string ILoopWork.Describe() => $"<portable readiness of {_socket.LocalEndPoint}>";

    /// <summary>
    /// Whether the OS reports this socket ready in a direction its watch waits for while the report has not reached the
    /// loop yet (the pending receive, or the select thread, has still to post it).
    /// </summary>
    public bool AwaitsReportOfReadiness()
    {
        if (_disposed || Watch is not { IsClosed: false } watch || _socket.SafeHandle.IsClosed)
            return false;
        try
        {
            if ((_readPending || WaitingForAccept) && (watch.Interest & IoInterest.Read) != 0 && _socket.Poll(0, SelectMode.SelectRead))
                return true;
            return WaitingForWrite && (watch.Interest & IoInterest.Write) != 0 && _socket.Poll(0, SelectMode.SelectWrite);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Runs on the loop thread when the select thread found the socket writable (or failed).</summary>
    public void OnWritable()
    {
        if (_disposed || Watch is not { IsClosed: false } watch || (watch.Interest & IoInterest.Write) == 0)
            return;
        _selector.DispatchReady(watch, IoInterest.Write);
        // Level-triggered: a handler that still wants to write after sending waits for room again.
        if (Watch is { IsClosed: false } current && (current.Interest & IoInterest.Write) != 0 && !WaitingForWrite)
            _selector.WaitForWrite(this);
    }

    /// <summary>Runs on the loop thread when the select thread found a connection waiting on this listening socket.</summary>
    public void OnAcceptable()
    {
        if (_disposed || Watch is not { IsClosed: false } watch || (watch.Interest & IoInterest.Read) == 0)
            return;
        Report(IoInterest.Read);
    }

    /// <summary>The loop closed: pending completions are ignored.</summary>
    public void Dispose() => _disposed = true;
}
