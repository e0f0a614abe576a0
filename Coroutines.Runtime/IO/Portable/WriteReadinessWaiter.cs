using System.Net;
using System.Net.Sockets;

namespace Coroutines.IO.Portable;

/// <summary>
/// The portable backend's write readiness: a background thread that waits in <c>Socket.Select</c> on every
/// socket whose watch wants <see cref="IoInterest.Write"/>, and posts each writable one to the loop. A loopback socket
/// pair interrupts the wait when the set changes. Started on first use; a loop whose sends never fill the socket
/// buffer never starts it.
/// </summary>
internal sealed class WriteReadinessWaiter : IDisposable
{
    private static readonly Action<object?> s_writable = static state => ((PortableSocketState)state!).OnWritable();

    private readonly PortableSelector _selector;
    private readonly object _lock = new();
    private readonly HashSet<PortableSocketState> _wanted = new();
    private readonly Socket _wakeReceiver;
    private readonly Socket _wakeSender;
    private readonly Thread _thread;
    private bool _selecting;
    private bool _wakeSent;
    private bool _disposed;

    public WriteReadinessWaiter(PortableSelector selector)
    {
        _selector = selector;
        (_wakeSender, _wakeReceiver) = ConnectedPair();
        _thread = new Thread(Run) { IsBackground = true, Name = "Coroutines write readiness" };
        _thread.Start();
    }

    public void Add(PortableSocketState state)
    {
        lock (_lock)
        {
            state.WaitingForWrite = true;
            _wanted.Add(state);
            WakeLocked();
        }
    }

    public void Remove(PortableSocketState state)
    {
        lock (_lock)
        {
            if (!_wanted.Remove(state))
                return;
            state.WaitingForWrite = false;
            WakeLocked();   // the socket may be closed next: it must leave the Select lists first
        }
    }

    private void WakeLocked()
    {
        if (_selecting && !_wakeSent)
        {
            _wakeSent = true;
            _wakeSender.Send(stackalloc byte[1]);
        }
        else
        {
            Monitor.Pulse(_lock);
        }
    }

    private void Run()
    {
        var read = new List<Socket>();
        var write = new List<Socket>();
        var error = new List<Socket>();
        var drain = new byte[64];
        var byHandle = new Dictionary<Socket, PortableSocketState>();
        while (true)
        {
            lock (_lock)
            {
                while (_wanted.Count == 0 && !_disposed)
                    Monitor.Wait(_lock);
                if (_disposed)
                    return;
                byHandle.Clear();
                foreach (var state in _wanted)
                    byHandle[state.Socket] = state;
                _selecting = true;
            }
            read.Clear();
            read.Add(_wakeReceiver);
            write.Clear();
            write.AddRange(byHandle.Keys);
            error.Clear();
            error.AddRange(byHandle.Keys);   // Windows reports a failed connect here, not as writable
            try
            {
                Socket.Select(read, write, error, -1);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                write.Clear();   // a socket closed under the wait: rebuild the lists without it
                error.Clear();
                PruneClosed();
            }
            lock (_lock)
            {
                _selecting = false;
                if (_wakeSent)
                {
                    _wakeSent = false;
                    _wakeReceiver.Receive(drain);
                }
                foreach (var socket in write.Concat(error))
                {
                    var state = byHandle[socket];
                    if (_wanted.Remove(state))
                    {
                        state.WaitingForWrite = false;
                        _selector.Loop.TryCallSoonThreadSafe(s_writable, state);
                    }
                }
            }
        }
    }

    private void PruneClosed()
    {
        lock (_lock)
        {
            _wanted.RemoveWhere(static state => state.Socket.SafeHandle.IsClosed);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _wanted.Clear();
            WakeLocked();
        }
        _thread.Join();
        _wakeSender.Dispose();
        _wakeReceiver.Dispose();
    }

    private static (Socket Sender, Socket Receiver) ConnectedPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        sender.Connect(listener.LocalEndPoint!);
        var receiver = listener.Accept();
        return (sender, receiver);
    }
}
