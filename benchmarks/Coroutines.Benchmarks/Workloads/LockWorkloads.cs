using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Issue 3, uncontended lock: one coroutine acquiring and releasing an <see cref="AsyncLock"/> N times with
/// <c>using (await l.Acquire())</c>. Nobody else wants the lock, so no acquisition suspends; the target is
/// 0 B per acquisition. The .NET peer is <see cref="SemaphoreSlim.WaitAsync()"/> / <c>Release</c> in an
/// <c>async Task</c> on the single-thread context, the usual async lock of .NET code.
/// </summary>
public static class LockWorkloads
{
    /// <summary>Workload name.</summary>
    public const string Name = "lock-uncontended";

    /// <summary>All implementations.</summary>
    public static IEnumerable<Workload> All()
    {
        yield return new LoopLock();
        yield return new SemaphoreSlimLock();
    }

    /// <summary>Acquires and releases <paramref name="gate"/> <paramref name="count"/> times; returns the count inside.</summary>
    public static async Coroutine<int> AcquireMany(AsyncLock gate, int count)
    {
        int inside = 0;
        for (int i = 0; i < count; i++)
        {
            using (await gate.Acquire())
                inside++;
        }
        return inside;
    }

    /// <summary>The plain .NET peer: <see cref="SemaphoreSlim"/> as an async lock.</summary>
    public static async Task<int> WaitMany(SemaphoreSlim gate, int count)
    {
        int inside = 0;
        for (int i = 0; i < count; i++)
        {
            await gate.WaitAsync();
            try
            {
                inside++;
            }
            finally
            {
                gate.Release();
            }
        }
        return inside;
    }

    private sealed class LoopLock : Workload
    {
        private readonly EventLoop _loop = new();
        private readonly AsyncLock _lock = new();

        public override string Name => LockWorkloads.Name;

        public override string Impl => "coroutines";

        public override Report Run(Sizes sizes)
        {
            int count = sizes.LockAcquisitions;
            var probe = Probe.Start();
            int inside = _loop.RunUntilComplete(AcquireMany(_lock, count));
            var report = probe.ToReport(Name, Impl, count);
            Check(inside == count && !_lock.Locked, "every acquisition entered and released the lock");
            return report;
        }
    }

    private sealed class SemaphoreSlimLock : Workload
    {
        private readonly SingleThreadContext _context = new();
        private readonly SemaphoreSlim _gate = new(1, 1);

        public override string Name => LockWorkloads.Name;

        public override string Impl => "semaphoreslim";

        public override Report Run(Sizes sizes)
        {
            int count = sizes.LockAcquisitions;
            int inside = 0;
            var probe = Probe.Start();
            _context.Run(async () => inside = await WaitMany(_gate, count));
            var report = probe.ToReport(Name, Impl, count);
            Check(inside == count && _gate.CurrentCount == 1, "every acquisition entered and released the semaphore");
            return report;
        }
    }
}
