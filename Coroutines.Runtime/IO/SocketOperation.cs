using System.Net.Sockets;

namespace Coroutines.IO;

/// <summary>
/// One <c>loop.Sock*</c> call (asyncio's <c>sock_recv</c> &amp; co.): it tries the socket at once, and otherwise waits
/// for readiness through the socket's reader or writer (replacing any, as asyncio does), retrying until done.
/// Cancelling it, or its completing, removes that reader or writer, so the socket stays usable.
/// </summary>
internal abstract class SocketOperation<T> : Future<T>
{
    private static readonly Action<object?> s_onReady = static state => ((SocketOperation<T>)state!).OnReady();

    private readonly IoInterest _waitsFor;
    private nint _registeredKey = -1;

    protected SocketOperation(EventLoop loop, Socket socket, IoInterest waitsFor) : base(loop)
    {
        Socket = socket;
        _waitsFor = waitsFor;
    }

    protected Socket Socket { get; }

    /// <summary>Tries the operation without blocking: true when it finished (completing the future), false to wait for readiness.</summary>
    protected abstract bool TryComplete();

    /// <summary>Tries now; otherwise waits. Called once, on the loop thread.</summary>
    public Future<T> Start(bool tryFirst = true)
    {
        if (tryFirst && Attempt())
            return this;
        _registeredKey = Loop.SetReadinessCallback(Socket, _waitsFor, s_onReady, this);
        return this;
    }

    private void OnReady()
    {
        if (Done)
            return;
        if (Attempt())
            Unregister();
    }

    private bool Attempt()
    {
        try
        {
            return TryComplete();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            SetException(e);
            return true;
        }
    }

    public override bool Cancel(object? message = null)
    {
        bool cancelled = base.Cancel(message);
        if (cancelled)
            Unregister();
        return cancelled;
    }

    private void Unregister()
    {
        if (_registeredKey < 0)
            return;
        Loop.RemoveReadinessCallback(_registeredKey, _waitsFor);
        _registeredKey = -1;
    }

    /// <summary>Whether <paramref name="error"/> means "not now": wait for readiness and try again.</summary>
    protected static bool MustWait(SocketError error) => error is SocketError.WouldBlock or SocketError.IOPending or SocketError.Interrupted;
}

/// <summary><c>loop.SockRecvInto</c>: receives into the caller's buffer.</summary>
internal sealed class SocketReceive(EventLoop loop, Socket socket, Memory<byte> buffer)
    : SocketOperation<int>(loop, socket, IoInterest.Read)
{
    protected override bool TryComplete()
    {
        int received = Socket.Receive(buffer.Span, SocketFlags.None, out var error);
        if (MustWait(error))
            return false;
        if (error != SocketError.Success)
            throw new SocketException((int)error);
        SetResult(received);
        return true;
    }
}

/// <summary><c>loop.SockRecv</c>: receives up to a number of bytes into a new array of the received length.</summary>
internal sealed class SocketReceiveBytes(EventLoop loop, Socket socket, int maxBytes)
    : SocketOperation<byte[]>(loop, socket, IoInterest.Read)
{
    protected override bool TryComplete()
    {
        var buffer = new byte[maxBytes];
        int received = Socket.Receive(buffer, SocketFlags.None, out var error);
        if (MustWait(error))
            return false;
        if (error != SocketError.Success)
            throw new SocketException((int)error);
        Array.Resize(ref buffer, received);
        SetResult(buffer);
        return true;
    }
}

/// <summary><c>loop.SockSendAll</c>: sends the whole buffer, waiting for room as often as needed.</summary>
internal sealed class SocketSendAll(EventLoop loop, Socket socket, ReadOnlyMemory<byte> data)
    : SocketOperation<VoidResult>(loop, socket, IoInterest.Write)
{
    private int _sent;

    protected override bool TryComplete()
    {
        while (_sent < data.Length)
        {
            int sent = Socket.Send(data.Span[_sent..], SocketFlags.None, out var error);
            if (MustWait(error))
                return false;
            if (error != SocketError.Success)
                throw new SocketException((int)error);
            _sent += sent;
        }
        SetResult(VoidResult.Value);
        return true;
    }
}

/// <summary><c>loop.SockConnect</c>: a non-blocking connect, finished when the socket becomes writable.</summary>
internal sealed class SocketConnect(EventLoop loop, Socket socket, System.Net.EndPoint remote)
    : SocketOperation<VoidResult>(loop, socket, IoInterest.Write)
{
    private bool _started;

    protected override bool TryComplete()
    {
        if (!_started)
        {
            _started = true;
            try
            {
                Socket.Connect(remote);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
            {
                return false;
            }
            SetResult(VoidResult.Value);
            return true;
        }
        // Writable: the connect finished, well or badly (SO_ERROR tells). Reading Connected lets .NET record the connection.
        int error = (int)Socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != 0)
            throw new SocketException(error);   // .NET reports SO_ERROR as a SocketError on every platform
        if (!Socket.Connected)
            return false;   // spurious readiness: wait again
        SetResult(VoidResult.Value);
        return true;
    }
}

/// <summary><c>loop.SockAccept</c>: the next connection of a listening socket, made non-blocking.</summary>
internal sealed class SocketAccept(EventLoop loop, Socket listener)
    : SocketOperation<Socket>(loop, listener, IoInterest.Read)
{
    protected override bool TryComplete()
    {
        var accepted = Loop.TryAcceptThroughWatch(Socket);
        if (accepted is null)
            return false;
        accepted.Blocking = false;
        SetResult(accepted);
        return true;
    }
}
