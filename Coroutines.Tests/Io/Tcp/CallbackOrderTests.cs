using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coroutines.Tests.Io.Tcp;

/// <summary>
/// asyncio's ordering guarantee on every path: ConnectionMade, DataReceived*, EofReceived?, ConnectionLost exactly
/// once and nothing after it (the recording protocol flags any violation).
/// </summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public sealed class CallbackOrderTests(IoBackend backend) : StreamTestBase(backend)
{
    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    [Test]
    public void ClientWriteThenWriteEof_BothSidesSeeAsyncioSequence()
    {
        // CPython's full exchange: the client writes, then half-closes; the server's EofReceived returns false.
        var log = new List<string>();
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop, "S:") { SharedLog = log });
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop, "C:") { SharedLog = log }, "127.0.0.1", PortOf(server));
            transport.Write(Ascii("hello"));
            transport.Write(Ascii("ab"));
            transport.WriteEof();
            await Within(client.Lost);
            serverSide = await Accepted(() => serverSide);
            await Within(serverSide.Lost);
            Assert.That(serverSide.ReceivedText, Is.EqualTo("helloab"));
            server.Close();
        }
        Run(Main());
        Assert.That(serverSide!.Events, Is.EqualTo(new[] { "cm", "data", "eof", "cl" }));
        Assert.That(log.Where(e => e.StartsWith("C:")), Is.EqualTo(new[] { "C:cm", "C:eof", "C:cl" }));
        // Causality: the client hears its EOF only after the server closed, which follows the server's EOF.
        Assert.That(log.IndexOf("C:eof"), Is.GreaterThan(log.IndexOf("S:eof")));
        Assert.That(serverSide.Violations, Is.Empty);
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void ConnectionMadeHasRunWhenCreateConnectionReturns()
    {
        // CPython test_selector_events::test_ctor_with_waiter: the waiter resolves after connection_made.
        async Coroutine Main()
        {
            var server = await Listen(() => new RecordingProtocol(Loop));
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            Assert.That(client.Events, Is.EqualTo(new[] { "cm" }));
            Assert.That(client.Transport, Is.SameAs(transport));
            Assert.That(transport.IsReading, Is.True);
            transport.Close();
            await Within(client.Lost);
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void ClientClose_ServerSeesEofThenLoss_ClientSeesLossOnly()
    {
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop));
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            transport.Write(Ascii("bye"));
            transport.Close();
            Assert.That(transport.IsClosing, Is.True);
            Assert.That(client.Events, Is.EqualTo(new[] { "cm" }), "ConnectionLost is never called from inside Close()");
            await Within(client.Lost);
            serverSide = await Accepted(() => serverSide);
            await Within(serverSide.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(serverSide!.Events, Is.EqualTo(new[] { "cm", "data", "eof", "cl" }));
        Assert.That(serverSide.ReceivedText, Is.EqualTo("bye"));
    }

    [Test]
    public void EofReceivedReturningTrue_KeepsTransportOpenForWriting()
    {
        // CPython test_selector_events::test_read_ready_eof_keep_open: the server still writes "bye" after EOF, and the
        // client receives it before its own EOF.
        RecordingProtocol? serverSide = null;
        RecordingProtocol? client = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop)
            {
                KeepOpenOnEof = true,
                OnEof = p =>
                {
                    p.Transport.Write(Ascii("bye"));
                    p.Transport.Close();
                },
            });
            (var transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            transport.Write(Ascii("hi"));
            transport.WriteEof();
            await Within(client.Lost);
            serverSide = await Accepted(() => serverSide);
            await Within(serverSide.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(client!.Events, Is.EqualTo(new[] { "cm", "data", "eof", "cl" }));
        Assert.That(client.ReceivedText, Is.EqualTo("bye"));
        Assert.That(serverSide!.Events, Is.EqualTo(new[] { "cm", "data", "eof", "cl" }));
    }

    [Test]
    public void EofReceivedReturningFalse_ClosesTransport()
    {
        // CPython test_selector_events::test_read_ready_eof.
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop));
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop) { KeepOpenOnEof = true }, "127.0.0.1", PortOf(server));
            transport.WriteEof();
            serverSide = await Accepted(() => serverSide);
            await Within(serverSide.Lost);
            Assert.That(serverSide.Transport.IsClosing, Is.True);
            await Within(client.Eof);   // the client is half-open: it saw EOF and keeps its transport
            await Coroutines.Loop.Yield();
            Assert.That(transport.IsClosing, Is.False);
            transport.Close();
            await Within(client.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(serverSide!.Events, Is.EqualTo(new[] { "cm", "eof", "cl" }));
    }

    [Test]
    public void Abort_LosesConnectionWithNullAndPeerSeesEnd()
    {
        // CPython test_selector_events::test_abort / test_force_close.
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop));
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            serverSide = await Accepted(() => serverSide);
            transport.Abort();
            transport.Abort();
            Assert.That(client.Events, Is.EqualTo(new[] { "cm" }));
            await Within(client.Lost);
            serverSide = await Accepted(() => serverSide);
            await Within(serverSide.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(serverSide!.Violations, Is.Empty);
        Assert.That(serverSide.Events[0], Is.EqualTo("cm"));
        Assert.That(serverSide.Events[^1], Does.StartWith("cl"));
    }

    [Test]
    public void PeerReset_LosesConnectionWithTheSocketError()
    {
        // CPython test_selector_events::test_read_ready_conn_reset: ConnectionResetError force-closes with that exception.
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop));
            using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await raw.ConnectAsync(new IPEndPoint(IPAddress.Loopback, PortOf(server)));
            await raw.SendAsync(Ascii("partial"));
            while (serverSide is null || serverSide.ReceivedCount < 7)
                await Coroutines.Loop.Sleep(0.01);
            raw.LingerState = new LingerOption(true, 0);
            raw.Close();   // linger 0: the peer sends RST
            await Within(serverSide.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(serverSide!.Events, Is.EqualTo(new[] { "cm", "data", "cl:SocketException" }));
        Assert.That(((SocketException)serverSide.LostWith!).SocketErrorCode, Is.EqualTo(SocketError.ConnectionReset));
        Assert.That(Reports, Is.Empty, "socket errors reach the exception handler only in debug mode");
    }

    [Test]
    public void ProtocolExceptionInDataReceived_IsReportedAndClosesTheTransport_LoopKeepsRunning()
    {
        // CPython test_selector_events::test_data_received_error.
        RecordingProtocol? serverSide = null;
        var failure = new InvalidOperationException("protocol bug");
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop) { ThrowOnData = failure });
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            transport.Write(Ascii("boom"));
            await Within(client.Lost);
            while (serverSide is null || !serverSide.Lost.Done)
                await Coroutines.Loop.Sleep(0.01);
            // The loop still serves: a second connection works.
            var (second, secondClient) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            Assert.That(secondClient.Events, Is.EqualTo(new[] { "cm" }));
            second.Close();
            await Within(secondClient.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(serverSide, Is.Not.Null);
        var report = ReportsAbout("DataReceived").Single();
        Assert.That(report.Exception, Is.SameAs(failure));
        Assert.That(report.Message, Is.EqualTo("Fatal error: protocol.DataReceived() call failed."));
    }

    [Test]
    public void ProtocolExceptionInEofReceived_IsReportedAndLosesConnectionWithIt()
    {
        // CPython test_selector_events::test_read_eof_received_error.
        var failure = new InvalidOperationException("eof bug");
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop) { OnEof = _ => throw failure });
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            transport.WriteEof();
            await Within(client.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(serverSide!.Events, Is.EqualTo(new[] { "cm", "eof", "cl:InvalidOperationException" }));
        Assert.That(serverSide.LostWith, Is.SameAs(failure));
        Assert.That(ReportsAbout("EofReceived").Single().Exception, Is.SameAs(failure));
    }

    [Test]
    public void PauseReadingInsideConnectionMade_IsHonoured()
    {
        // CPython test_selector_events::test_pause_reading_connection_made.
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop) { OnConnectionMade = p => p.Transport.PauseReading() });
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            transport.Write(Ascii("queued"));
            await Accepted(() => serverSide);
            await Coroutines.Loop.Sleep(0.2);
            Assert.That(serverSide!.Events, Is.EqualTo(new[] { "cm" }));
            Assert.That(serverSide.Transport.IsReading, Is.False);
            serverSide.Transport.ResumeReading();
            await Within(serverSide.WhenReceived(6));
            Assert.That(serverSide.ReceivedText, Is.EqualTo("queued"));
            transport.Close();
            await Within(serverSide.Lost);
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void NoCallbackReachesTheProtocolAfterConnectionLost()
    {
        // Data in flight when the transport is aborted never reaches the protocol afterwards.
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop) { OnConnectionMade = p => p.Transport.Abort() });
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            transport.Write(new byte[100_000]);
            await Within(client.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(serverSide!.Events, Is.EqualTo(new[] { "cm", "cl" }));
        Assert.That(serverSide.Violations, Is.Empty);
    }
}
