using System.Net;
using System.Net.Sockets;
using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// The selector's busy-poll interval N: while callbacks are ready, the epoll loop asks the OS for events only every N
/// iterations. Each implementation runs a chain of callbacks (one callback per iteration, the worst case: an iteration
/// is as cheap as it gets) with one idle watched socket, so ns/op is the cost of an iteration including 1/N of an
/// <c>epoll_wait(0)</c>. A watched socket that becomes ready waits at most N iterations to be noticed. The
/// <c>no-watch</c> implementation is the same chain with nothing watched (no poll at all): the floor.
/// </summary>
public static class IoBusyPollWorkloads
{
    /// <summary>The workload name.</summary>
    public const string Name = "io-busy-poll";

    private static readonly int[] Intervals = [1, 2, 4, 8, 16, 32, 64];
    private static readonly List<Socket> s_peers = new();

    /// <summary>One implementation per interval, and the floor.</summary>
    public static IEnumerable<Workload> All() =>
        [.. Intervals.Select(n => (Workload)new BusyChain(n)), new BusyChain(0)];

    private sealed class BusyChain(int interval) : Workload
    {
        private readonly int _interval = interval;
        private readonly CallbackWorkloads.Counter _counter = new();
        private EventLoop? _loop;

        /// <summary>Made on first run (the catalog creates every workload; only a selected one needs a loop and sockets).</summary>
        private EventLoop Setup()
        {
            var loop = EventLoop.New(new EventLoopOptions { IoBackend = IoBackend.Epoll });
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            // Kept open for the life of the process (a quick run is one process), so the watched socket stays idle.
            var left = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            left.Connect(listener.LocalEndPoint!);
            s_peers.Add(listener.Accept());
            s_peers.Add(left);
            left.Blocking = false;
            if (_interval > 0)
            {
                loop.BusyPollInterval = _interval;
                loop.AddReader(left, static () => { });   // idle: nothing is ever sent
            }
            return loop;
        }

        public override string Name => IoBusyPollWorkloads.Name;

        public override string Impl => _interval == 0 ? "no-watch" : $"poll-every-{_interval}";

        public override Report Run(Sizes sizes)
        {
            var loop = _loop ??= Setup();
            _counter.Value = 0;
            long iterationsBefore = loop.Iterations;
            var probe = Probe.Start();
            CallbackWorkloads.RunLoopChain(loop, _counter, sizes.Callbacks);
            var report = probe.ToReport(Name, Impl, sizes.Callbacks);
            Check(_counter.Value == sizes.Callbacks, "every chained callback ran once");
            return report.With("iterations", loop.Iterations - iterationsBefore);
        }
    }
}
