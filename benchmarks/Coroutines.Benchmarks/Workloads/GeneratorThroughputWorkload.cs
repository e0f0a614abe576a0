using Coroutines.Benchmarks.Harness;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Issue 4, generator throughput: one <c>RunGenerators</c> of a fresh <see cref="CSharpGeneratorDriver"/> over the
/// 1,000 methods of <see cref="ThroughputProject"/>. A fresh driver has no cached pipeline state, so every run parses,
/// models and emits all 1,000 machines, as a clean build does; the compilation is the same object from run to run, so
/// its declarations (not its method bodies: each run's semantic models bind those again) are warm after the first run,
/// as they are for the compiler once the generator has run. Besides the headline (warm JIT) it reports
/// <c>cold_ms</c>, its first run in the process (JIT and compilation cold: a fresh compiler process), and
/// <c>incremental_ms</c>, the same driver re-run after an edit inside one method body, as in an IDE.
/// </summary>
public sealed class GeneratorThroughputWorkload : Workload
{
    /// <summary>How many <c>[Coroutine]</c> methods the project has.</summary>
    public const int Methods = ThroughputProject.Methods;

    private const string ImplName = "coroutine-generator";

    private double? _coldMs;
    private (int Reparsed, int Reemitted)? _incrementalSteps;

    /// <summary>The in-memory project, built once.</summary>
    public CSharpCompilation Compilation { get; } = ThroughputProject.CreateCompilation();

    /// <inheritdoc />
    public override string Name => GeneratorThroughputWorkloads.Name;

    /// <inheritdoc />
    public override string Impl => ImplName;

    /// <inheritdoc />
    public override bool WarmUpAtFullSize => false;

    /// <summary>A driver with nothing cached, like the one a clean build starts with.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new CoroutineGenerator().AsSourceGenerator()],
        parseOptions: ThroughputProject.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <inheritdoc />
    public override Report Run(Sizes sizes)
    {
        var (report, driver) = GeneratorThroughputWorkloads.Time(Impl, () => CreateDriver().RunGenerators(Compilation));
        var result = driver.GetRunResult();
        Check(result.Diagnostics.IsEmpty, "the generator reported no diagnostics on the 1,000 methods");
        Check(result.GeneratedTrees.Length >= Methods, "a machine was generated for every method");
        _coldMs ??= GeneratorThroughputWorkloads.TotalMs(report);

        var edited = ThroughputProject.WithOneMethodEdited(Compilation);
        var (incremental, rerun) = GeneratorThroughputWorkloads.Time(Impl, () => driver.RunGenerators(edited));
        int changed = rerun.GetRunResult().GeneratedTrees.Zip(result.GeneratedTrees, (after, before) => after.ToString() != before.ToString()).Count(c => c);
        Check(changed == 1, "the edit changed exactly one generated file");
        _incrementalSteps ??= CountIncrementalSteps();

        return report
            .With("cold_ms", _coldMs.Value)
            .With("incremental_ms", GeneratorThroughputWorkloads.TotalMs(incremental))
            .With("incremental_reparsed", _incrementalSteps.Value.Reparsed)
            .With("incremental_reemitted", _incrementalSteps.Value.Reemitted);
    }

    /// <summary>
    /// How many methods the incremental run parses and emits again, counted once on a driver that tracks its steps.
    /// Outputs that were recomputed are Modified or Unchanged (same value); Cached ones were not computed.
    /// </summary>
    private (int Reparsed, int Reemitted) CountIncrementalSteps()
    {
        var driver = CreateDriver(trackSteps: true).RunGenerators(Compilation).RunGenerators(ThroughputProject.WithOneMethodEdited(Compilation));
        var steps = driver.GetRunResult().Results[0].TrackedSteps;
        static int Ran(IEnumerable<IncrementalGeneratorRunStep> runs) =>
            runs.SelectMany(run => run.Outputs).Count(o => o.Reason is not IncrementalStepRunReason.Cached);
        return (Ran(steps[TrackingNames.ParseResults]), Ran(steps[TrackingNames.GeneratedSources]));
    }
}
