using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Issue 12, bursts on a fresh loop and eager tasks. The steady-state workloads reuse one loop, whose ready queue has
/// long grown to its largest size; a short program or a first burst (a gather of 100k, a flood of accepts) meets a
/// new loop instead. The <c>-fresh</c> workloads create the loop inside the measured run (and close it). The
/// <c>gather-100k-hits</c> workload gathers children that return without suspending (cache hits), once with ordinary
/// tasks and once with eager tasks (<see cref="EventLoop.EagerTasks"/>, asyncio 3.12's <c>eager_task_factory</c>).
/// </summary>
public static class BurstWorkloads
{
    /// <summary>1M <c>CallSoon</c> batched on a new loop.</summary>
    public const string CallbacksFresh = "callbacks-batch-fresh";

    /// <summary><see cref="GatherWorkloads.Name"/> on a new loop.</summary>
    public const string GatherFresh = "gather-100k-fresh";

    /// <summary>A gather of 100k children that return without suspending.</summary>
    public const string GatherHits = "gather-100k-hits";

    /// <summary>All implementations.</summary>
    public static IEnumerable<Workload> All() =>
    [
        new FreshCallbacks(), new FreshGather(), new GatherOfHits(eager: false), new GatherOfHits(eager: true),
    ];

    /// <summary>The cache-hit child: it returns at once (the branch that would suspend is never taken).</summary>
    public static async Coroutine<int> CacheHit(int value)
    {
        if (value < 0)
            await Loop.Yield();
        return value;
    }

    private static long Expected(int count) => (long)count * (count - 1) / 2;

    private sealed class FreshCallbacks : Workload
    {
        private readonly CallbackWorkloads.Counter _counter = new();

        public override string Name => CallbacksFresh;

        public override string Impl => "coroutines";

        public override bool WarmUpAtFullSize => false;

        public override Report Run(Sizes sizes)
        {
            _counter.Value = 0;
            int gen2Before = GC.CollectionCount(2);
            var probe = Probe.Start();
            using (var loop = new EventLoop())
                CallbackWorkloads.RunLoopBatch(loop, _counter, sizes.Callbacks);
            var report = probe.ToReport(Name, Impl, sizes.Callbacks);
            Check(_counter.Value == sizes.Callbacks, "every batched callback ran once");
            return report.With("gen2", GC.CollectionCount(2) - gen2Before);
        }
    }

    private sealed class FreshGather : Workload
    {
        public override string Name => GatherFresh;

        public override string Impl => "coroutines";

        public override bool WarmUpAtFullSize => false;

        public override Report Run(Sizes sizes)
        {
            int count = sizes.Gathered;
            int gen2Before = GC.CollectionCount(2);
            var probe = Probe.Start();
            long sum;
            using (var loop = new EventLoop())
                sum = loop.RunUntilComplete(GatherWorkloads.GatherTrivial(count));
            var report = probe.ToReport(Name, Impl, count);
            Check(sum == Expected(count), "gather returned every child's result");
            return report.With("gen2", GC.CollectionCount(2) - gen2Before);
        }
    }

    private sealed class GatherOfHits(bool eager) : Workload
    {
        private readonly EventLoop _loop = new(new EventLoopOptions { EagerTasks = eager });

        public override string Name => GatherHits;

        public override string Impl => eager ? "coroutines-eager" : "coroutines";

        public override Report Run(Sizes sizes)
        {
            int count = sizes.Gathered;
            long iterationsBefore = _loop.Iterations;
            var probe = Probe.Start();
            long sum = _loop.RunUntilComplete(GatherWorkloads.GatherOf(count, CacheHit));
            var report = probe.ToReport(Name, Impl, count);
            Check(sum == Expected(count), "gather returned every child's result");
            return report.With("iterations", _loop.Iterations - iterationsBefore);
        }
    }
}
