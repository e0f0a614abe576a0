using BenchmarkDotNet.Attributes;
using Coroutines.Benchmarks.Harness;
using Coroutines.Benchmarks.Workloads;

namespace Coroutines.Benchmarks.Suites;

/// <summary>B3: future ping-pong, against <c>TaskCompletionSource</c> on a single-thread context and the raw-awaiter floor.</summary>
[Config(typeof(SuiteConfig))]
public class PingPongBenchmarks
{
    private const int Switches = 1_000_000;
    private readonly Dictionary<string, Workload> _peers = WorkloadCatalog.Create()
        .Where(w => w.Name == PingPongWorkloads.Name)
        .ToDictionary(w => w.Impl);
    private readonly Sizes _sizes = Sizes.Full with { Switches = Switches };

    /// <summary>Two coroutines handing over with fresh futures (asyncio semantics).</summary>
    [Benchmark(OperationsPerInvoke = Switches, Baseline = true)]
    public void LoopFutures() => _peers["coroutines"].Run(_sizes);

    /// <summary>Two coroutines handing over with reusable <see cref="AutoResetSignal"/>s.</summary>
    [Benchmark(OperationsPerInvoke = Switches)]
    public void LoopSignals() => _peers["coroutines-signal"].Run(_sizes);

    /// <summary>Two <c>async Task</c> methods handing over with <c>TaskCompletionSource</c>.</summary>
    [Benchmark(OperationsPerInvoke = Switches)]
    public void TaskCompletionSources() => _peers["tcs-synccontext"].Run(_sizes);

    /// <summary>The floor: a reusable custom awaiter on a bare continuation ring.</summary>
    [Benchmark(OperationsPerInvoke = Switches)]
    public void RawAwaiter() => _peers["raw-awaiter"].Run(_sizes);
}
