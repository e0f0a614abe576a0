using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Issue 4, bytes per suspended coroutine: N tasks (100k; 10k with <c>--small</c>) whose coroutine, made by the
/// generated <c>ParkedAsync</c> or by the compiler path, parks on one shared future. bytes/op is the memory
/// retained per parked task (<see cref="GC.GetTotalMemory(bool)"/> deltas, nothing subtracted); ns/op is the
/// cost of waking them. <c>frame_bytes</c> and <c>task_bytes</c> split it: what creating the coroutine frame and
/// what <c>CreateTask</c> allocated per task; <c>other_bytes</c> is the rest (the loop's queues and registry).
/// </summary>
public static class GeneratedParkWorkloads
{
    /// <summary>The workload name.</summary>
    public const string Name = "park-generated";

    /// <summary>Both paths.</summary>
    public static IEnumerable<Workload> All() => GeneratedPathExtensions.Both.Select(path => new Park(path));

    private sealed class Park(GeneratedPath path) : Workload
    {
        private readonly EventLoop _loop = new();

        public override string Name => GeneratedParkWorkloads.Name;

        public override string Impl => path.ImplName();

        public override Report Run(Sizes sizes)
        {
            int count = sizes.ParkSmall;
            long frameBytes = 0, taskBytes = 0;
            var (retained, wakeNs) = ParkWorkloads.ParkAndWake(_loop, count, (gate, woken) =>
            {
                for (int i = 0; i < count; i++)
                {
                    long start = GC.GetAllocatedBytesForCurrentThread();
                    var coroutine = path.Parked(gate, woken);
                    long made = GC.GetAllocatedBytesForCurrentThread();
                    gate.Loop.CreateTask(coroutine);
                    frameBytes += made - start;
                    taskBytes += GC.GetAllocatedBytesForCurrentThread() - made;
                }
            });
            double perTask = (double)retained / count, frame = (double)frameBytes / count, task = (double)taskBytes / count;
            return new Report(Name, Impl, count, wakeNs / count, perTask)
                .With("frame_bytes", frame)
                .With("task_bytes", task)
                .With("other_bytes", perTask - frame - task)
                .With("retained_bytes", retained);
        }
    }
}
