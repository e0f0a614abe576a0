using System.Net;
using System.Net.Sockets;

namespace Coroutines.Tests.Io;

/// <summary>asyncio's sock_recv/sock_recv_into/sock_sendall/sock_connect/sock_accept (CPython test_sock_lowlevel), on each backend.</summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public class SocketCoroutineTests(IoBackend backend) : IoTestBase(backend)
{
    [Test]
    public void SockRecv_WaitsForData_AndReturnsWhatArrived()
    {
        using var pair = new LoopbackPair();
        var received = Loop.SockRecv(pair.Left, 100);
        RunIterations(2);
        Assert.That(received.Done, Is.False, "nothing was sent yet");

        pair.Right.Send("hello"u8);

        Assert.That(RunUntilSet(received), Is.EqualTo("hello"u8.ToArray()));
        Assert.That(Loop.RemoveReader(pair.Left), Is.False, "the call removed its reader when it finished");
    }

    [Test]
    public void SockRecvInto_FillsTheBuffer_AndReturnsZeroAtEndOfStream()
    {
        using var pair = new LoopbackPair();
        var buffer = new byte[8];
        pair.Right.Send("abc"u8);

        Assert.That(RunUntilSet(Loop.SockRecvInto(pair.Left, buffer)), Is.EqualTo(3));
        Assert.That(buffer[..3], Is.EqualTo("abc"u8.ToArray()));

        pair.Right.Shutdown(SocketShutdown.Send);
        Assert.That(RunUntilSet(Loop.SockRecvInto(pair.Left, buffer)), Is.EqualTo(0));
    }

    [Test]
    public void SockSendAll_SendsMoreThanTheSocketBufferHolds()
    {
        using var pair = new LoopbackPair();
        pair.Left.SendBufferSize = 8192;
        var data = new byte[4 * 1024 * 1024];
        new Random(42).NextBytes(data);
        var sent = Loop.SockSendAll(pair.Left, data);
        var received = new MemoryStream();
        var buffer = new byte[65536];

        async Coroutine Drain()
        {
            while (received.Length < data.Length)
            {
                int n = await Loop.SockRecvInto(pair.Right, buffer);
                if (n == 0)
                    break;
                received.Write(buffer, 0, n);
            }
        }
        RunUntilSet(Loop.CreateTask(Drain()), limitSeconds: 30);

        Assert.That(sent.Done, Is.True);
        Assert.That(received.ToArray(), Is.EqualTo(data));
    }

    [Test]
    public void SockConnectAndSockAccept_MakeAConnection()
    {
        using var listener = Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        var accepted = Loop.SockAccept(listener);
        var connected = Loop.SockConnect(client, listener.LocalEndPoint!);

        using var server = RunUntilSet(accepted);
        RunUntilSet(connected);

        Assert.That(client.Connected, Is.True);
        Assert.That(server.Blocking, Is.False);
        Assert.That(server.RemoteEndPoint, Is.EqualTo(client.LocalEndPoint));
        RunUntilSet(Loop.SockSendAll(client, "hi"u8.ToArray()));
        Assert.That(RunUntilSet(Loop.SockRecv(server, 10)), Is.EqualTo("hi"u8.ToArray()));
    }

    [Test]
    public void SockConnect_ToAClosedPort_FailsWithConnectionRefused()
    {
        int port;
        using (var probe = Listen())
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;   // closed again: nothing listens there now
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };

        var error = Assert.Throws<SocketException>(() => RunUntilSet(Loop.SockConnect(client, new IPEndPoint(IPAddress.Loopback, port))));

        Assert.That(error!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
    }

    [Test]
    public void ABlockingSocket_IsRefused_AsAsyncioRefusesIt()
    {
        using var blocking = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var error = Assert.Throws<ArgumentException>(() => Loop.SockRecv(blocking, 10));
        Assert.That(error!.ParamName, Is.EqualTo("socket"));
        Assert.That(error.Message, Does.Contain("must be non-blocking"));
        Assert.Throws<ArgumentException>(() => Loop.SockSendAll(blocking, new byte[1]));
        Assert.Throws<ArgumentException>(() => Loop.SockAccept(blocking));
    }

    [Test]
    public void AHostNameEndPoint_IsRefused_BecauseResolvingWouldBlockTheLoop()
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };

        var error = Assert.Throws<ArgumentException>(() => Loop.SockConnect(client, new DnsEndPoint("localhost", 80)));
        Assert.That(error!.ParamName, Is.EqualTo("remoteEndPoint"));
    }

    [Test]
    public void CancellingSockRecv_RemovesItsReader_AndLeavesTheSocketUsable()
    {
        using var pair = new LoopbackPair();
        var first = Loop.SockRecv(pair.Left, 100);
        RunIterations(1);

        Assert.That(first.Cancel(), Is.True);
        Assert.That(Loop.RemoveReader(pair.Left), Is.False, "no reader left behind");

        pair.Right.Send("after"u8);
        Assert.That(RunUntilSet(Loop.SockRecv(pair.Left, 100)), Is.EqualTo("after"u8.ToArray()), "nothing was consumed by the cancelled call");
    }

    [Test]
    public void CancellingATaskInSockRecvInto_CancelsTheCall()
    {
        using var pair = new LoopbackPair();
        var buffer = new byte[10];
        async Coroutine<int> Receive() => await Loop.SockRecvInto(pair.Left, buffer);
        var task = Loop.CreateTask(Receive());
        RunIterations(2);

        task.Cancel();

        Assert.Throws<CancelledError>(() => RunUntilSet(task));
        Assert.That(Loop.RemoveReader(pair.Left), Is.False);
    }

    [Test]
    public void CancellingSockSendAll_RemovesItsWriter_AndTheSocketStillSends()
    {
        using var pair = new LoopbackPair();
        pair.Left.SendBufferSize = 4096;
        pair.Right.ReceiveBufferSize = 4096;
        var sending = Loop.SockSendAll(pair.Left, new byte[8 * 1024 * 1024]);   // more than the buffers hold: it must wait
        RunIterations(2);
        Assert.That(sending.Done, Is.False);

        Assert.That(sending.Cancel(), Is.True);
        Assert.That(Loop.RemoveWriter(pair.Left), Is.False, "no writer left behind");

        // Drain what was sent, then the socket sends again.
        var sink = new byte[1 << 20];
        var marker = "end"u8.ToArray();
        var drained = new Future<bool>(Loop);
        async Coroutine DrainUntilMarker()
        {
            var tail = new List<byte>();
            while (true)
            {
                int n = await Loop.SockRecvInto(pair.Right, sink);
                tail.AddRange(sink.AsSpan(0, n).ToArray());
                if (tail.Count > 3)
                    tail.RemoveRange(0, tail.Count - 3);
                if (tail.SequenceEqual(marker))
                    return;
            }
        }
        var drain = Loop.CreateTask(DrainUntilMarker());
        RunUntilSet(Loop.SockSendAll(pair.Left, marker), limitSeconds: 30);
        RunUntilSet(drain, limitSeconds: 30);
        Assert.That(drain.Done && !drain.Cancelled, Is.True);
    }

    [Test]
    public void CancellingSockAccept_RemovesItsReader_AndALaterAcceptGetsTheConnection()
    {
        using var listener = Listen();
        var first = Loop.SockAccept(listener);
        RunIterations(1);

        Assert.That(first.Cancel(), Is.True);
        Assert.That(Loop.RemoveReader(listener), Is.False);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using var server = RunUntilSet(Loop.SockAccept(listener));
        Assert.That(server.RemoteEndPoint, Is.EqualTo(client.LocalEndPoint));
    }

    [Test]
    public void CancellingSockConnect_RemovesItsWriter()
    {
        using var listener = Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        var connecting = Loop.SockConnect(client, listener.LocalEndPoint!);
        if (connecting.Done)
            Assert.Ignore("The kernel finished the non-blocking connect at once; there was nothing to cancel.");

        Assert.That(connecting.Cancel(), Is.True);

        Assert.That(Loop.RemoveWriter(client), Is.False);
    }

    private static Socket Listen(int backlog = 16)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(backlog);
        listener.Blocking = false;
        return listener;
    }
}
