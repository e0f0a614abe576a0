using BenchmarkDotNet.Attributes;
using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Workloads;
using Nito.AsyncEx;

namespace Coroutines.Benchmarks.Suites;

/// <summary>B4: T coroutines × R yields (1000 × 1000 and 100k × 10) against <c>Task.Yield</c> and a raw awaiter.</summary>
[Config(typeof(SuiteConfig))]
public class ResumeBenchmarks
{
    private const int Resumes = 1_000_000;
    private readonly SingleThreadContext _context = new();
    private readonly RawScheduler _scheduler = new();
    private EventLoop _loop = null!;

    /// <summary>Coroutines in the run; each yields <c>1_000_000 / Tasks</c> times.</summary>
    [Params(1000, 100_000)]
    public int Tasks { get; set; }

    private int PerTask => Resumes / Tasks;

    /// <summary>Creates the loop.</summary>
    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    /// <summary>Closes the loop.</summary>
    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    /// <summary>Coroutines yielding with <c>await Loop.Yield()</c>.</summary>
    [Benchmark(OperationsPerInvoke = Resumes, Baseline = true)]
    public void LoopYield() => _loop.RunUntilComplete(ResumeWorkloads.RunYielders(Tasks, PerTask));

    /// <summary><c>async Task</c> with <c>Task.Yield</c> on a minimal single-thread context.</summary>
    [Benchmark(OperationsPerInvoke = Resumes)]
    public void TaskYield() => _context.Run(() => ResumeWorkloads.RunTaskYielders(Tasks, PerTask));

    /// <summary><c>async Task</c> with <c>Task.Yield</c> in Nito.AsyncEx <c>AsyncContext</c>.</summary>
    [Benchmark(OperationsPerInvoke = Resumes)]
    public void NitoAsyncContext() => AsyncContext.Run(() => ResumeWorkloads.RunTaskYielders(Tasks, PerTask));

    /// <summary>The floor: a custom awaiter on a bare continuation ring.</summary>
    [Benchmark(OperationsPerInvoke = Resumes)]
    public void RawAwaiter()
    {
        for (int i = 0; i < Tasks; i++)
            _ = ResumeWorkloads.RawYielder(_scheduler, PerTask);
        _scheduler.Drain();
    }
}
