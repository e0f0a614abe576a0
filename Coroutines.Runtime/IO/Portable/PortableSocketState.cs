using System.Net.Sockets;

namespace Coroutines.IO.Portable;

/// <summary>
/// The portable backend's operations on one socket: the pending zero-byte receive (or accept, for a listening socket)
/// that signals read readiness, and the connections accepted ahead. Loop-thread state, except the completion callback.
/// </summary>
internal sealed class PortableSocketState : ILoopWork, IDisposable
{
    private static readonly Action<object?> s_readCompleted = static state => ((PortableSocketState)state!).OnReadCompleted();

    private readonly PortableSelector _selector;
    private readonly Socket _socket;
    private readonly SocketAsyncEventArgs _readArgs = new();
    private readonly Queue<(Socket? Socket, SocketError Error)> _accepted = new();
    private bool? _isListener;
    private bool _readPending;
    private bool _redispatchQueued;
    private bool _disposed;

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

    /// <summary>Whether the write waiter currently watches this socket.</summary>
    public bool WaitingForWrite;

    public Socket Socket => _socket;

    public bool HoldsAcceptedConnections => _accepted.Count > 0;

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

    /// <summary>Starts the operation that signals read readiness, unless one is pending or readiness is already known.</summary>
    public void ArmRead()
    {
        if (_readPending || _disposed)
            return;
        if (IsListener && _accepted.Count > 0)
        {
            QueueRedispatch();   // connections already accepted: readable now
            return;
        }
        _readPending = true;
        bool pending;
        try
        {
            if (IsListener)
            {
                _readArgs.AcceptSocket = null;
                pending = _socket.AcceptAsync(_readArgs);
            }
            else
            {
                pending = _socket.ReceiveAsync(_readArgs);
            }
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
        {
            _readArgs.AcceptSocket?.Dispose();
            return;
        }
        var ready = IoInterest.Read;
        if (IsListener)
        {
            if (_readArgs.SocketError == SocketError.OperationAborted)
                return;   // the listener was closed
            _accepted.Enqueue((_readArgs.AcceptSocket, _readArgs.SocketError));
            _readArgs.AcceptSocket = null;
        }
        else if (_readArgs.SocketError != SocketError.Success)
        {
            if (_readArgs.SocketError == SocketError.OperationAborted)
                return;   // the socket was closed
            ready = IoInterest.Read | IoInterest.Write;   // an error: let both directions observe it, as epoll does
        }
        Report(ready);
    }

    private void Report(IoInterest ready)
    {
        if (Watch is { IsClosed: false } watch)
            _selector.DispatchReady(watch, ready);
        // Level-triggered: while the (possibly new) watch still wants to read, wait again, or report again at once if
        // accepted connections were left.
        if (Watch is { IsClosed: false } current && (current.Interest & IoInterest.Read) != 0)
            ArmRead();
    }

    private void QueueRedispatch()
    {
        if (_redispatchQueued)
            return;
        _redispatchQueued = true;
        _selector.Loop.EnqueueUnchecked(this, null, WorkKind.Work);
    }

    /// <summary>Runs on the loop thread: a synchronously completed operation, or a re-report of accepted connections.</summary>
    void ILoopWork.Execute()
    {
        if (_redispatchQueued && !_readPending)
        {
            _redispatchQueued = false;
            Report(IoInterest.Read);
            return;
        }
        OnReadCompleted();
    }

    string ILoopWork.Describe() => $"<portable readiness of {_socket.LocalEndPoint}>";

    /// <summary>
    /// Whether the OS reports this socket ready in a direction its watch waits for while the report has not reached the
    /// loop yet (the pending receive or accept, or the write waiter, has still to post it).
    /// </summary>
    public bool AwaitsReportOfReadiness()
    {
        if (_disposed || Watch is not { IsClosed: false } watch || _socket.SafeHandle.IsClosed)
            return false;
        try
        {
            if (_readPending && (watch.Interest & IoInterest.Read) != 0 && _socket.Poll(0, SelectMode.SelectRead))
                return true;
            return WaitingForWrite && (watch.Interest & IoInterest.Write) != 0 && _socket.Poll(0, SelectMode.SelectWrite);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Runs on the loop thread when the write waiter found the socket writable (or failed).</summary>
    public void OnWritable()
    {
        if (_disposed || Watch is not { IsClosed: false } watch || (watch.Interest & IoInterest.Write) == 0)
            return;
        _selector.DispatchReady(watch, IoInterest.Write);
        // Level-triggered: a handler that still wants to write after sending waits for room again.
        if (Watch is { IsClosed: false } current && (current.Interest & IoInterest.Write) != 0 && !WaitingForWrite)
            _selector.WaitForWrite(this);
    }

    public Socket? TryAccept()
    {
        if (!_accepted.TryDequeue(out var next))
            return null;
        if (next.Error != SocketError.Success)
            throw new SocketException((int)next.Error);
        return next.Socket;
    }

    /// <summary>The loop closed: connections accepted ahead and never taken are closed; pending completions are ignored.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_accepted.TryDequeue(out var next))
            next.Socket?.Dispose();
    }
}
