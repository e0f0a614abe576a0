using BenchmarkDotNet.Attributes;
using Coroutines.Benchmarks.Workloads;

namespace Coroutines.Benchmarks.Suites;

/// <summary>Issue 4: the generated state machine against the compiler path, for 1000 × 1000 yields and for one call.</summary>
[Config(typeof(SuiteConfig))]
public class GeneratedBenchmarks
{
    private const int Tasks = 1000;
    private const int PerTask = 1000;
    private EventLoop _loop = null!;

    /// <summary>Creates the loop.</summary>
    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    /// <summary>Closes the loop.</summary>
    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    /// <summary>1000 compiler-path coroutines yielding 1000 times each, per resume.</summary>
    [Benchmark(OperationsPerInvoke = Tasks * PerTask, Baseline = true)]
    public void CompilerPathResumes() =>
        _loop.RunUntilComplete(ResumeWorkloads.RunYielders(Tasks, PerTask, GeneratedCoroutines.Yielder));

    /// <summary>The same with generated state machines (<c>YielderAsync</c>).</summary>
    [Benchmark(OperationsPerInvoke = Tasks * PerTask)]
    public void GeneratedResumes() =>
        _loop.RunUntilComplete(ResumeWorkloads.RunYielders(Tasks, PerTask, GeneratedCoroutines.YielderAsync));

    /// <summary>One compiler-path call (a cold frame).</summary>
    [Benchmark]
    public Coroutine CompilerPathCall() => GeneratedCoroutines.Yielder(1);

    /// <summary>One generated call (the state machine).</summary>
    [Benchmark]
    public Coroutine GeneratedCall() => GeneratedCoroutines.YielderAsync(1);
}
