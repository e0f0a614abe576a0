using System.Net;
using System.Net.Sockets;

namespace Coroutines.Tests.Io.Tcp;

/// <summary>
/// <c>CreateConnection</c>, <c>ConnectAcceptedSocket</c> and the faults of connecting (CPython
/// test_base_events::test_create_connection_* and test_events).
/// </summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public sealed class ConnectionTests(IoBackend backend) : StreamTestBase(backend)
{
    private RecordingProtocol NewProtocol() => new(Loop);

    [Test]
    public void HostPortAndSocketTogether_Throws()
    {
        // CPython test_base_events::test_create_connection_host_port_sock.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = Assert.Throws<ArgumentException>(() => Loop.CreateConnection(NewProtocol, "127.0.0.1", 80, socket: socket));
        Assert.That(error!.Message, Does.StartWith("host/port and socket can not be specified at the same time"));
    }

    [Test]
    public void NoHostPortNorSocket_Throws()
    {
        // CPython test_base_events::test_create_connection_no_host_port_sock.
        var error = Assert.Throws<ArgumentException>(() => Loop.CreateConnection(NewProtocol));
        Assert.That(error!.Message, Does.StartWith("host and port was not specified and no socket specified"));
    }

    [Test]
    public void DatagramSocket_Throws()
    {
        // CPython test_base_events::test_create_connection_wrong_sock.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var error = Assert.Throws<ArgumentException>(() => Loop.CreateConnection(NewProtocol, socket: socket));
        Assert.That(error!.Message, Does.StartWith("A stream socket was expected"));
        Assert.Throws<ArgumentException>(() => Loop.ConnectAcceptedSocket(NewProtocol, socket));
    }

    [Test]
    public void BadPortOrTimeout_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Loop.CreateConnection(NewProtocol, "127.0.0.1", 70000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Loop.CreateConnection(NewProtocol, "127.0.0.1", 80, connectTimeout: 0));
        Assert.Throws<ArgumentNullException>(() => Loop.CreateConnection(NewProtocol, "127.0.0.1"));
        Assert.Throws<ArgumentNullException>(() => Loop.CreateConnection<RecordingProtocol>(null!, "127.0.0.1", 80));
    }

    [Test]
    public void RefusedConnect_ThrowsSocketExceptionNamingTheAddress()
    {
        int port = ClosedPort();
        var error = Assert.Throws<SocketException>(() => Run(Loop.CreateConnection(NewProtocol, "127.0.0.1", port)));
        Assert.That(error!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
        Assert.That(error.Message, Does.Contain($"127.0.0.1:{port}"));
    }

    [Test]
    public void EveryAddressFailing_ReportsAllErrorsInOneException()
    {
        // CPython test_base_events::test_create_connection_multiple_errors: one OSError "Multiple exceptions: err1, err2".
        int port = ClosedPort();
        IPAddress[] addresses = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")];
        var error = Assert.Throws<SocketException>(() => Run(Loop.ConnectToAny(addresses, port, null, allErrors: false)));
        Assert.That(error!.Message, Does.StartWith("Multiple exceptions: "));
        Assert.That(error.Message, Does.Contain($"127.0.0.2:{port}").And.Contain($"127.0.0.3:{port}"));
        Assert.That(error.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
    }

    [Test]
    public void EveryAddressFailing_WithAllErrors_ThrowsThemAll()
    {
        // CPython test_base_events::test_create_connection_connect_err with all_errors=True (an ExceptionGroup).
        int port = ClosedPort();
        IPAddress[] addresses = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")];
        var error = Assert.Throws<AggregateException>(() => Run(Loop.ConnectToAny(addresses, port, null, allErrors: true)));
        Assert.That(error!.InnerExceptions, Has.Count.EqualTo(2));
        Assert.That(error.InnerExceptions, Is.All.InstanceOf<SocketException>());
    }

    [Test]
    public void Addresses_AreTriedInOrder_FirstThatConnectsWins()
    {
        async Coroutine<EndPoint?> Main()
        {
            var server = await Listen(NewProtocol);
            var socket = await Loop.ConnectToAny([IPAddress.Parse("127.0.0.2"), IPAddress.Loopback], PortOf(server), null, allErrors: false);
            var peer = socket.RemoteEndPoint;
            socket.Dispose();
            server.Close();
            return peer;
        }
        Assert.That(((IPEndPoint)Run(Main())!).Address, Is.EqualTo(IPAddress.Loopback));
    }

    [Test]
    public void ConnectTimeout_ThrowsTimeoutException_AndClosesTheSocket()
    {
        // CPython test_base_events::test_create_connection_timeout: a listener whose accept queue is full drops the SYN,
        // so the connect hangs until the timeout (virtual time: it expires once the loopback has gone quiet).
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                fillers.Add(filler);
                try
                {
                    filler.Connect(endPoint);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                }
            }
            double started = Loop.Time();
            var error = Assert.Throws<TimeoutException>(() => Run(Loop.CreateConnection(NewProtocol, "127.0.0.1", endPoint.Port, connectTimeout: 5)));
            Assert.That(Loop.Time() - started, Is.GreaterThanOrEqualTo(5));
            Assert.That(error, Is.Not.Null);
        }
        finally
        {
            foreach (var filler in fillers)
                filler.Dispose();
        }
    }

    [Test]
    public void UnresolvableHost_ThrowsSocketException()
    {
        // CPython test_base_events::test_create_connection_no_getaddrinfo (getaddrinfo failing raises OSError).
        var error = Assert.Throws<SocketException>(() => Run(Loop.CreateConnection(NewProtocol, "no-such-host.invalid", 80)));
        Assert.That(error, Is.Not.Null);
    }

    [Test]
    public void HostNameIsResolvedOffTheLoop()
    {
        async Coroutine<string> Main()
        {
            var server = await Listen(NewProtocol);
            var (transport, _) = await Loop.CreateConnection(NewProtocol, "localhost", PortOf(server));
            var peer = ((IPEndPoint)transport.GetExtraInfo("peername")!).Address.ToString();
            transport.Close();
            server.Close();
            return peer;
        }
        Assert.That(Run(Main()), Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public void LocalAddress_IsBoundBeforeConnecting()
    {
        async Coroutine<int> Main()
        {
            var server = await Listen(NewProtocol);
            var local = new IPEndPoint(IPAddress.Loopback, ClosedPort());
            var (transport, _) = await Loop.CreateConnection(NewProtocol, "127.0.0.1", PortOf(server), localAddress: local);
            int port = ((IPEndPoint)transport.GetExtraInfo("sockname")!).Port;
            Assert.That(port, Is.EqualTo(local.Port));
            transport.Close();
            server.Close();
            return port;
        }
        Run(Main());
    }

    [Test]
    public void ConnectedSocket_IsWrapped()
    {
        // The sock= variant: an already connected socket becomes the transport's.
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = NewProtocol());
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, PortOf(server)));
            var (transport, client) = await Loop.CreateConnection(NewProtocol, socket: socket);
            Assert.That(transport.GetExtraInfo("socket"), Is.SameAs(socket));
            transport.Write([42]);
            transport.Close();
            await Within(client.Lost);
            Assert.That(socket.SafeHandle.IsClosed, Is.True, "the transport owns and closes the socket");
            while (serverSide is null || !serverSide.Lost.Done)
                await Coroutines.Loop.Sleep(0.01);
            server.Close();
        }
        Run(Main());
        Assert.That(serverSide!.Received.ToArray(), Is.EqualTo(new byte[] { 42 }));
    }

    [Test]
    public void ConnectAcceptedSocket_RunsAProtocolOnASocketAcceptedElsewhere()
    {
        async Coroutine Main()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var (clientTransport, client) = await Loop.CreateConnection(NewProtocol, "127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port);
            var accepted = await listener.AcceptAsync();
            var (transport, serverSide) = await Loop.ConnectAcceptedSocket(NewProtocol, accepted);
            Assert.That(serverSide.Events, Is.EqualTo(new[] { "cm" }));
            transport.Write([1, 2]);
            await Within(client.WhenReceived(2));
            clientTransport.Close();
            await Within(serverSide.Lost);
        }
        Run(Main());
    }

    [Test]
    public void ProtocolFactoryThrowing_ClosesTheSocketAndPropagates()
    {
        var failure = new InvalidOperationException("factory");
        async Coroutine Main()
        {
            var server = await Listen(NewProtocol);
            try
            {
                var error = await Catch(Loop.CreateConnection<RecordingProtocol>(() => throw failure, "127.0.0.1", PortOf(server)));
                Assert.That(error, Is.SameAs(failure));
            }
            finally
            {
                server.Close();
            }
        }
        Run(Main());
    }

    [Test]
    public void ClosingTheLoopWithOpenTransports_ClosesAndReportsThem()
    {
        Socket? clientSocket = null;
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = NewProtocol());
            var (transport, _) = await Loop.CreateConnection(NewProtocol, "127.0.0.1", PortOf(server));
            clientSocket = (Socket)transport.GetExtraInfo("socket")!;
            while (serverSide is null || !serverSide.Made.Done)
                await Coroutines.Loop.Sleep(0.01);
        }
        Run(Main());
        Loop.Close();
        Assert.That(clientSocket!.SafeHandle.IsClosed, Is.True);
        Assert.That(ReportsAbout("open transport").Count(), Is.EqualTo(2), "the client's and the server's transport");
    }
}
