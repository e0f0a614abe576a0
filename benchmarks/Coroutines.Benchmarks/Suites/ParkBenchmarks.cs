using BenchmarkDotNet.Attributes;
using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Workloads;

namespace Coroutines.Benchmarks.Suites;

/// <summary>
/// B5: spawn N tasks parked on one future, then wake them all; the allocation column is bytes per task over
/// the whole life (quick mode reports the bytes retained while parked).
/// </summary>
[Config(typeof(SuiteConfig))]
public class ParkBenchmarks
{
    /// <summary>Tasks parked per invocation.</summary>
    [Params(100_000, 1_000_000)]
    public int Tasks { get; set; }

    /// <summary>Coroutine tasks awaiting a <see cref="Future{T}"/>.</summary>
    [Benchmark(Baseline = true)]
    public void LoopTasks()
    {
        using var loop = new EventLoop();
        var gate = new Future<bool>(loop);
        var woken = new ParkWorkloads.WakeCount { Expected = Tasks };
        for (int i = 0; i < Tasks; i++)
            loop.CreateTask(ParkWorkloads.Parked(gate, woken));
        loop.Stop();
        loop.RunForever();
        gate.SetResult(true);
        loop.RunForever();
    }

    /// <summary><c>async Task</c> methods awaiting a <see cref="TaskCompletionSource"/> on a single-thread context.</summary>
    [Benchmark]
    public void AsyncTasks()
    {
        var context = new SingleThreadContext();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var woken = new ParkWorkloads.WakeCount { Expected = Tasks };
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            for (int i = 0; i < Tasks; i++)
                _ = ParkWorkloads.ParkedTask(gate.Task, woken);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        gate.SetResult();
        context.RunUntilIdle();
    }
}
