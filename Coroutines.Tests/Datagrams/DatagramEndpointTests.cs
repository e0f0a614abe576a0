using System.Net;
using System.Net.Sockets;
using Coroutines.Tests.Io;

namespace Coroutines.Tests.Datagrams;

/// <summary>
/// Datagram endpoints on real loopback sockets (asyncio semantics 5.2-5.4: CPython test_events::test_create_datagram_endpoint*,
/// test_selector_events::SelectorDatagramTransportTests, test_base_events::test_create_datagram_endpoint_*), on both backends.
/// </summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public partial class DatagramEndpointTests(IoBackend backend) : IoTestBase(backend)
{
    private static readonly IPEndPoint AnyLoopbackV4 = new(IPAddress.Loopback, 0);

    private T Run<T>(Coroutine<T> coroutine) => Loop.RunUntilComplete(Coroutines.Loop.WaitFor(coroutine, 10));

    private T Await<T>(Future<T> future) => RunUntilSet(future);

    private (IDatagramTransport Transport, DatagramRecorder Protocol) Open(EndPoint? local = null, EndPoint? remote = null, bool echo = false,
        AddressFamily family = AddressFamily.Unspecified, bool allowBroadcast = false) =>
        Run(Loop.CreateDatagramEndpoint(() => new DatagramRecorder(Loop, echo), local, remote, family, allowBroadcast: allowBroadcast));

    private static IPEndPoint LocalOf(IDatagramTransport transport) => (IPEndPoint)transport.GetExtraInfo("sockname")!;

    private void CloseAndWait(params (IDatagramTransport Transport, DatagramRecorder Protocol)[] endpoints)
    {
        foreach (var (transport, _) in endpoints)
            transport.Close();
        foreach (var (_, protocol) in endpoints)
            Await(protocol.Lost);
    }

    [Test]
    public void QueuedDatagrams_ArriveOnOneReadinessReport_InOrder()
    {
        // Many flows in flight: what is already queued is delivered on one readiness report, not one per iteration.
        var server = Open(AnyLoopbackV4);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            var first = server.Protocol.NextDatagram();
            for (int i = 0; i < 10; i++)
                sender.SendTo(new[] { (byte)i }, LocalOf(server.Transport));   // all queued before the loop polls
            Await(first);   // the loop stops one iteration after the first datagram: one report per iteration would leave most queued
            Assert.That(server.Protocol.Received, Has.Count.EqualTo(10), "all ten came with the first report");
            Assert.That(server.Protocol.Received.Select(r => r.Data[0]), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (byte)i)));
        }
        finally
        {
            CloseAndWait(server);
        }
    }

    [Test]
    public void UdpEcho_DeliversEmptySmallAndMaximumDatagramsByteExact_ToAConnectedClient()
    {
        var server = Open(AnyLoopbackV4, echo: true);
        var client = Open(remote: LocalOf(server.Transport));
        try
        {
            Assert.That(client.Protocol.Events, Is.EqualTo(new[] { "made" }), "ConnectionMade has run when the endpoint is returned");
            var big = new byte[65507];   // the largest IPv4 UDP payload
            new Random(7).NextBytes(big);
            foreach (var payload in new[] { Array.Empty<byte>(), "ping"u8.ToArray(), big })
            {
                var reply = client.Protocol.NextDatagram();
                client.Transport.SendTo(payload);
                var (data, from) = Await(reply);
                Assert.That(data, Is.EqualTo(payload));
                Assert.That(from, Is.EqualTo(LocalOf(server.Transport)));
            }
            Assert.That(server.Protocol.Received.Select(r => r.Data.Length), Is.EqualTo(new[] { 0, 4, 65507 }));
            Assert.That(server.Protocol.Received[0].From, Is.EqualTo(LocalOf(client.Transport)));
        }
        finally
        {
            CloseAndWait(client, server);
        }
        Assert.That(client.Protocol.Events[^1], Is.EqualTo("lost"));
        Assert.That(client.Protocol.LostWith, Is.Null);
    }

    [Test]
    public void UdpEcho_OverIPv6()
    {
        if (!Socket.OSSupportsIPv6)
            Assert.Ignore("IPv6 is not available on this machine.");
        var server = Open(new IPEndPoint(IPAddress.IPv6Loopback, 0), echo: true);
        var client = Open(remote: LocalOf(server.Transport));
        try
        {
            var big = new byte[65527];   // the largest IPv6 UDP payload without jumbograms
            big.AsSpan().Fill(0x5A);
            var reply = client.Protocol.NextDatagram();
            client.Transport.SendTo(big);
            Assert.That(Await(reply).Data, Is.EqualTo(big));
            Assert.That(server.Protocol.Received[0].From.AddressFamily, Is.EqualTo(AddressFamily.InterNetworkV6));
        }
        finally
        {
            CloseAndWait(client, server);
        }
    }

    [Test]
    public void UnixDatagramSockets_EchoBetweenTwoBoundPaths_AndAStaleServerFileIsReplaced()
    {
        var directory = Directory.CreateTempSubdirectory("coro-dgram-");
        try
        {
            var serverPath = new UnixDomainSocketEndPoint(Path.Combine(directory.FullName, "server.sock"));
            // A stale socket file, as a crashed server leaves it: bound, renamed into place, and the socket gone.
            var elsewhere = Path.Combine(directory.FullName, "elsewhere.sock");
            using (var previous = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
            {
                previous.Bind(new UnixDomainSocketEndPoint(elsewhere));
                File.Move(elsewhere, serverPath.ToString());
            }
            Assert.That(File.Exists(serverPath.ToString()), Is.True);

            var server = Open(serverPath, echo: true);
            var client = Open(new UnixDomainSocketEndPoint(Path.Combine(directory.FullName, "client.sock")), serverPath);
            try
            {
                var reply = client.Protocol.NextDatagram();
                client.Transport.SendTo("over unix"u8);
                Assert.That(Await(reply).Data, Is.EqualTo("over unix"u8.ToArray()));
                Assert.That(server.Protocol.Received[0].From.ToString(), Does.EndWith("client.sock"));
            }
            finally
            {
                CloseAndWait(client, server);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void ConnectedEndpoint_ToARefusedPort_GetsErrorReceived_AndStaysOpenForLaterDatagrams()
    {
        // CPython test_events::test_datagram_send_to_non_listening_address: the ICMP error is reported, nothing breaks.
        var closedPort = Open(AnyLoopbackV4);
        var refusedAddress = LocalOf(closedPort.Transport);
        CloseAndWait(closedPort);

        var client = Open(AnyLoopbackV4, refusedAddress);
        try
        {
            var error = client.Protocol.NextError();
            client.Transport.SendTo("anyone?"u8);
            var exception = Await(error);
            Assert.That(exception, Is.InstanceOf<SocketException>());
            Assert.That(((SocketException)exception).SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
            Assert.That(client.Transport.IsClosing, Is.False);
            Assert.That(client.Protocol.State, Is.EqualTo("INITIALIZED"));

            // Still working: the next send reaches the socket (and fails the same way) instead of a closed transport.
            var again = client.Protocol.NextError();
            client.Transport.SendTo("anyone?"u8);
            Assert.That(Await(again), Is.InstanceOf<SocketException>());
            Assert.That(client.Protocol.Errors, Has.Count.EqualTo(2));
        }
        finally
        {
            CloseAndWait(client);
        }
    }

    [Test]
    public void AllowBroadcast_SetsSoBroadcast_AndLeavesTheSocketUnconnected_WithTheRemoteAsDefaultDestination()
    {
        // CPython test_base_events::test_create_datagram_endpoint_allow_broadcast: with allow_broadcast the socket is not connected.
        var server = Open(AnyLoopbackV4);
        var client = Open(AnyLoopbackV4, LocalOf(server.Transport), allowBroadcast: true);
        try
        {
            var socket = (Socket)client.Transport.GetExtraInfo("socket")!;
            Assert.That(socket.EnableBroadcast, Is.True);
            Assert.That(socket.Connected, Is.False);
            Assert.That(client.Transport.GetExtraInfo("peername"), Is.Null);

            var arrived = server.Protocol.NextDatagram();
            client.Transport.SendTo("to the default"u8);
            Assert.That(Await(arrived).Data, Is.EqualTo("to the default"u8.ToArray()));
            var other = Open(AnyLoopbackV4);
            try
            {
                var elsewhere = other.Protocol.NextDatagram();
                client.Transport.SendTo("elsewhere"u8, LocalOf(other.Transport));   // not connected: any address is fine
                Assert.That(Await(elsewhere).Data, Is.EqualTo("elsewhere"u8.ToArray()));
            }
            finally
            {
                CloseAndWait(other);
            }
        }
        finally
        {
            CloseAndWait(client, server);
        }
    }

    [Test]
    public void WithoutBroadcast_SoBroadcastIsOff()
    {
        var endpoint = Open(AnyLoopbackV4);
        try
        {
            Assert.That(((Socket)endpoint.Transport.GetExtraInfo("socket")!).EnableBroadcast, Is.False);
        }
        finally
        {
            CloseAndWait(endpoint);
        }
    }

    [Test]
    public void SendTo_AnotherAddressOnAConnectedEndpoint_Throws_AndTheSameAddressIsAccepted()
    {
        // CPython test_selector_events::test_sendto_connected_addr.
        var server = Open(AnyLoopbackV4);
        var client = Open(remote: LocalOf(server.Transport));
        try
        {
            var other = new IPEndPoint(IPAddress.Loopback, LocalOf(server.Transport).Port == 9 ? 10 : 9);
            var e = Assert.Throws<ArgumentException>(() => client.Transport.SendTo("x"u8, other));
            Assert.That(e!.ParamName, Is.EqualTo("address"));
            Assert.That(e.Message, Does.Contain("Invalid address"));

            var arrived = server.Protocol.NextDatagram();
            client.Transport.SendTo("same"u8, LocalOf(server.Transport));
            Assert.That(Await(arrived).Data, Is.EqualTo("same"u8.ToArray()));
        }
        finally
        {
            CloseAndWait(client, server);
        }
    }

    [Test]
    public void SendTo_WithoutAddress_OnAnUnconnectedEndpoint_Throws()
    {
        var endpoint = Open(AnyLoopbackV4);
        try
        {
            Assert.Throws<ArgumentNullException>(() => endpoint.Transport.SendTo("x"u8));
        }
        finally
        {
            CloseAndWait(endpoint);
        }
    }

    [Test]
    public void NoAddressAndNoFamily_IsRejected()
    {
        // CPython test_base_events::test_create_datagram_endpoint_noaddr_nofamily.
        var e = Assert.Throws<ArgumentException>(() => Run(Loop.CreateDatagramEndpoint(() => new DatagramRecorder(Loop))));
        Assert.That(e!.Message, Does.Contain("address family"));
    }

    [Test]
    public void NoAddressButAFamily_OpensAnUnboundSocketThatCanSend()
    {
        var server = Open(AnyLoopbackV4);
        var client = Open(family: AddressFamily.InterNetwork);
        try
        {
            var arrived = server.Protocol.NextDatagram();
            client.Transport.SendTo("autobound"u8, LocalOf(server.Transport));
            Assert.That(Await(arrived).Data, Is.EqualTo("autobound"u8.ToArray()));
        }
        finally
        {
            CloseAndWait(client, server);
        }
    }

    [Test]
    public void MismatchedFamilies_AreRejected()
    {
        // CPython test_base_events::test_create_datagram_endpoint_wrong_family (local and remote of different families).
        Assert.Throws<ArgumentException>(() => Open(AnyLoopbackV4, new IPEndPoint(IPAddress.IPv6Loopback, 9)));
        Assert.Throws<ArgumentException>(() => Open(AnyLoopbackV4, family: AddressFamily.InterNetworkV6));
    }

    [Test]
    public void AStreamSocket_IsRejected()
    {
        // CPython test_base_events::test_create_datagram_endpoint_wrong_sock.
        using var stream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var e = Assert.Throws<ArgumentException>(() => Run(Loop.CreateDatagramEndpoint(() => new DatagramRecorder(Loop), stream)));
        Assert.That(e!.Message, Does.Contain("datagram socket was expected"));
    }

    [Test]
    public void AConnectError_Propagates()
    {
        // CPython test_base_events::test_create_datagram_endpoint_connect_err: a Unix peer path that does not exist.
        var missing = new UnixDomainSocketEndPoint(Path.Combine(Path.GetTempPath(), $"coro-missing-{Guid.NewGuid():N}.sock"));
        Assert.Throws<SocketException>(() => Open(remote: missing));
    }

    [Test]
    public void ABindError_Propagates()
    {
        var first = Open(AnyLoopbackV4);
        try
        {
            Assert.Throws<SocketException>(() => Open(LocalOf(first.Transport)));
        }
        finally
        {
            CloseAndWait(first);
        }
    }

    [Test]
    public void AnExistingSocket_IsWrapped_AndItsConnectionIsKept()
    {
        var server = Open(AnyLoopbackV4);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(LocalOf(server.Transport));
        var client = Run(Loop.CreateDatagramEndpoint(() => new DatagramRecorder(Loop), socket));
        try
        {
            Assert.That(client.Transport.GetExtraInfo("peername"), Is.EqualTo(LocalOf(server.Transport)));
            var arrived = server.Protocol.NextDatagram();
            client.Transport.SendTo("wrapped"u8);
            Assert.That(Await(arrived).Data, Is.EqualTo("wrapped"u8.ToArray()));
        }
        finally
        {
            CloseAndWait(client, server);
        }
    }

    [Test]
    public void DatagramsFromOnePeer_ShareOneCachedEndPoint()
    {
        var server = Open(AnyLoopbackV4);
        var client = Open(remote: LocalOf(server.Transport));
        try
        {
            var first = server.Protocol.NextDatagram();
            client.Transport.SendTo("1"u8);
            var a = Await(first).From;
            var second = server.Protocol.NextDatagram();
            client.Transport.SendTo("2"u8);
            var b = Await(second).From;
            Assert.That(b, Is.SameAs(a));
        }
        finally
        {
            CloseAndWait(client, server);
        }
    }

    [Test]
    public void ExtraInfo_NamesTheSocketAndBothEnds_AndUnknownKeysGiveTheDefault()
    {
        var server = Open(AnyLoopbackV4);
        var client = Open(remote: LocalOf(server.Transport));
        try
        {
            Assert.That(client.Transport.GetExtraInfo("socket"), Is.InstanceOf<Socket>());
            Assert.That(client.Transport.GetExtraInfo("peername"), Is.EqualTo(LocalOf(server.Transport)));
            Assert.That(((IPEndPoint)client.Transport.GetExtraInfo("sockname")!).Address, Is.EqualTo(IPAddress.Loopback));
            Assert.That(server.Transport.GetExtraInfo("peername"), Is.Null);
            Assert.That(client.Transport.GetExtraInfo("no such key", "fallback"), Is.EqualTo("fallback"));
        }
        finally
        {
            CloseAndWait(client, server);
        }
    }

    [Test]
    public void Close_IsIdempotent_ConnectionLostComesOnceThroughTheLoop_AndLaterSendsAreDropped()
    {
        var server = Open(AnyLoopbackV4);
        var client = Open(remote: LocalOf(server.Transport));
        client.Transport.Close();
        client.Transport.Close();
        Assert.That(client.Transport.IsClosing, Is.True);
        Assert.That(client.Protocol.Events, Does.Not.Contain("lost"), "ConnectionLost is never called inside Close()");
        Await(client.Protocol.Lost);
        for (int i = 0; i < 6; i++)
            client.Transport.SendTo("dropped"u8);   // CPython test_selector_events::test_sendto_closing: no exception
        RunIterations(3);
        Assert.That(client.Protocol.Events.Count(e => e == "lost"), Is.EqualTo(1));
        Assert.That(server.Protocol.Received, Is.Empty);
        CloseAndWait(server);
    }

    /// <summary>
    /// A connected Unix datagram pair whose receiver does not read yet: unlike UDP on loopback (whose sends never wait),
    /// a Unix datagram sender waits while its peer's queue is full, so the transport has to buffer.
    /// </summary>
    private ((IDatagramTransport Transport, DatagramRecorder Protocol) Sender, Socket Receiver, DirectoryInfo Directory) UnreadUnixPair()
    {
        var directory = Directory.CreateTempSubdirectory("coro-dgram-");
        var receiver = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        var receiverPath = new UnixDomainSocketEndPoint(Path.Combine(directory.FullName, "receiver.sock"));
        receiver.Bind(receiverPath);
        var sender = Open(new UnixDomainSocketEndPoint(Path.Combine(directory.FullName, "sender.sock")), receiverPath);
        return (sender, receiver, directory);
    }

    [Test]
    public void AFullSendBuffer_BuffersDatagrams_PausesTheProtocol_AndFlushesThemAllBeforeClose()
    {
        var ((transport, protocol), receiverSocket, directory) = UnreadUnixPair();
        try
        {
            transport.SetWriteBufferLimits(high: 8 * 1024);
            const int count = 200;
            var payload = new byte[1000];
            for (int i = 0; i < count; i++)
            {
                payload[0] = (byte)i;
                transport.SendTo(payload);
            }
            // The peer's queue took a few; the rest waits in the transport, counted with asyncio's 8-byte overhead.
            int buffered = transport.GetWriteBufferSize();
            Assert.That(buffered, Is.GreaterThan(8 * 1024));
            Assert.That(buffered % (1000 + 8), Is.Zero);
            Assert.That(protocol.Events, Is.EqualTo(new[] { "made", "pause" }), "paused once, from inside SendTo");

            var receiver = Run(Loop.CreateDatagramEndpoint(() => new DatagramRecorder(Loop), receiverSocket));
            transport.Close();   // flushes first
            Assert.That(protocol.Events, Does.Not.Contain("lost"));
            Await(protocol.Lost);
            Assert.That(transport.GetWriteBufferSize(), Is.Zero);
            Assert.That(Reports, Is.Empty, () => string.Join("\n", Reports.Select(r => r.Format())));
            Assert.That(receiver.Protocol.Events, Does.Not.Contain("lost"), () => receiver.Protocol.LostWith?.ToString() ?? "");
            Assert.That(protocol.Errors, Is.Empty);
            Assert.That(protocol.Events, Is.EqualTo(new[] { "made", "pause", "resume", "lost" }));
            while (receiver.Protocol.Received.Count < count)
                Await(receiver.Protocol.NextDatagram());
            Assert.That(receiver.Protocol.Received.Select(r => r.Data[0]), Is.EqualTo(Enumerable.Range(0, count).Select(i => (byte)i)));
            CloseAndWait(receiver);
        }
        finally
        {
            receiverSocket.Dispose();
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void Abort_DropsBufferedDatagrams()
    {
        var ((transport, protocol), receiverSocket, directory) = UnreadUnixPair();
        try
        {
            for (int i = 0; i < 100; i++)
                transport.SendTo(new byte[1000]);
            Assert.That(transport.GetWriteBufferSize(), Is.GreaterThan(0));
            transport.Abort();
            Assert.That(transport.GetWriteBufferSize(), Is.Zero);
            Await(protocol.Lost);
            Assert.That(protocol.LostWith, Is.Null);
            Assert.That(receiverSocket.Available, Is.GreaterThan(0));
            int delivered = 0;
            var buffer = new byte[2000];
            receiverSocket.Blocking = false;
            while (receiverSocket.Available > 0 && receiverSocket.Receive(buffer) > 0)
                delivered++;
            Assert.That(delivered, Is.LessThan(100), "only what the peer's queue had taken arrives");
        }
        finally
        {
            receiverSocket.Dispose();
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void AThrowingDatagramReceived_IsReported_AndClosesTheTransportWithTheError()
    {
        var server = Open(AnyLoopbackV4);
        var thrower = Run(Loop.CreateDatagramEndpoint(() => new ThrowingProtocol(Loop), AnyLoopbackV4));
        server.Transport.SendTo("boom"u8, LocalOf(thrower.Transport));
        Await(thrower.Protocol.Lost);
        Assert.That(thrower.Protocol.LostWith, Is.InstanceOf<InvalidOperationException>());
        Assert.That(Reports.Single().Exception, Is.SameAs(thrower.Protocol.LostWith));
        CloseAndWait(server);
    }

    [Test]
    public void ClosingTheLoop_ClosesAnOpenEndpointsSocket()
    {
        var endpoint = Open(AnyLoopbackV4);
        var socket = (Socket)endpoint.Transport.GetExtraInfo("socket")!;
        Loop.Close();
        Assert.That(socket.SafeHandle.IsClosed, Is.True);
    }

    private sealed class ThrowingProtocol(EventLoop loop) : DatagramProtocol
    {
        public Future<bool> Lost { get; } = new(loop);

        public Exception? LostWith { get; private set; }

        public override void DatagramReceived(ReadOnlySpan<byte> data, EndPoint address) => throw new InvalidOperationException("protocol bug");

        public override void ConnectionLost(Exception? exception)
        {
            LostWith = exception;
            Lost.SetResult(true);
        }
    }
}
