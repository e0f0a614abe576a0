using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// B5, spawn and park: N tasks that each await one shared future, measured for what a parked task retains
/// (<see cref="GC.GetTotalMemory(bool)"/> after a full collection, before spawning and once all are parked,
/// divided by N) and what waking them all costs per task. Spawn cost per task is reported too.
/// The headline ns/op is the wake cost; bytes/op is the retained size.
/// </summary>
/// <remarks>
/// Like the other workloads this measures steady state: the loop (and the peer's context) already ran a
/// round of the same size, so the ready queue and the task registry have their capacity and what is
/// measured is what each parked task adds. A loop that has never run so many tasks also keeps the ready
/// queue's high-water mark (24 B per task that started in the same iteration).
/// </remarks>
public static class ParkWorkloads
{
    /// <summary>Workload name of the 100k run.</summary>
    public const string Small = "park-100k";

    /// <summary>Workload name of the 1M run.</summary>
    public const string Large = "park-1m";

    /// <summary>All implementations.</summary>
    public static IEnumerable<Workload> All()
    {
        foreach (var large in new[] { false, true })
        {
            yield return new LoopPark(large);
            yield return new AsyncTaskPark(large);
        }
    }

    /// <summary>Counts tasks that woke up.</summary>
    public sealed class WakeCount
    {
        /// <summary>Tasks that got past the gate.</summary>
        public int Value;

        /// <summary>How many are expected; the last one stops the loop.</summary>
        public int Expected;
    }

    /// <summary>A coroutine that parks on <paramref name="gate"/> and counts itself when woken.</summary>
    public static async Coroutine Parked(Future<bool> gate, WakeCount woken)
    {
        await gate;
        if (++woken.Value == woken.Expected)
            gate.Loop.Stop();
    }

    /// <summary>The plain .NET peer: an <c>async Task</c> awaiting a <see cref="TaskCompletionSource"/>.</summary>
    public static async Task ParkedTask(Task gate, WakeCount woken)
    {
        await gate;
        woken.Value++;
    }

    private static int CountOf(Sizes sizes, bool large) => large ? sizes.ParkLarge : sizes.ParkSmall;

    private static Report Describe(string name, string impl, int count, long spawnTicks, long retained, double wakeNs) =>
        new Report(name, impl, count, wakeNs / count, (double)retained / count)
            .With("spawn_ns", spawnTicks * 100.0 / count)
            .With("retained_bytes", retained);

    private sealed class LoopPark(bool large) : Workload
    {
        private readonly EventLoop _loop = new();

        public override string Name => large ? Large : Small;

        public override string Impl => "coroutines";

        public override Report Run(Sizes sizes)
        {
            int count = CountOf(sizes, large);
            long spawnTicks = 0;
            var (retained, wakeNs) = ParkAndWake(_loop, count, (gate, woken) =>
            {
                long spawnStart = DateTime.UtcNow.Ticks;
                for (int i = 0; i < count; i++)
                    gate.Loop.CreateTask(Parked(gate, woken));
                spawnTicks = DateTime.UtcNow.Ticks - spawnStart;
            });
            return Describe(Name, Impl, count, spawnTicks, retained, wakeNs);
        }
    }

    /// <summary>
    /// Parks <paramref name="count"/> tasks on one gate of <paramref name="loop"/> and wakes them: <paramref name="spawn"/>
    /// creates the tasks (given the gate and the wake counter), one loop iteration parks them all. Returns the bytes
    /// retained once they are parked (<see cref="GC.GetTotalMemory(bool)"/> delta) and the nanoseconds waking them took.
    /// </summary>
    public static (long Retained, double WakeNs) ParkAndWake(EventLoop loop, int count, Action<Future<bool>, WakeCount> spawn)
    {
        var gate = new Future<bool>(loop);
        var woken = new WakeCount { Expected = count };
        long before = GC.GetTotalMemory(forceFullCollection: true);
        spawn(gate, woken);
        loop.Stop();        // run exactly one iteration: every task starts and parks on the gate
        loop.RunForever();
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        Workload.Check(woken.Value == 0 && loop.AllTasks().Count == count, "every task is parked");
        var probe = Probe.Start();
        gate.SetResult(true);
        loop.RunForever();
        double wakeNs = probe.ElapsedNs;
        Workload.Check(woken.Value == count, "every parked task woke up");
        GC.KeepAlive(gate);
        return (retained, wakeNs);
    }

    private sealed class AsyncTaskPark(bool large) : Workload
    {
        private readonly SingleThreadContext _context = new();

        public override string Name => large ? Large : Small;

        public override string Impl => "async-task";

        public override Report Run(Sizes sizes)
        {
            int count = CountOf(sizes, large);
            var context = _context;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var woken = new WakeCount { Expected = count };
            long before = GC.GetTotalMemory(forceFullCollection: true);
            long spawnStart = DateTime.UtcNow.Ticks;
            var previous = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                for (int i = 0; i < count; i++)
                    _ = ParkedTask(gate.Task, woken);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }
            long spawnTicks = DateTime.UtcNow.Ticks - spawnStart;
            long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
            Check(woken.Value == 0, "every task is parked");
            var probe = Probe.Start();
            gate.SetResult();
            context.RunUntilIdle();
            double wakeNs = probe.ElapsedNs;
            Check(woken.Value == count, "every parked task woke up");
            return Describe(Name, Impl, count, spawnTicks, retained, wakeNs);
        }
    }
}
