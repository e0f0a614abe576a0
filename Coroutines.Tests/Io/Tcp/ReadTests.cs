using System.Text;

namespace Coroutines.Tests.Io.Tcp;

/// <summary>The read side: pausing, the buffered protocol's zero-copy path, switching protocols.</summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public sealed class ReadTests(IoBackend backend) : StreamTestBase(backend)
{
    /// <summary>A buffered protocol that lends fixed-size slices of its own array (CPython test_buffered_proto's ReceiveStuffProto).</summary>
    private sealed class SliceProtocol(EventLoop loop, int sliceSize) : BufferedProtocol
    {
        private readonly byte[] _slice = new byte[Math.Max(sliceSize, 1)];
        private readonly int _sliceSize = sliceSize;

        public MemoryStream Received { get; } = new();
        public List<int> SizeHints { get; } = new();
        public int Updates { get; private set; }
        public Future<VoidResult> Lost { get; } = loop.CreateFuture<VoidResult>();
        public Exception? LostWith { get; private set; }
        public List<string> Events { get; } = new();

        public override void ConnectionMade(IBaseTransport transport) => Events.Add("cm");

        public override Memory<byte> GetBuffer(int sizeHint)
        {
            SizeHints.Add(sizeHint);
            return _slice.AsMemory(0, _sliceSize);
        }

        public override void BufferUpdated(int byteCount)
        {
            Updates++;
            if (Events[^1] != "data")
                Events.Add("data");
            Received.Write(_slice, 0, byteCount);
        }

        public override bool EofReceived()
        {
            Events.Add("eof");
            return false;
        }

        public override void ConnectionLost(Exception? exception)
        {
            Events.Add("cl");
            LostWith = exception;
            Lost.TrySetResult(VoidResult.Value);
        }
    }

    [Test]
    public void PauseReading_StopsDataReceived_ResumeReadingDeliversTheRest()
    {
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop));
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            transport.Write(Encoding.ASCII.GetBytes("first"));
            await Within(client.Made);
            while (serverSide is null || serverSide.ReceivedCount < 5)
                await Coroutines.Loop.Sleep(0.01);
            serverSide.Transport.PauseReading();
            serverSide.Transport.PauseReading();   // idempotent (CPython test_selector_events::test_pause_resume_reading)
            Assert.That(serverSide.Transport.IsReading, Is.False);
            transport.Write(Encoding.ASCII.GetBytes("second"));
            await Coroutines.Loop.Sleep(0.2);
            Assert.That(serverSide.ReceivedText, Is.EqualTo("first"), "nothing is delivered while paused");
            serverSide.Transport.ResumeReading();
            serverSide.Transport.ResumeReading();
            Assert.That(serverSide.Transport.IsReading, Is.True);
            await Within(serverSide.WhenReceived(11));
            Assert.That(serverSide.ReceivedText, Is.EqualTo("firstsecond"));
            serverSide.Transport.Close();
            Assert.That(serverSide.Transport.IsReading, Is.False, "not reading once closing");
            serverSide.Transport.ResumeReading();
            Assert.That(serverSide.Transport.IsReading, Is.False);
            await Within(client.Lost);
            server.Close();
        }
        Run(Main());
    }

    [Test]
    public void BufferedProtocol_Receives9KiBThrough100ByteBuffers()
    {
        // CPython test_buffered_proto::test_buffered_proto_create_connection.
        var payload = Payload(9 * 1024, seed: 9);
        SliceProtocol? client = null;
        async Coroutine Main()
        {
            var server = await Listen(() => new RecordingProtocol(Loop)
            {
                OnConnectionMade = p =>
                {
                    p.Transport.Write(payload);
                    p.Transport.Close();
                },
            });
            (_, client) = await Loop.CreateConnection(() => new SliceProtocol(Loop, 100), "127.0.0.1", PortOf(server));
            await Within(client.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(client!.Received.ToArray(), Is.EqualTo(payload));
        Assert.That(client.Updates, Is.GreaterThanOrEqualTo(93), "every update fills at most one 100-byte buffer");
        Assert.That(client.SizeHints, Is.All.EqualTo(-1), "the selector transport asks for any size");
        Assert.That(client.Events, Is.EqualTo(new[] { "cm", "data", "eof", "cl" }));
    }

    [Test]
    public void BufferedProtocol_EmptyBufferIsAFatalError()
    {
        // CPython test_selector_events::SelectorSocketTransportBufferedProtocolTests::test_get_buffer_zerosized.
        SliceProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new SliceProtocol(Loop, 0));
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            transport.Write([1, 2, 3]);
            await Within(client.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(serverSide!.LostWith, Is.InstanceOf<InvalidOperationException>());
        Assert.That(serverSide.LostWith!.Message, Does.Contain("empty buffer"));
        Assert.That(ReportsAbout("GetBuffer").Single().Exception, Is.SameAs(serverSide.LostWith));
    }

    [Test]
    public void SetProtocol_SwitchesBetweenProtocolAndBufferedProtocol()
    {
        // CPython test_selector_events::test_proto_type_switch: the read path follows the protocol's type.
        RecordingProtocol? first = null;
        var second = (SliceProtocol?)null;
        async Coroutine Main()
        {
            var server = await Listen(() => first = new RecordingProtocol(Loop));
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            transport.Write(Encoding.ASCII.GetBytes("one"));
            while (first is null || first.ReceivedCount < 3)
                await Coroutines.Loop.Sleep(0.01);
            second = new SliceProtocol(Loop, 2);
            second.Events.Add("cm");   // switched in, not connected anew
            first.Transport.SetProtocol(second);
            Assert.That(first.Transport.GetProtocol(), Is.SameAs(second));
            transport.Write(Encoding.ASCII.GetBytes("two!"));
            transport.Close();
            await Within(second.Lost);
            server.Close();
        }
        Run(Main());
        Assert.That(first!.ReceivedText, Is.EqualTo("one"));
        Assert.That(first.Events, Is.EqualTo(new[] { "cm", "data" }));
        Assert.That(Encoding.ASCII.GetString(second!.Received.ToArray()), Is.EqualTo("two!"));
        Assert.That(second.Updates, Is.GreaterThanOrEqualTo(2));
        Assert.That(second.Events, Is.EqualTo(new[] { "cm", "data", "eof", "cl" }), $"lost with {second.LostWith}");
    }

    [Test]
    public void SetProtocol_RefusesANonStreamProtocol()
    {
        async Coroutine Main()
        {
            var server = await Listen(() => new RecordingProtocol(Loop));
            var (transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop), "127.0.0.1", PortOf(server));
            var error = Assert.Throws<ArgumentException>(() => transport.SetProtocol(new NonStreamProtocol()));
            Assert.That(error!.ParamName, Is.EqualTo("protocol"));
            Assert.That(transport.GetProtocol(), Is.SameAs(client));
            transport.Close();
            server.Close();
        }
        Run(Main());
    }

    private sealed class NonStreamProtocol : DatagramProtocol;
}
