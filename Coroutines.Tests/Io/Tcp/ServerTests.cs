using System.Net;
using System.Net.Sockets;

namespace Coroutines.Tests.Io.Tcp;

/// <summary><c>CreateServer</c> and <see cref="Server"/> (CPython test_server.py, test_events::test_create_server*, test_base_events).</summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public sealed class ServerTests(IoBackend backend) : StreamTestBase(backend)
{
    private RecordingProtocol NewProtocol() => new(Loop);

    private Coroutine<(ITransport Transport, RecordingProtocol Protocol)> Connect(Server server) =>
        Loop.CreateConnection(NewProtocol, "127.0.0.1", PortOf(server));

    [Test]
    public void CreateServer_ArgumentValidation()
    {
        // CPython test_base_events::test_create_server_wrong_sock / _host_port_sock / _no_host_port_sock.
        using var datagram = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var stream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.That(Assert.Throws<ArgumentException>(() => Loop.CreateServer(NewProtocol, socket: datagram))!.Message,
            Does.StartWith("A stream socket was expected"));
        Assert.That(Assert.Throws<ArgumentException>(() => Loop.CreateServer(NewProtocol, "127.0.0.1", 0, socket: stream))!.Message,
            Does.StartWith("host/port and socket can not be specified at the same time"));
        Assert.That(Assert.Throws<ArgumentException>(() => Loop.CreateServer(NewProtocol))!.Message,
            Does.StartWith("Neither host/port nor socket were specified"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Loop.CreateServer(NewProtocol, "127.0.0.1", 0, backlog: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Loop.CreateServer(NewProtocol, "127.0.0.1", -1));
    }

    [Test]
    public void PortInUse_ThrowsSocketExceptionNamingTheAddress_AndLeavesNoSocket()
    {
        // CPython test_base_events::test_create_server_cant_bind. SO_REUSEADDR alone (the default) does not let a second
        // server take a port a listening server holds.
        async Coroutine<SocketException?> Main()
        {
            var first = await Listen(NewProtocol);
            try
            {
                await Loop.CreateServer(NewProtocol, "127.0.0.1", PortOf(first));
                return null;
            }
            catch (SocketException e)
            {
                return e;
            }
            finally
            {
                first.Close();
            }
        }
        var error = Run(Main());
        Assert.That(error, Is.Not.Null);
        Assert.That(error!.SocketErrorCode, Is.EqualTo(SocketError.AddressAlreadyInUse));
        Assert.That(error.Message, Does.StartWith("error while attempting to bind on address 127.0.0.1:"));
    }

    [Test]
    public void ReusePort_LetsTwoServersShareAPort()
    {
        async Coroutine Main()
        {
            var first = await Loop.CreateServer(NewProtocol, "127.0.0.1", 0, reusePort: true);
            var second = await Loop.CreateServer(NewProtocol, "127.0.0.1", PortOf(first), reusePort: true);
            Assert.That(PortOf(second), Is.EqualTo(PortOf(first)));
            first.Close();
            second.Close();
        }
        Run(Main());
    }

    [Test]
    public void EmptyHost_BindsAllInterfaces()
    {
        // CPython test_base_events::test_create_server_empty_host.
        async Coroutine Main()
        {
            var server = await Loop.CreateServer(NewProtocol, "", 0);
            Assert.That(server.Sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Address),
                Does.Contain(IPAddress.Any));
            var (transport, client) = await Loop.CreateConnection(NewProtocol, "127.0.0.1", ((IPEndPoint)server.Sockets[0].LocalEndPoint!).Port);
            transport.Close();
            await Within(client.Lost);
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void StartServingFalse_RefusesUntilStartServing()
    {
        // CPython test_server: is_serving() False with start_serving=False, True after start_serving(), which is idempotent.
        async Coroutine Main()
        {
            var server = await Listen(NewProtocol, startServing: false);
            Assert.That(server.IsServing, Is.False);
            var refused = await Catch(Connect(server));
            Assert.That(refused, Is.InstanceOf<SocketException>());
            await server.StartServing();
            await server.StartServing();
            Assert.That(server.IsServing, Is.True);
            var (transport, client) = await Connect(server);
            transport.Close();
            await Within(client.Lost);
            server.Close();
            Assert.That(server.IsServing, Is.False);
        }
        Run(Main());
    }

    [Test]
    public void Close_StopsListening_ButLeavesConnectionsOpen()
    {
        // CPython test_events::test_server_close: new connects are refused; existing connections stay open.
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop) { Echo = true });
            var (transport, client) = await Connect(server);
            // A connection still in the backlog when the listener closes is reset: close once the server accepted.
            await Accepted(() => serverSide);
            int port = PortOf(server);
            server.Close();
            server.Close();
            Assert.That(server.Sockets, Is.Empty);
            Assert.That(await Catch(Loop.CreateConnection(NewProtocol, "127.0.0.1", port)), Is.InstanceOf<SocketException>());
            transport.Write([1, 2, 3]);
            await Within(client.WhenReceived(3));
            Assert.That(client.Received.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
            transport.Close();
            serverSide = await Accepted(() => serverSide);
            await Within(serverSide.Lost);
        }
        Run(Main());
    }

    [Test]
    public void ClosedServer_RefusesNewConnects()
    {
        async Coroutine Main()
        {
            var server = await Listen(NewProtocol);
            int port = PortOf(server);
            server.Close();
            var error = await Catch(Loop.CreateConnection(NewProtocol, "127.0.0.1", port));
            Assert.That(error, Is.InstanceOf<SocketException>());
            Assert.That(((SocketException)error!).SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
        }
        Run(Main());
    }

    [Test]
    public void WaitClosed_WaitsForCloseEvenWithoutConnections_ThenReturnsAtOnce()
    {
        // CPython test_server::TestServer2::test_wait_closed_basic.
        async Coroutine Main()
        {
            var server = await Listen(NewProtocol);
            var waiting = Loop.CreateTask(server.WaitClosed());
            await Coroutines.Loop.Sleep(0.1);
            Assert.That(waiting.Done, Is.False, "blocks before Close even with zero connections");
            server.Close();
            await Coroutines.Loop.Yield();
            await Coroutines.Loop.Yield();
            Assert.That(waiting.Done, Is.True);
            var again = Loop.CreateTask(server.WaitClosed());
            await Coroutines.Loop.Yield();
            Assert.That(again.Done, Is.True, "returns at once once closed and empty");
        }
        Run(Main());
    }

    [Test]
    public void WaitClosed_WaitsForTheLastConnection()
    {
        // CPython test_server::TestServer2::test_wait_closed_race: closed and all connections gone, whichever is last.
        async Coroutine Main()
        {
            var server = await Listen(NewProtocol);
            var (transport, client) = await Connect(server);
            while (server.ConnectionCount == 0)
                await Coroutines.Loop.Sleep(0.01);
            server.Close();
            var waiting = Loop.CreateTask(server.WaitClosed());
            await Coroutines.Loop.Sleep(0.1);
            Assert.That(waiting.Done, Is.False, "a connection is still open");
            transport.Close();
            await Within(waiting);
            Assert.That(server.ConnectionCount, Is.Zero);
        }
        Run(Main());
    }

    [Test]
    public void CloseClients_ClosesAcceptedConnections_AndUnblocksWaitClosed()
    {
        // CPython test_server::TestServer2::test_close_clients.
        async Coroutine Main()
        {
            var server = await Listen(() => new RecordingProtocol(Loop) { KeepOpenOnEof = true });
            var (_, first) = await Connect(server);
            var (_, second) = await Connect(server);
            while (server.ConnectionCount < 2)
                await Coroutines.Loop.Sleep(0.01);
            server.Close();
            var waiting = Loop.CreateTask(server.WaitClosed());
            await Coroutines.Loop.Yield();
            Assert.That(waiting.Done, Is.False);
            server.CloseClients();
            await Within(waiting);
            await Within(first.Lost);
            await Within(second.Lost);
        }
        Run(Main());
    }

    [Test]
    public void AbortClients_AbortsAcceptedConnections()
    {
        // CPython test_server::TestServer2::test_abort_clients: buffered data is dropped.
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop));
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop)
            {
                KeepData = false,
                OnConnectionMade = p => p.Transport.PauseReading(),
            }, "127.0.0.1", PortOf(server));
            serverSide = await Accepted(() => serverSide);
            serverSide.Transport.Write(Payload(8 * 1024 * 1024));
            Assert.That(serverSide.Transport.GetWriteBufferSize(), Is.GreaterThan(0));
            server.Close();
            server.AbortClients();
            await Within(serverSide.Lost);
            await server.WaitClosed();
            transport.ResumeReading();
            await Within(client.Lost);
            Assert.That(client.ReceivedCount, Is.LessThan(8 * 1024 * 1024));
        }
        Run(Main());
    }

    [Test]
    public void ServeForever_Errors_AndCancellationClosesTheServer()
    {
        // CPython test_server::test_start_server_1 and serve_forever's rules: a second call raises "already being awaited",
        // cancelling it closes the server and re-raises the cancellation; on a closed server it raises "is closed".
        async Coroutine Main()
        {
            var server = await Listen(NewProtocol, startServing: false);
            var serving = Loop.CreateTask(server.ServeForever());
            await Coroutines.Loop.Yield();
            Assert.That(server.IsServing, Is.True);
            var second = await Catch(server.ServeForever());
            Assert.That(second, Is.InstanceOf<InvalidOperationException>());
            Assert.That(second!.Message, Does.Contain("already being awaited on ServeForever()"));
            serving.Cancel();
            var cancelled = await Catch(Completion(serving));
            Assert.That(cancelled, Is.InstanceOf<CancelledError>());
            Assert.That(server.IsServing, Is.False);
            Assert.That(server.Sockets, Is.Empty);
            var closed = await Catch(server.ServeForever());
            Assert.That(closed!.Message, Does.EndWith("is closed."));
        }
        Run(Main());
    }

    [Test]
    public void AwaitUsing_ClosesAndWaitsForConnections()
    {
        async Coroutine Main()
        {
            Server? kept;
            RecordingProtocol client;
            RecordingProtocol? serverSide = null;
            await using (var server = await Listen(() => serverSide = new RecordingProtocol(Loop)))
            {
                kept = server;
                ITransport transport;
                (transport, client) = await Connect(server);
                // The connection must be the server's before the block ends, or there is nothing for it to wait for.
                await Accepted(() => serverSide);
                transport.Close();
            }
            Assert.That(kept.Sockets, Is.Empty);
            Assert.That(kept.ConnectionCount, Is.Zero);
            Assert.That(client.Lost.Done, Is.True);
        }
        Run(Main());
    }

    [Test]
    public void ProtocolFactoryThrowing_IsReported_AndTheServerKeepsServing()
    {
        int calls = 0;
        var failure = new InvalidOperationException("no protocol today");
        async Coroutine Main()
        {
            var server = await Listen(() => ++calls == 1 ? throw failure : new RecordingProtocol(Loop) { Echo = true });
            var (first, firstClient) = await Connect(server);
            await Within(firstClient.Lost);
            var (second, secondClient) = await Connect(server);
            second.Write([7]);
            await Within(secondClient.WhenReceived(1));
            second.Close();
            server.Close();
        }
        Run(Main());
        Assert.That(ReportsAbout("Error on transport creation for incoming connection").Single().Exception, Is.SameAs(failure));
    }

    [Test]
    public void ClosingTheLoop_ClosesAnOpenServersSockets()
    {
        Socket? listening = null;
        async Coroutine Main()
        {
            var server = await Listen(NewProtocol);
            listening = server.Sockets[0];
        }
        Run(Main());
        Loop.Close();
        Assert.That(listening!.SafeHandle.IsClosed, Is.True);
    }

    private static async Coroutine Completion(Future future) => await future;
}
