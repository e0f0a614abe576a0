using System.Net;
using System.Net.Sockets;

namespace Coroutines.IO.Portable;

/// <summary>
/// The portable backend's readiness that no .NET socket operation reports without acting on it: a background thread
/// waits in <c>Socket.Select</c> on every socket whose watch wants <see cref="IoInterest.Write"/> (.NET has no zero-byte
/// send that waits for room) and on every listening socket whose watch wants <see cref="IoInterest.Read"/> (an accept
/// would take the connection that <see cref="IoWatch.TryAccept"/> or a plain <c>Socket.Accept</c> should get), and posts
/// each ready one to the loop. A loopback socket pair interrupts the wait when the sets change. Started on first use.
/// </summary>
internal sealed class SelectReadinessWaiter : IDisposable
{
    private static readonly Action<object?> s_writable = static state => ((PortableSocketState)state!).OnWritable();
    private static readonly Action<object?> s_acceptable = static state => ((PortableSocketState)state!).OnAcceptable();

    private readonly PortableSelector _selector;
    private readonly object _lock = new();
    private readonly HashSet<PortableSocketState> _writers = new();
    private readonly HashSet<PortableSocketState> _listeners = new();
    private readonly Socket _wakeReceiver;
    private readonly Socket _wakeSender;
    private readonly Thread _thread;
    private bool _selecting;
    private bool _wakeSent;
    private bool _disposed;

    public SelectReadinessWaiter(PortableSelector selector)
    {
        _selector = selector;
        (_wakeSender, _wakeReceiver) = ConnectedPair();
        _thread = new Thread(Run) { IsBackground = true, Name = "Coroutines select readiness" };
        _thread.Start();
    }

    /// <summary>Waits for room in the socket's send buffer.</summary>
    public void AddWriter(PortableSocketState state)
    {
        lock (_lock)
        {
            state.WaitingForWrite = true;
            _writers.Add(state);
            WakeLocked();
        }
    }

    /// <summary>Waits for a pending connection on the listening socket, leaving it queued for whoever accepts.</summary>
    public void AddListener(PortableSocketState state)
    {
        lock (_lock)
        {
            state.WaitingForAccept = true;
            _listeners.Add(state);
            WakeLocked();
        }
    }

    /// <summary>Stops waiting for the socket in both directions (its watch closed, or wants neither any more).</summary>
    public void Remove(PortableSocketState state) => Remove(state, write: true, accept: true);

    public void Remove(PortableSocketState state, bool write, bool accept)
    {
        lock (_lock)
        {
            bool removed = false;
            if (write && _writers.Remove(state))
            {
                state.WaitingForWrite = false;
                removed = true;
            }
            if (accept && _listeners.Remove(state))
            {
                state.WaitingForAccept = false;
                removed = true;
            }
            if (removed)
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
        var writers = new Dictionary<Socket, PortableSocketState>();
        var listeners = new Dictionary<Socket, PortableSocketState>();
        while (true)
        {
            lock (_lock)
            {
                while (_writers.Count == 0 && _listeners.Count == 0 && !_disposed)
                    Monitor.Wait(_lock);
                if (_disposed)
                    return;
                writers.Clear();
                foreach (var state in _writers)
                    writers[state.Socket] = state;
                listeners.Clear();
                foreach (var state in _listeners)
                    listeners[state.Socket] = state;
                _selecting = true;
            }
            read.Clear();
            read.Add(_wakeReceiver);
            read.AddRange(listeners.Keys);
            write.Clear();
            write.AddRange(writers.Keys);
            error.Clear();
            error.AddRange(writers.Keys);   // Windows reports a failed connect here, not as writable
            try
            {
                Socket.Select(read, write, error, -1);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                read.Clear();   // a socket closed under the wait: rebuild the lists without it
                write.Clear();
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
                    var state = writers[socket];
                    if (_writers.Remove(state))
                    {
                        state.WaitingForWrite = false;
                        _selector.Loop.TryCallSoonThreadSafe(s_writable, state);
                    }
                }
                foreach (var socket in read)
                {
                    if (listeners.TryGetValue(socket, out var state) && _listeners.Remove(state))
                    {
                        state.WaitingForAccept = false;
                        _selector.Loop.TryCallSoonThreadSafe(s_acceptable, state);
                    }
                }
            }
        }
    }

    private void PruneClosed()
    {
        lock (_lock)
        {
            _writers.RemoveWhere(static state => state.Socket.SafeHandle.IsClosed);
            _listeners.RemoveWhere(static state => state.Socket.SafeHandle.IsClosed);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _writers.Clear();
            _listeners.Clear();
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
