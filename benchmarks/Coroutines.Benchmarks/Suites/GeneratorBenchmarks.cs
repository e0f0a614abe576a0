using BenchmarkDotNet.Attributes;
using Coroutines.Benchmarks.Workloads;
using Microsoft.CodeAnalysis;

namespace Coroutines.Benchmarks.Suites;

/// <summary>Issue 4: one clean generator run over a project of 1,000 <c>[Coroutine]</c> methods, per method.</summary>
[Config(typeof(SuiteConfig))]
public class GeneratorBenchmarks
{
    private readonly GeneratorThroughputWorkload _workload = new();

    /// <summary>A fresh driver (nothing cached) running the generator over the 1,000 methods.</summary>
    [Benchmark(OperationsPerInvoke = GeneratorThroughputWorkload.Methods)]
    public GeneratorDriver RunGenerators() => GeneratorThroughputWorkload.CreateDriver().RunGenerators(_workload.Compilation);
}
