using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Workloads;

namespace Coroutines.Benchmarks.Suites;

/// <summary>
/// B2 without the wait: schedule 1M timers, cancel every other one, fire the rest. The loop runs on virtual
/// time and the heap drains back to back, so the figure is the data-structure cost per timer; quick mode
/// measures the real-time drain (thread CPU time, overshoot, order).
/// </summary>
[Config(typeof(SuiteConfig))]
public class TimerBenchmarks
{
    private const int N = 1_000_000;
    private static readonly Action<object> s_fire = static _ => { };
    private TimerWorkloads.Plan _plan = null!;
    private readonly TimerHandle[] _handles = new TimerHandle[N];
    private readonly TimerHeap.Entry[] _entries = new TimerHeap.Entry[N];

    /// <summary>Draws the random deadlines once.</summary>
    [GlobalSetup]
    public void Setup() => _plan = new TimerWorkloads.Plan(N);

    /// <summary>The loop's timing wheel.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void TimingWheel()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        for (int i = 0; i < N; i++)
            _handles[i] = loop.CallAt(_plan.Offsets[i], s_fire, _plan.Boxes[i]);
        for (int i = 1; i < N; i += 2)
            _handles[i].Cancel();
        loop.CallAt(2.0, static l => l.Stop(), loop);
        loop.RunForever();
    }

    /// <summary>The baseline: a <c>PriorityQueue</c> heap with lazy cancellation.</summary>
    [Benchmark(OperationsPerInvoke = N, Baseline = true)]
    public void PriorityQueueHeap()
    {
        var heap = new TimerHeap();
        for (int i = 0; i < N; i++)
            _entries[i] = heap.CallAt(_plan.Offsets[i], s_fire, _plan.Boxes[i]);
        for (int i = 1; i < N; i += 2)
            _entries[i].Cancel();
        heap.RunUntilEmpty(waitForDeadlines: false);
    }
}
