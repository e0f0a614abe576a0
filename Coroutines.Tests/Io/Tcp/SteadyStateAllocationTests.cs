namespace Coroutines.Tests.Io.Tcp;

/// <summary>
/// Request/response in steady state allocates nothing on the loop thread: the receive buffer is the loop's, writes that
/// leave at once are never copied, and readiness dispatch allocates nothing (the epoll backend; the portable backend
/// rides on .NET's socket operations, which this test does not hold to that bar).
/// </summary>
[TestFixture(IoBackend.Epoll)]
public sealed class SteadyStateAllocationTests(IoBackend backend) : StreamTestBase(backend)
{
    /// <summary>Sends a fixed request and waits for the whole echo before sending the next; measures allocations in between.</summary>
    private sealed class PingPong(EventLoop loop, int warmUp, int measured) : Protocol
    {
        private readonly byte[] _request = new byte[64];
        private ITransport _transport = null!;
        private int _pending;
        private int _roundTrips;
        private long _startBytes;

        public Future<long> AllocatedPerRun { get; } = loop.CreateFuture<long>();

        public override void ConnectionMade(IBaseTransport transport)
        {
            _transport = (ITransport)transport;
            Send();
        }

        private void Send()
        {
            _pending = _request.Length;
            _transport.Write(_request);
        }

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            _pending -= data.Length;
            if (_pending > 0)
                return;
            _roundTrips++;
            if (_roundTrips == warmUp)
                _startBytes = GC.GetAllocatedBytesForCurrentThread();
            if (_roundTrips == warmUp + measured)
            {
                AllocatedPerRun.TrySetResult(GC.GetAllocatedBytesForCurrentThread() - _startBytes);
                _transport.Close();
                return;
            }
            Send();
        }
    }

    private sealed class Echo : Protocol
    {
        private ITransport _transport = null!;

        public override void ConnectionMade(IBaseTransport transport) => _transport = (ITransport)transport;

        public override void DataReceived(ReadOnlySpan<byte> data) => _transport.Write(data);
    }

    [Test]
    public void RequestResponse_AllocatesNothingPerRoundTrip()
    {
        const int Measured = 5000;
        async Coroutine<long> Main()
        {
            var server = await Listen(() => new Echo());
            var (_, client) = await Loop.CreateConnection(() => new PingPong(Loop, warmUp: 2000, measured: Measured), "127.0.0.1", PortOf(server));
            long allocated = await client.AllocatedPerRun;
            server.Close();
            return allocated;
        }
        long bytes = Run(Main());
        Assert.That(bytes, Is.Zero, $"{bytes} bytes allocated over {Measured} round trips ({(double)bytes / Measured:0.##} B each)");
    }
}
