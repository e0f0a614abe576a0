// Benchmark B6: a TCP echo server on the loop's readiness callbacks alone (asyncio's add_reader/add_writer with
// non-blocking sockets), with no transport and no protocol. It is the floor of this repository's servers: the cost
// of the selector and the loop turn, so the difference to samples/EchoServer is what the transport layer adds.
// Like every B6 server it binds 127.0.0.1, sets TCP_NODELAY, prints "listening on 127.0.0.1:PORT", echoes with a
// 256 KiB receive buffer and ends on SIGTERM or Ctrl+C.
//
// Usage: ReadinessEchoServer PORT [--backend auto|epoll|portable] [--stats]
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Coroutines;
using EchoServer;

int port = args.Length > 0 ? int.Parse(args[0]) : 8888;
int backendIndex = Array.IndexOf(args, "--backend");
var backend = backendIndex >= 0 ? Enum.Parse<IoBackend>(args[backendIndex + 1], ignoreCase: true) : IoBackend.Auto;

using var loop = EventLoop.New(new EventLoopOptions { IoBackend = backend });
using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
listener.Listen(1024);
listener.Blocking = false;
var counter = new EchoCounter();
var buffer = GC.AllocateUninitializedArray<byte>(256 * 1024);
var accepting = loop.CreateTask(AcceptAll(loop, listener, buffer, counter));

using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onUsr1 = args.Contains("--stats") ? AllocationReport.Register(() => Volatile.Read(ref counter.Bytes)) : null;

Console.WriteLine($"listening on 127.0.0.1:{port}");
try
{
    loop.RunUntilComplete(accepting);
}
catch (CancelledError)
{
    // SIGTERM or Ctrl+C
}
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    loop.CallSoonThreadSafe(() => accepting.Cancel());
}

// Accepts through loop.SockAccept (asyncio's sock_accept), which works on both backends: the portable backend accepts
// ahead inside its readiness operation, so a plain Accept() after AddReader(listener) would find nothing there.
static async Coroutine AcceptAll(EventLoop loop, Socket listener, byte[] buffer, EchoCounter counter)
{
    while (true)
    {
        Socket socket = await loop.SockAccept(listener);
        socket.Blocking = false;
        socket.NoDelay = true;
        new ReadinessConnection(loop, socket, buffer, counter).Start();
    }
}

/// <summary>One connection: on readable, one receive into the loop's buffer and a send of what came; a send the kernel
/// takes only in part parks the rest and waits for writable, with reading off meanwhile.</summary>
sealed class ReadinessConnection
{
    private readonly EventLoop _loop;
    private readonly Socket _socket;
    private readonly byte[] _buffer;
    private readonly EchoCounter _counter;
    private readonly Action _onReadable;   // made once: registering a callback allocates nothing per event
    private readonly Action _onWritable;
    private byte[] _pending = [];
    private int _pendingOffset, _pendingCount;

    public ReadinessConnection(EventLoop loop, Socket socket, byte[] buffer, EchoCounter counter)
    {
        _loop = loop;
        _socket = socket;
        _buffer = buffer;
        _counter = counter;
        _onReadable = OnReadable;
        _onWritable = OnWritable;
    }

    public void Start() => _loop.AddReader(_socket, _onReadable);

    private void OnReadable()
    {
        int received = _socket.Receive(_buffer, 0, _buffer.Length, SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock)
            return;
        if (error != SocketError.Success || received == 0)
        {
            Close();
            return;
        }
        _counter.Bytes += received;
        int sent = _socket.Send(_buffer, 0, received, SocketFlags.None, out error);
        if (error == SocketError.WouldBlock)
            sent = 0;
        else if (error != SocketError.Success)
        {
            Close();
            return;
        }
        if (sent < received)
            Park(received - sent, sent);
    }

    private void Park(int count, int offset)
    {
        if (_pending.Length < count)
            _pending = new byte[count];
        Buffer.BlockCopy(_buffer, offset, _pending, 0, count);
        _pendingOffset = 0;
        _pendingCount = count;
        _loop.RemoveReader(_socket);
        _loop.AddWriter(_socket, _onWritable);
    }

    private void OnWritable()
    {
        int sent = _socket.Send(_pending, _pendingOffset, _pendingCount, SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock)
            return;
        if (error != SocketError.Success)
        {
            Close();
            return;
        }
        _pendingOffset += sent;
        _pendingCount -= sent;
        if (_pendingCount > 0)
            return;
        _loop.RemoveWriter(_socket);
        _loop.AddReader(_socket, _onReadable);
    }

    private void Close()
    {
        _loop.RemoveReader(_socket);
        _loop.RemoveWriter(_socket);
        _socket.Dispose();
    }
}
