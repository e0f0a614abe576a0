using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Harness;
using Nito.AsyncEx;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// B4, resumes: T coroutines each yielding R times (<c>await Loop.Yield()</c>, asyncio's <c>sleep(0)</c>),
/// so every loop iteration resumes all T. Deep: 1000 × 1000; wide: 100k × 10. The cost per resume includes
/// creating and finishing the T tasks, spread over T × R resumes; <c>resume_bytes_per_op</c> counts only what
/// was allocated after the tasks were created.
/// </summary>
public static class ResumeWorkloads
{
    /// <summary>Workload name of 1000 × 1000.</summary>
    public const string Deep = "resumes";

    /// <summary>Workload name of 100k × 10.</summary>
    public const string Wide = "resumes-wide";

    /// <summary>All implementations.</summary>
    public static IEnumerable<Workload> All()
    {
        foreach (var wide in new[] { false, true })
        {
            yield return new LoopResumes(wide);
            yield return new TaskYieldResumes(wide);
            yield return new AsyncContextResumes(wide);
            yield return new RawResumes(wide);
        }
    }

    /// <summary>A coroutine that yields <paramref name="count"/> times.</summary>
    public static async Coroutine Yielder(int count)
    {
        for (int i = 0; i < count; i++)
            await Loop.Yield();
    }

    /// <summary>Allocated bytes of this thread once every yielder was created: what follows is the resumes' share.</summary>
    [ThreadStatic] private static long t_bytesAfterSpawn;

    /// <summary>Allocated bytes of this thread when the last <see cref="RunYielders(int, int)"/> had created its tasks.</summary>
    public static long BytesAfterSpawn => t_bytesAfterSpawn;

    /// <summary>Starts <paramref name="tasks"/> yielders as tasks and waits for all of them.</summary>
    public static Coroutine RunYielders(int tasks, int count) => RunYielders(tasks, count, Yielder);

    /// <summary>Starts <paramref name="tasks"/> coroutines made by <paramref name="yielder"/> and waits for all of them.</summary>
    public static async Coroutine RunYielders(int tasks, int count, Func<int, Coroutine> yielder)
    {
        var all = new CoroutineTask[tasks];
        for (int i = 0; i < tasks; i++)
            all[i] = Loop.CreateTask(yielder(count));
        t_bytesAfterSpawn = GC.GetAllocatedBytesForCurrentThread();
        foreach (var task in all)
            await task;
    }

    /// <summary>The plain .NET peer: an <c>async Task</c> method yielding with <see cref="Task.Yield"/>.</summary>
    public static async Task TaskYielder(int count)
    {
        for (int i = 0; i < count; i++)
            await Task.Yield();
    }

    /// <summary>Starts <paramref name="tasks"/> <see cref="TaskYielder"/>s and waits for all of them.</summary>
    public static Task RunTaskYielders(int tasks, int count)
    {
        var all = new Task[tasks];
        for (int i = 0; i < tasks; i++)
            all[i] = TaskYielder(count);
        return Task.WhenAll(all);
    }

    /// <summary>The floor: an <c>async Task</c> method yielding through a bare custom awaiter.</summary>
    public static async Task RawYielder(RawScheduler scheduler, int count)
    {
        for (int i = 0; i < count; i++)
            await scheduler.Yield();
    }

    private static (int Tasks, int Count) Shape(Sizes sizes, bool wide) =>
        wide ? (sizes.WideTasks, sizes.WideResumesPerTask) : (sizes.ResumeTasks, sizes.ResumesPerTask);

    private sealed class LoopResumes(bool wide) : Workload
    {
        private readonly EventLoop _loop = new();

        public override string Name => wide ? Wide : Deep;

        public override string Impl => "coroutines";

        public override Report Run(Sizes sizes)
        {
            var (tasks, count) = Shape(sizes, wide);
            long iterationsBefore = _loop.Iterations;
            var probe = Probe.Start();
            _loop.RunUntilComplete(RunYielders(tasks, count));
            long resumeBytes = GC.GetAllocatedBytesForCurrentThread() - t_bytesAfterSpawn;
            var report = probe.ToReport(Name, Impl, (long)tasks * count);
            Check(_loop.Iterations - iterationsBefore >= count, "each yield took a loop iteration");
            return report.With("resume_bytes_per_op", (double)resumeBytes / ((long)tasks * count));
        }
    }

    private sealed class TaskYieldResumes(bool wide) : Workload
    {
        private readonly SingleThreadContext _context = new();

        public override string Name => wide ? Wide : Deep;

        public override string Impl => "task-yield";

        public override Report Run(Sizes sizes)
        {
            var (tasks, count) = Shape(sizes, wide);
            var probe = Probe.Start();
            _context.Run(() => RunTaskYielders(tasks, count));
            return probe.ToReport(Name, Impl, (long)tasks * count);
        }
    }

    private sealed class AsyncContextResumes(bool wide) : Workload
    {
        public override string Name => wide ? Wide : Deep;

        public override string Impl => "nito-asynccontext";

        public override Report Run(Sizes sizes)
        {
            var (tasks, count) = Shape(sizes, wide);
            var probe = Probe.Start();
            AsyncContext.Run(() => RunTaskYielders(tasks, count));
            return probe.ToReport(Name, Impl, (long)tasks * count);
        }
    }

    private sealed class RawResumes(bool wide) : Workload
    {
        private readonly RawScheduler _scheduler = new();

        public override string Name => wide ? Wide : Deep;

        public override string Impl => "raw-awaiter";

        public override Report Run(Sizes sizes)
        {
            var (tasks, count) = Shape(sizes, wide);
            var all = new Task[tasks];
            var probe = Probe.Start();
            for (int i = 0; i < tasks; i++)
                all[i] = RawYielder(_scheduler, count);
            _scheduler.Drain();
            var report = probe.ToReport(Name, Impl, (long)tasks * count);
            Check(all.All(t => t.IsCompletedSuccessfully), "every raw yielder finished");
            return report;
        }
    }
}
