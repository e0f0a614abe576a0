using System.Text;
using Coroutines.Tests.Runtime;

namespace Coroutines.Tests.Streams;

/// <summary>asyncio's StreamWriter and StreamReaderProtocol rules (CPython test_streams), over an in-memory connection.</summary>
public class StreamWriterTests : LoopTestBase
{
    private static byte[] B(string text) => Encoding.ASCII.GetBytes(text);

    private static string S(byte[] data) => Encoding.ASCII.GetString(data);

    private sealed record Connection(AsyncStreamReader Reader, AsyncStreamWriter Writer, MemoryTransport Client, MemoryTransport Server, StreamReaderProtocol ServerProtocol);

    private Connection Connect(Func<AsyncStreamReader, AsyncStreamWriter, Coroutine> handler, int limit = AsyncStreamReader.DefaultLimit)
    {
        var reader = new AsyncStreamReader(limit, Loop);
        var clientProtocol = new StreamReaderProtocol(reader, loop: Loop);
        var serverProtocol = new StreamReaderProtocol(new AsyncStreamReader(limit, Loop), handler, Loop);
        var (client, server) = MemoryTransport.CreatePair(Loop, clientProtocol, serverProtocol);
        RunIterations(2);
        return new Connection(reader, new AsyncStreamWriter(client, clientProtocol, reader), client, server, serverProtocol);
    }

    private static async Coroutine Echo(AsyncStreamReader reader, AsyncStreamWriter writer)
    {
        await foreach (var line in reader)
        {
            writer.Write(line);
            await writer.Drain();
        }
        writer.Close();
    }

    [Test]
    public void LinesEchoThroughAServerHandler() // test_start_server (coroutine callback)
    {
        var c = Connect(Echo);
        async Coroutine<string> Talk()
        {
            c.Writer.Write(B("hello\n"));
            c.Writer.WriteLines([B("wor"), B("ld\n")]);
            var first = await c.Reader.ReadLine();
            var second = await c.Reader.ReadLine();
            return S(first) + S(second);
        }
        Assert.That(Loop.RunUntilComplete(Talk()), Is.EqualTo("hello\nworld\n"));
        c.Writer.Close();
        Loop.RunUntilComplete(c.Writer.WaitClosed());
    }

    [Test]
    public void WriteEof_HalfCloses_TheServerStillAnswersAfterTheEnd() // StreamReaderProtocol.eof_received returns True
    {
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            var all = await reader.Read(-1);
            writer.Write(B($"got {all.Length}"));
            writer.Close();
        }
        var c = Connect(Handler);
        Assert.That(c.Writer.CanWriteEof, Is.True);
        c.Writer.Write(B("12345"));
        c.Writer.WriteEof();
        Assert.That(S(Loop.RunUntilComplete(c.Reader.Read(-1))), Is.EqualTo("got 5"));
    }

    [Test]
    public void Drain_WaitsAboveTheHighWaterMark_UntilThePeerReads_MemoryBounded()
    {
        AsyncStreamReader? serverReader = null;
        var serverGo = new AsyncEvent();
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            serverReader = reader;
            await serverGo.Wait();
            var total = 0;
            while ((await reader.Read(4096)).Length is int n && n > 0)
                total += n;
            writer.Write(B(total.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            writer.Close();
        }
        var c = Connect(Handler, limit: 1024);
        c.Client.SetWriteBufferLimits(high: 8192);
        int maxBuffered = 0;
        int drained = 0;
        async Coroutine Produce()
        {
            for (int i = 0; i < 100; i++)
            {
                c.Writer.Write(new byte[4096]);
                maxBuffered = Math.Max(maxBuffered, c.Client.GetWriteBufferSize());
                await c.Writer.Drain();
                drained++;
            }
            c.Writer.WriteEof();
        }
        var producer = Loop.CreateTask(Produce());
        RunIterations(20);
        Assert.That(producer.Done, Is.False, "the server does not read: the writer must wait");
        int drainedWhileStalled = drained;
        Assert.That(drainedWhileStalled, Is.LessThan(10));
        Assert.That(serverReader!.BufferedCount, Is.LessThanOrEqualTo(2 * 1024 + 16 * 1024), "the server's reader paused its transport");
        serverGo.Set();
        Assert.That(S(Loop.RunUntilComplete(c.Reader.Read(-1))), Is.EqualTo("409600"));
        Assert.That(producer.Done, Is.True);
        Assert.That(maxBuffered, Is.LessThanOrEqualTo(8192 + 4096));
    }

    [Test]
    public void ManyConcurrentDrains_AllWake() // test_multiple_drain (GH-74116)
    {
        var serverGo = new AsyncEvent();
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            await serverGo.Wait();
            await reader.Read(-1);
        }
        var c = Connect(Handler, limit: 64);
        c.Client.SetWriteBufferLimits(high: 100);
        c.Writer.Write(new byte[100_000]);
        var drains = Enumerable.Range(0, 10).Select(_ => Loop.CreateTask(c.Writer.Drain().AsCoroutine())).ToList();
        RunIterations(5);
        Assert.That(drains.Count(d => d.Done), Is.Zero);
        serverGo.Set();
        Loop.RunUntilComplete(Coroutines.Loop.Gather(drains.Cast<Future>().ToArray()));
        Assert.That(drains.All(d => d.Done && d.Exception() is null), Is.True);
        c.Writer.Close();
        Loop.RunUntilComplete(c.Writer.WaitClosed());
    }

    [Test]
    public void Drain_BelowTheHighWaterMark_CompletesWithoutSuspendingOrAllocating()
    {
        var c = Connect(async (reader, writer) => await reader.Read(-1));
        Assert.That(c.Writer.Drain().GetAwaiter().IsCompleted, Is.True);
        async Coroutine<long> DrainMany()
        {
            await c.Writer.Drain();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
                await c.Writer.Drain();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.That(Loop.RunUntilComplete(DrainMany()), Is.Zero);
        c.Client.SetWriteBufferLimits(high: 100);
        c.Writer.Write(new byte[100_000]);
        Assert.That(c.Writer.Drain().GetAwaiter().IsCompleted, Is.False, "above the high-water mark a drain waits");
        c.Writer.Close();
        Loop.RunUntilComplete(c.Writer.WaitClosed());
    }

    [Test]
    public void Drain_OnAClosingTransport_YieldsThenRaisesConnectionLost() // test_async_writer_api_exception_after_close
    {
        var c = Connect(async (reader, writer) => await reader.Read(-1));
        c.Writer.Close();
        Assert.That(c.Writer.IsClosing, Is.True);
        var e = Assert.Throws<IOException>(() => Loop.RunUntilComplete(c.Writer.Drain().AsCoroutine()))!;
        Assert.That(e.Message, Is.EqualTo("Connection lost."));
        Assert.That(e.InnerException, Is.TypeOf<System.Net.Sockets.SocketException>());
    }

    [Test]
    public void PeerReset_SetsTheErrorOnTheReader_AndDrainRaisesIt() // test_open_connection_error, test_drain_raises
    {
        var c = Connect(async (reader, writer) => await reader.Read(-1));
        c.Server.Abort();
        RunIterations(2);
        Assert.That(c.Reader.Exception, Is.TypeOf<System.Net.Sockets.SocketException>());
        Assert.Throws<System.Net.Sockets.SocketException>(() => Loop.RunUntilComplete(c.Reader.Read(10)));
        Assert.Throws<System.Net.Sockets.SocketException>(() => Loop.RunUntilComplete(c.Writer.Drain().AsCoroutine()));
        Assert.Throws<System.Net.Sockets.SocketException>(() => Loop.RunUntilComplete(c.Writer.WaitClosed()));
    }

    [Test]
    public void WaitClosed_CompletesAfterClose_EvenWithUnreadData_AndTheReaderIsAtEof() // test_wait_closed_on_close_with_unread_data, test_eof_feed_when_closing_writer
    {
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            writer.Write(B("unread data"));
            await reader.Read(-1);
        }
        var c = Connect(Handler);
        RunIterations(3);
        c.Writer.Close();
        Assert.That(c.Writer.IsClosing, Is.True);
        Loop.RunUntilComplete(c.Writer.WaitClosed());
        Assert.That(c.Reader.AtEof, Is.False, "the unread bytes are still there");
        Assert.That(S(Loop.RunUntilComplete(c.Reader.Read(-1))), Is.EqualTo("unread data"));
        Assert.That(c.Reader.AtEof, Is.True);
    }

    [Test]
    public void FailingHandler_IsReportedAndItsConnectionClosed_OthersKeepWorking() // test_unhandled_exception
    {
        var c = Connect((reader, writer) => throw new InvalidOperationException("handler bug"));
        Loop.RunUntilComplete(c.Reader.Read(-1));
        Assert.That(Reports.Select(r => r.Message), Is.EqualTo(new[] { "Unhandled exception in client_connected_cb" }));
        Assert.That(Reports[0].Exception, Is.TypeOf<InvalidOperationException>());
        Assert.That(c.Server.IsClosing, Is.True);

        var other = Connect(Echo);
        other.Writer.Write(B("still here\n"));
        Assert.That(S(Loop.RunUntilComplete(other.Reader.ReadLine())), Is.EqualTo("still here\n"));
        other.Writer.Close();
    }

    [Test]
    public void HandlerFailingAfterAnAwait_IsReportedAndItsConnectionClosed()
    {
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            await reader.ReadLine();
            throw new InvalidOperationException("late bug");
        }
        var c = Connect(Handler);
        c.Writer.Write(B("line\n"));
        Assert.That(Loop.RunUntilComplete(c.Reader.Read(-1)), Is.Empty);
        Assert.That(Reports.Single().Message, Is.EqualTo("Unhandled exception in client_connected_cb"));
        Assert.That(Reports.Single().Exception!.Message, Is.EqualTo("late bug"));
    }

    [Test]
    public void CancelledHandler_ClosesItsConnectionSilently() // test_unhandled_cancel
    {
        var c = Connect(async (reader, writer) => await reader.Read(-1));
        c.ServerProtocol.HandlerTask!.Cancel();
        Assert.That(Loop.RunUntilComplete(c.Reader.Read(-1)), Is.Empty);
        Assert.That(c.Server.IsClosing, Is.True);
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void GetExtraInfo_AndTransport_ComeFromTheTransport()
    {
        var c = Connect(Echo);
        Assert.That(c.Writer.GetExtraInfo("peername"), Is.EqualTo("client"));
        Assert.That(c.Writer.GetExtraInfo("nope", 42), Is.EqualTo(42));
        Assert.That(c.Writer.Transport, Is.SameAs(c.Client));
        Assert.That(c.Reader.Transport, Is.SameAs(c.Client));
        c.Writer.Close();
    }
}
