using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Coroutines.Benchmarks.Suites;

/// <summary>
/// The BenchmarkDotNet configuration of every suite: allocations per operation (MemoryDiagnoser) and a short
/// job, since each invocation already runs an explicit inner loop of up to millions of operations.
/// </summary>
public sealed class SuiteConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public SuiteConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8));
    }
}
