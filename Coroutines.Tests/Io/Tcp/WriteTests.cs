using System.Net.Sockets;
using System.Text;

namespace Coroutines.Tests.Io.Tcp;

/// <summary>The write side of the socket transport: immediate sends, buffering, flushing close, abort, half-close, flow control.</summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public sealed class WriteTests(IoBackend backend) : StreamTestBase(backend)
{
    private const int Large = 8 * 1024 * 1024;

    /// <summary>Connects a client to a fresh server; the server's protocol comes from <paramref name="serverFactory"/>.</summary>
    private async Coroutine<(Server Server, ITransport Transport, RecordingProtocol Client, Func<RecordingProtocol> ServerSide)> Pair(
        Func<RecordingProtocol>? serverFactory = null, Func<RecordingProtocol>? clientFactory = null)
    {
        RecordingProtocol? serverSide = null;
        serverFactory ??= () => new RecordingProtocol(Loop);
        var server = await Listen(() => serverSide = serverFactory());
        var (transport, client) = await Loop.CreateConnection(clientFactory ?? (() => new RecordingProtocol(Loop)), "127.0.0.1", PortOf(server));
        while (serverSide is null || !serverSide.Made.Done)
            await Coroutines.Loop.Sleep(0.001);
        return (server, transport, client, () => serverSide);
    }

    [Test]
    public void SmallWrite_LeavesAtOnce_NothingBuffered()
    {
        // CPython test_selector_events::test_write: the data is sent immediately when the buffer is empty.
        async Coroutine Main()
        {
            var (server, transport, _, serverSide) = await Pair();
            transport.Write(Encoding.ASCII.GetBytes("data"));
            Assert.That(transport.GetWriteBufferSize(), Is.Zero);
            await Within(serverSide().WhenReceived(4));
            Assert.That(serverSide().ReceivedText, Is.EqualTo("data"));
            transport.Close();
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void LargeWrite_BuffersOnlyTheRest_AndArrivesByteExact()
    {
        // CPython test_selector_events::test_write_partial / test_write_buffer.
        var payload = Payload(Large);
        async Coroutine Main()
        {
            var (server, transport, _, serverSide) = await Pair(() => new RecordingProtocol(Loop) { KeepData = true });
            transport.Write(payload);
            int buffered = transport.GetWriteBufferSize();
            Assert.That(buffered, Is.GreaterThan(0).And.LessThan(Large), "part left at once, the rest waits");
            await Within(serverSide().WhenReceived(Large));
            Assert.That(transport.GetWriteBufferSize(), Is.Zero);
            Assert.That(serverSide().Received.ToArray().AsSpan().SequenceEqual(payload), Is.True, "byte-exact");
            transport.Close();
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void ManyBufferedWrites_ArriveInOrder()
    {
        // Several buffered chunks leave in gathered sends; order and content are kept.
        var chunks = Enumerable.Range(0, 200).Select(i => Payload(50_000 + i, seed: i)).ToArray();
        async Coroutine Main()
        {
            var (server, transport, _, serverSide) = await Pair(() => new RecordingProtocol(Loop) { OnConnectionMade = p => p.Transport.PauseReading() });
            foreach (var chunk in chunks)
                transport.Write(chunk);
            Assert.That(transport.GetWriteBufferSize(), Is.GreaterThan(0));
            serverSide().Transport.ResumeReading();
            long total = chunks.Sum(c => (long)c.Length);
            await Within(serverSide().WhenReceived(total));
            Assert.That(serverSide().Received.ToArray().AsSpan().SequenceEqual(chunks.SelectMany(c => c).ToArray()), Is.True, "byte-exact, in order");
            transport.Close();
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void WriteLines_IsOneWriteOfTheConcatenation()
    {
        // CPython test_transports::test_writelines.
        async Coroutine Main()
        {
            var (server, transport, _, serverSide) = await Pair();
            transport.WriteLines([Encoding.ASCII.GetBytes("line1"), Encoding.ASCII.GetBytes("line2"), Encoding.ASCII.GetBytes("line3")]);
            await Within(serverSide().WhenReceived(15));
            Assert.That(serverSide().ReceivedText, Is.EqualTo("line1line2line3"));
            transport.Close();
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void EmptyWrite_IsANoOp()
    {
        // CPython test_selector_events::test_write_no_data.
        async Coroutine Main()
        {
            var (server, transport, _, _) = await Pair();
            transport.Write(ReadOnlySpan<byte>.Empty);
            Assert.That(transport.GetWriteBufferSize(), Is.Zero);
            transport.Close();
            transport.Write(ReadOnlySpan<byte>.Empty);
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void Close_FlushesTheBufferBeforeConnectionLost()
    {
        // CPython test_selector_events::test_close_write_buffer / test_write_ready_closing.
        var payload = Payload(Large, seed: 7);
        RecordingProtocol? client = null;
        async Coroutine Main()
        {
            var (server, transport, c, serverSide) = await Pair(clientFactory: () => new RecordingProtocol(Loop) { KeepData = false });
            client = c;
            var sender = serverSide();
            sender.Transport.Write(payload);
            Assert.That(sender.Transport.GetWriteBufferSize(), Is.GreaterThan(0));
            sender.Transport.Close();
            Assert.That(sender.Events, Is.EqualTo(new[] { "cm", "pause" }), "no ConnectionLost before the flush");
            await Within(client.Lost);
            await Within(sender.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(client!.ReceivedCount, Is.EqualTo(Large));
        Assert.That(client.ReceivedHash(), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(payload)));
        Assert.That(client.Events, Is.EqualTo(new[] { "cm", "data", "eof", "cl" }));
    }

    [Test]
    public void Abort_DropsTheBuffer()
    {
        // CPython test_selector_events::test_abort: the buffer is discarded, ConnectionLost(null) follows.
        RecordingProtocol? client = null;
        RecordingProtocol? sender = null;
        async Coroutine Main()
        {
            var (server, transport, c, serverSide) = await Pair(clientFactory: () => new RecordingProtocol(Loop)
            {
                KeepData = false,
                OnConnectionMade = p => p.Transport.PauseReading(),
            });
            client = c;
            sender = serverSide();
            sender.Transport.Write(Payload(Large));
            Assert.That(sender.Transport.GetWriteBufferSize(), Is.GreaterThan(0));
            sender.Transport.Abort();
            Assert.That(sender.Transport.GetWriteBufferSize(), Is.Zero);
            await Within(sender.Lost);
            client.Transport.ResumeReading();
            await Within(client.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(sender!.Events, Is.EqualTo(new[] { "cm", "pause", "cl" }));
        Assert.That(client!.ReceivedCount, Is.LessThan(Large));
    }

    [Test]
    public void WriteAfterWriteEof_Throws()
    {
        async Coroutine Main()
        {
            var (server, transport, _, _) = await Pair();
            Assert.That(transport.CanWriteEof, Is.True);
            transport.WriteEof();
            transport.WriteEof();   // idempotent (CPython test_selector_events::test_write_eof: shutdown once)
            var error = Assert.Throws<InvalidOperationException>(() => transport.Write([1]));
            Assert.That(error!.Message, Does.Contain("WriteEof"));
            Assert.Throws<InvalidOperationException>(() => transport.WriteLines([new byte[] { 1 }]));
            transport.Close();
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void WriteEof_WaitsForTheBufferToFlush()
    {
        // CPython test_selector_events::test_write_eof_buffer: shutdown happens once the buffer is flushed.
        var payload = Payload(Large, seed: 3);
        async Coroutine Main()
        {
            var (server, transport, _, serverSide) = await Pair(() => new RecordingProtocol(Loop) { KeepData = false, KeepOpenOnEof = true });
            transport.Write(payload);
            transport.WriteEof();
            await Within(serverSide().Eof);
            Assert.That(serverSide().ReceivedCount, Is.EqualTo(Large), "every byte arrives before the end of stream");
            Assert.That(serverSide().ReceivedHash(), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(payload)));
            transport.Close();
            serverSide().Transport.Close();
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void WriteEofAfterClose_IsANoOp()
    {
        // CPython test_selector_events::test_write_eof_after_close.
        async Coroutine Main()
        {
            var (server, transport, client, _) = await Pair();
            transport.Close();
            transport.WriteEof();
            transport.Write([1, 2, 3]);   // dropped, not an error: CPython's write after close
            await Within(client.Lost);
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void WritesAfterClose_AreDroppedAndWarnedAboutFromTheFifthInDebugMode()
    {
        // CPython test_selector_events::test_write_closing / test_write_exception (LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5).
        var stderr = new StringWriter();
        async Coroutine Main()
        {
            var (server, transport, client, _) = await Pair();
            transport.Close();
            await Within(client.Lost);
            Loop.Debug = true;
            var previous = Console.Error;
            Console.SetError(stderr);
            try
            {
                for (int i = 0; i < 4; i++)
                    transport.Write([1]);
                Assert.That(stderr.ToString(), Is.Empty);
                transport.Write([1]);
            }
            finally
            {
                Console.SetError(previous);
                Loop.Debug = false;
            }
            server.Close();
        }
        Run(Main());
        Assert.That(stderr.ToString(), Does.Contain("dropped (5 so far)"));
    }

    [Test]
    public void SlowReader_BufferStopsAtTheHighWaterMark_PauseAndResumeWritingFire()
    {
        // CPython test_transports::test_flowcontrol_mixin_set_write_limits on a real socket: pause once the buffer is
        // strictly above high, resume once it falls to low; a writer that honours PauseWriting keeps memory bounded.
        const int Chunk = 16 * 1024;
        const int High = 64 * 1024;
        async Coroutine Main()
        {
            var (server, transport, client, serverSide) = await Pair(() => new RecordingProtocol(Loop)
            {
                KeepData = false,
                OnConnectionMade = p => p.Transport.PauseReading(),
            });
            Assert.That(transport.GetWriteBufferLimits(), Is.EqualTo((High / 4, High)));
            int written = 0;
            while (!client.Events.Contains("pause"))
            {
                transport.Write(Payload(Chunk, seed: written));
                written += Chunk;
                Assert.That(written, Is.LessThan(64 * 1024 * 1024), "PauseWriting never came");
            }
            int buffered = transport.GetWriteBufferSize();
            Assert.That(buffered, Is.GreaterThan(High).And.LessThanOrEqualTo(High + Chunk));
            await Coroutines.Loop.Sleep(0.1);
            Assert.That(transport.GetWriteBufferSize(), Is.EqualTo(buffered), "the reader is paused: nothing drains");
            serverSide().Transport.ResumeReading();
            await Within(serverSide().WhenReceived(written));
            Assert.That(client.Events, Is.EqualTo(new[] { "cm", "pause", "resume" }));
            Assert.That(transport.GetWriteBufferSize(), Is.Zero);
            transport.Close();
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void SetWriteBufferLimits_RechecksAtOnce()
    {
        // CPython test_transports::test_flowcontrol_mixin_set_write_limits: lowering high under the buffered size pauses
        // inside the call; asyncio's defaults for one given mark.
        async Coroutine Main()
        {
            var (server, transport, client, _) = await Pair(() => new RecordingProtocol(Loop) { OnConnectionMade = p => p.Transport.PauseReading() });
            transport.SetWriteBufferLimits(high: 10);
            Assert.That(transport.GetWriteBufferLimits(), Is.EqualTo((2, 10)));
            transport.SetWriteBufferLimits(low: 10);
            Assert.That(transport.GetWriteBufferLimits(), Is.EqualTo((10, 40)));
            Assert.Throws<ArgumentOutOfRangeException>(() => transport.SetWriteBufferLimits(high: 1, low: 2));
            Assert.Throws<ArgumentOutOfRangeException>(() => transport.SetWriteBufferLimits(high: -1, low: -2));
            transport.SetWriteBufferLimits(high: 64 * 1024 * 1024);
            while (transport.GetWriteBufferSize() < 512)
                transport.Write(new byte[64 * 1024]);
            Assert.That(client.Events, Does.Not.Contain("pause"));
            transport.SetWriteBufferLimits(high: 256);
            Assert.That(client.Events, Does.Contain("pause"));
            transport.Abort();
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void ExtraInfo_NamesTheEndpointsAndTheSocket()
    {
        // CPython test_events::test_create_server checks sockname and peername[0] == '127.0.0.1'.
        async Coroutine Main()
        {
            var (server, transport, _, serverSide) = await Pair();
            var peer = (System.Net.IPEndPoint)serverSide().Transport.GetExtraInfo("peername")!;
            var local = (System.Net.IPEndPoint)transport.GetExtraInfo("sockname")!;
            Assert.That(peer.Address.ToString(), Is.EqualTo("127.0.0.1"));
            Assert.That(peer.Port, Is.EqualTo(local.Port));
            Assert.That(transport.GetExtraInfo("peername"), Is.EqualTo(serverSide().Transport.GetExtraInfo("sockname")));
            Assert.That(transport.GetExtraInfo("socket"), Is.InstanceOf<Socket>());
            Assert.That(transport.GetExtraInfo("no such key", "default"), Is.EqualTo("default"));
            transport.Close();
            server.Close();
        }
        Run(Main());
    }
}
