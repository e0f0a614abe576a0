using System.Net;
using System.Net.Sockets;

namespace Coroutines.Tests.Datagrams;

/// <summary>
/// What is queued on a socket arrives as if received one datagram at a time (asyncio's <c>_read_ready</c> calls
/// <c>recvfrom</c> once per datagram), even where the transport takes many with one call: order, senders, empty and
/// maximum-size datagrams, socket errors, and closing part-way.
/// </summary>
public partial class DatagramEndpointTests
{
    /// <summary>More than one receive call takes at once (32), so the queue is drained over several.</summary>
    private const int MoreThanOneBatch = 100;

    private static Socket[] PlainSenders(int count) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(AnyLoopbackV4);
            return socket;
        }).ToArray();

    private static void MakeRoomFor(IDatagramTransport transport, int bytes) =>
        ((Socket)transport.GetExtraInfo("socket")!).ReceiveBufferSize = bytes;

    [Test]
    public void QueuedDatagramsFromSeveralPeers_ArriveInOrder_EachWithItsSender_AcrossSeveralBatches()
    {
        var server = Open(AnyLoopbackV4);
        MakeRoomFor(server.Transport, 1 << 20);
        var senders = PlainSenders(3);
        try
        {
            var last = server.Protocol.NextDatagram();
            for (int i = 0; i < MoreThanOneBatch; i++)
                senders[i % 3].SendTo(BitConverter.GetBytes(i), LocalOf(server.Transport));   // all queued before the loop polls
            while (server.Protocol.Received.Count < MoreThanOneBatch)
                Await(last = server.Protocol.NextDatagram());

            Assert.That(server.Protocol.Received.Select(r => BitConverter.ToInt32(r.Data)), Is.EqualTo(Enumerable.Range(0, MoreThanOneBatch)));
            for (int i = 0; i < MoreThanOneBatch; i++)
                Assert.That(server.Protocol.Received[i].From, Is.EqualTo(senders[i % 3].LocalEndPoint), $"sender of datagram {i}");
        }
        finally
        {
            foreach (var sender in senders)
                sender.Dispose();
            CloseAndWait(server);
        }
    }

    [Test]
    public void EmptyAndMaximumSizeDatagrams_QueuedAmongSmallOnes_ArriveWholeAndInOrder()
    {
        var server = Open(AnyLoopbackV4);
        MakeRoomFor(server.Transport, 1 << 20);
        using var sender = PlainSenders(1)[0];
        byte[] largest = Enumerable.Range(0, 65507).Select(i => (byte)(i * 7)).ToArray();   // IPv4's largest UDP payload
        byte[][] sent = ["a"u8.ToArray(), [], largest, "b"u8.ToArray(), [], largest, "c"u8.ToArray()];
        try
        {
            foreach (var datagram in sent)
                sender.SendTo(datagram, LocalOf(server.Transport));
            while (server.Protocol.Received.Count < sent.Length)
                Await(server.Protocol.NextDatagram());
            Assert.That(server.Protocol.Received.Select(r => r.Data), Is.EqualTo(sent));
        }
        finally
        {
            CloseAndWait(server);
        }
    }

    [Test]
    public void ASocketErrorPendingWithQueuedDatagrams_IsReportedOnce_AndTheDatagramsStillArriveInOrder()
    {
        // The kernel reports a pending socket error (here an ICMP "port unreachable") before what is queued: a receive
        // of many at once gives the same order as one recvfrom per datagram, and loses neither the error nor a datagram.
        using var peer = PlainSenders(1)[0];
        var peerAddress = (IPEndPoint)peer.LocalEndPoint!;
        var client = Open(AnyLoopbackV4, peerAddress);
        try
        {
            peer.SendTo("A"u8, LocalOf(client.Transport));
            peer.Close();   // nobody on the peer's port now: the next send there comes back as an ICMP error
            client.Transport.SendTo("ping"u8);
            using var samePort = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            samePort.Bind(peerAddress);   // the connected client accepts datagrams only from this address
            samePort.SendTo("B"u8, LocalOf(client.Transport));

            var error = client.Protocol.NextError();
            Await(error);
            while (client.Protocol.Received.Count < 2)
                Await(client.Protocol.NextDatagram());
            Assert.That(client.Protocol.Events, Is.EqualTo(new[] { "made", "error", "datagram", "datagram" }));
            Assert.That(client.Protocol.Received.Select(r => r.Data), Is.EqualTo(new[] { "A"u8.ToArray(), "B"u8.ToArray() }));
        }
        finally
        {
            CloseAndWait(client);
        }
    }

    [Test]
    public void ClosingTheTransportInsideDatagramReceived_DeliversNothingMore_EvenWithDatagramsAlreadyTaken()
    {
        var server = Open(AnyLoopbackV4);
        using var sender = PlainSenders(1)[0];
        server.Protocol.CloseOnDatagram = true;
        for (int i = 0; i < 10; i++)
            sender.SendTo(new[] { (byte)i }, LocalOf(server.Transport));   // all queued: the first receive takes them all
        Await(server.Protocol.Lost);
        Assert.That(server.Protocol.Received, Has.Count.EqualTo(1));
        Assert.That(server.Protocol.Events, Is.EqualTo(new[] { "made", "datagram", "lost" }));
    }

    [Test]
    public void EchoingQueuedDatagramsFromKnownPeers_AllocatesNothingPerDatagram()
    {
        const int peers = 4, rounds = 50;
        var (transport, protocol) = Run(Loop.CreateDatagramEndpoint(() => new AllocationCountingEcho(Loop), AnyLoopbackV4));
        MakeRoomFor(transport, 1 << 20);
        var senders = PlainSenders(peers);
        void SendRounds(int count)
        {
            for (int round = 0; round < count; round++)
            {
                foreach (var sender in senders)
                    sender.SendTo("64 bytes or so, as the benchmark's ping-pong sends them............"u8, LocalOf(transport));
            }
        }
        try
        {
            // Warm-up: every peer becomes known, every path is compiled.
            SendRounds(2);
            Await(protocol.CountReaches(peers * 2));

            // A collection started by another thread (the test runner's) can move this thread's allocation count, so
            // the steady state runs in a region without collections.
            Assert.That(GC.TryStartNoGCRegion(64 << 20), Is.True);
            long allocated;
            try
            {
                SendRounds(rounds);
                Await(protocol.CountReaches(peers * (2 + rounds), measureFrom: peers * 2 + 1));
                allocated = protocol.AllocatedSinceMeasureStart;
            }
            finally
            {
                if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
                    GC.EndNoGCRegion();
            }
            Assert.That(allocated, Is.Zero, "bytes allocated on the loop thread while receiving and echoing the steady-state datagrams");
        }
        finally
        {
            foreach (var sender in senders)
                sender.Dispose();
            transport.Close();
        }
    }

    /// <summary>Echoes every datagram; counts the loop thread's allocations between two datagrams.</summary>
    private sealed class AllocationCountingEcho(EventLoop loop) : DatagramProtocol
    {
        private IDatagramTransport? _transport;
        private int _count;
        private int _target;
        private int _measureFrom;
        private long _allocatedAtMeasureStart;
        private Future<bool>? _reached;

        public long AllocatedSinceMeasureStart { get; private set; }

        /// <summary>Completes when <paramref name="target"/> datagrams have arrived; counts allocations from datagram <paramref name="measureFrom"/> on.</summary>
        public Future<bool> CountReaches(int target, int measureFrom = 0)
        {
            _target = target;
            _measureFrom = measureFrom;
            return _reached = new Future<bool>(loop);
        }

        public override void ConnectionMade(IBaseTransport transport) => _transport = (IDatagramTransport)transport;

        public override void DatagramReceived(ReadOnlySpan<byte> data, EndPoint address)
        {
            if (++_count == _measureFrom)
                _allocatedAtMeasureStart = GC.GetAllocatedBytesForCurrentThread();
            _transport!.SendTo(data, address);
            if (_count == _target)
            {
                AllocatedSinceMeasureStart = GC.GetAllocatedBytesForCurrentThread() - _allocatedAtMeasureStart;
                _reached!.SetResult(true);
            }
        }
    }
}
