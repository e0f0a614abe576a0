using System.Diagnostics;
using System.Net;
using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// B7 and B8 of the design's benchmarks, run like the peers in udp.py and spawn.py. B7: 64-byte UDP ping-pong on
/// loopback between a client endpoint and an echo endpoint on the same loop, with 1 and 64 flows in flight (ops = round
/// trips). B8: spawn <c>/bin/echo hello</c>, read its stdout to the end, wait for it; one after another and 500 at once
/// (ops = children), against <see cref="System.Diagnostics.Process"/> on the thread pool.
/// </summary>
public static class IoWorkloads
{
    /// <summary>The datagram size of B7.</summary>
    public const int DatagramBytes = 64;

    /// <summary>All implementations.</summary>
    public static IEnumerable<Workload> All()
    {
        yield return new UdpPingPong(1);
        yield return new UdpPingPong(64);
        yield return new LoopSpawn(concurrent: false);
        yield return new LoopSpawn(concurrent: true);
        yield return new ProcessSpawn(concurrent: false);
        yield return new ProcessSpawn(concurrent: true);
    }

    private static int RoundTrips(Sizes sizes) => sizes.Callbacks / 10;

    /// <summary>Children per run of B8, warm-up runs included (nothing is reused between runs, so nothing grows).</summary>
    private const int Children = 500;

    private sealed class Echo : DatagramProtocol
    {
        private IDatagramTransport? _transport;

        public override void ConnectionMade(IBaseTransport transport) => _transport = (IDatagramTransport)transport;

        public override void DatagramReceived(ReadOnlySpan<byte> data, EndPoint address) => _transport!.SendTo(data, address);
    }

    private sealed class Flow(Future<bool> done, Counter counter) : DatagramProtocol
    {
        private IDatagramTransport? _transport;

        public override void ConnectionMade(IBaseTransport transport) => _transport = (IDatagramTransport)transport;

        public void Start() => _transport!.SendTo(new byte[DatagramBytes]);

        public override void DatagramReceived(ReadOnlySpan<byte> data, EndPoint address)
        {
            if (++counter.Done >= counter.Target)
            {
                done.TrySetResult(true);
                return;
            }
            if (counter.Sent < counter.Target)
            {
                counter.Sent++;
                _transport!.SendTo(data);
            }
        }
    }

    private sealed class Counter(int target)
    {
        public int Target { get; } = target;

        public int Sent;

        public int Done;
    }

    private sealed class UdpPingPong(int flows) : Workload
    {
        private readonly EventLoop _loop = new();

        public override string Name => flows == 1 ? "udp-pingpong" : $"udp-pingpong-{flows}";

        public override string Impl => "coroutines";

        public override Report Run(Sizes sizes)
        {
            int target = RoundTrips(sizes);
            var counter = new Counter(target);
            var (server, _) = _loop.RunUntilComplete(_loop.CreateDatagramEndpoint(() => new Echo(), new IPEndPoint(IPAddress.Loopback, 0)));
            var serverAddress = (EndPoint)server.GetExtraInfo("sockname")!;
            var done = new Future<bool>(_loop);
            var clients = new List<(IDatagramTransport Transport, Flow Protocol)>();
            for (int i = 0; i < flows; i++)
                clients.Add(_loop.RunUntilComplete(_loop.CreateDatagramEndpoint(() => new Flow(done, counter), remoteAddress: serverAddress)));
            var probe = Probe.Start();
            foreach (var (_, flow) in clients)
            {
                counter.Sent++;
                flow.Start();
            }
            _loop.RunUntilComplete(done);
            var report = probe.ToReport(Name, Impl, counter.Done);
            foreach (var (transport, _) in clients)
                transport.Close();
            server.Close();
            _loop.RunUntilComplete(Settle());   // the transports' ConnectionLost runs and their sockets close
            Check(counter.Done >= target, "every round trip came back");
            return report;
        }
    }

    private static async Coroutine Settle() => await Loop.Sleep(0.01);

    /// <summary>
    /// Adds this process's CPU time per child (every thread, not the children: getrusage RUSAGE_SELF), the figure the C,
    /// asyncio and uvloop spawn peers report too; <c>Process</c> does its work on thread-pool threads, which the loop
    /// thread's <c>cpu_ns_per_op</c> does not see.
    /// </summary>
    private static Report WithProcessCpu(Report report, TimeSpan processCpuAtStart, int children) =>
        report.With("process_cpu_ns_per_op", (Environment.CpuUsage.TotalTime - processCpuAtStart).Ticks * 100.0 / children);

    private sealed class LoopSpawn(bool concurrent) : Workload
    {
        private readonly EventLoop _loop = new();

        public override string Name => concurrent ? "spawn-echo-500" : "spawn-echo";

        public override string Impl => "coroutines";

        public override bool WarmUpUntilJitSettles => true;

        public override Report Run(Sizes sizes)
        {
            int children = Children;
            var processCpu = Environment.CpuUsage.TotalTime;
            var probe = Probe.Start();
            int bytes = _loop.RunUntilComplete(concurrent ? Concurrently(children) : OneByOne(children));
            var report = WithProcessCpu(probe.ToReport(Name, Impl, children), processCpu, children);
            Check(bytes == children * 6, "every child said hello");
            return report;
        }

        private static async Coroutine<int> One()
        {
            var process = await Loop.CreateSubprocessExec("/bin/echo", ["hello"], stdin: SubprocessStdio.Inherit, stderr: SubprocessStdio.Inherit);
            var output = await process.Stdout!.Read();
            await process.Wait();
            return output.Length;
        }

        private static async Coroutine<int> OneByOne(int children)
        {
            int bytes = 0;
            for (int i = 0; i < children; i++)
                bytes += await One();
            return bytes;
        }

        private static async Coroutine<int> Concurrently(int children)
        {
            var all = await Loop.Gather(Enumerable.Range(0, children).Select(_ => One()));
            return all.Sum();
        }
    }

    private sealed class ProcessSpawn(bool concurrent) : Workload
    {
        public override string Name => concurrent ? "spawn-echo-500" : "spawn-echo";

        public override string Impl => "dotnet-process";

        public override bool WarmUpUntilJitSettles => true;

        public override Report Run(Sizes sizes)
        {
            int children = Children;
            var processCpu = Environment.CpuUsage.TotalTime;
            var probe = Probe.Start();
            int bytes = concurrent
                ? Task.WhenAll(Enumerable.Range(0, children).Select(_ => One())).GetAwaiter().GetResult().Sum()
                : OneByOne(children).GetAwaiter().GetResult();
            var report = WithProcessCpu(probe.ToReport(Name, Impl, children), processCpu, children);
            Check(bytes == children * 6, "every child said hello");
            return report;
        }

        private static async Task<int> One()
        {
            using var process = Process.Start(new ProcessStartInfo("/bin/echo", "hello") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output.Length;
        }

        private static async Task<int> OneByOne(int children)
        {
            int bytes = 0;
            for (int i = 0; i < children; i++)
                bytes += await One();
            return bytes;
        }
    }
}
