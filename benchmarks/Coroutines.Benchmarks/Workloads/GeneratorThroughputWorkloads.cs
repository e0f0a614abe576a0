using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Harness;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Issue 4, generator throughput: one <c>RunGenerators</c> of a fresh <see cref="CSharpGeneratorDriver"/> over the
/// 1,000 methods of <see cref="ThroughputProject"/>, as a clean build does, next to what any generator or the compiler
/// pays for the same methods: <c>semantic-bind-one</c> and <c>semantic-walk-all</c> are do-nothing generators that
/// query the semantic model of each <c>[Coroutine]</c> method (once, or on every node), <c>compiler-diagnostics</c> is
/// <c>Compilation.GetDiagnostics()</c> (binding and flow analysis of every method body, no emit). ns/op is per method.
/// </summary>
public static class GeneratorThroughputWorkloads
{
    /// <summary>The workload name.</summary>
    public const string Name = "generator-throughput";

    /// <summary>The generator and its context, in that order (the first one in a process gets the cold figures).</summary>
    public static IEnumerable<Workload> All() =>
    [
        new GeneratorThroughputWorkload(),
        new SemanticFloor(SemanticWalkGenerator.Mode.BindOne),
        new SemanticFloor(SemanticWalkGenerator.Mode.WalkAll),
        new CompilerDiagnostics(),
    ];

    /// <summary>
    /// Runs <paramref name="action"/> over the 1,000 methods, timed by wall clock and by this thread's CPU time (the
    /// driver and the compiler run on the calling thread, so CPU time is the figure that a busy machine inflates least).
    /// </summary>
    internal static (Report Report, T Result) Time<T>(string impl, Func<T> action)
    {
        long cpuStart = ThreadCpuClock.NowNs();
        var probe = Probe.Start();
        var result = action();
        var report = probe.ToReport(Name, impl, ThroughputProject.Methods);
        double cpuMs = (ThreadCpuClock.NowNs() - cpuStart) / 1e6;
        return (report.With("total_ms", TotalMs(report)).With("cpu_ms", cpuMs), result);
    }

    /// <summary>The wall time of a whole run, in milliseconds.</summary>
    internal static double TotalMs(Report report) => report.NsPerOp * ThroughputProject.Methods / 1e6;

    private sealed class SemanticFloor(SemanticWalkGenerator.Mode mode) : Workload
    {
        private readonly CSharpCompilation _compilation = ThroughputProject.CreateCompilation();

        public override string Name => GeneratorThroughputWorkloads.Name;

        public override string Impl => mode == SemanticWalkGenerator.Mode.BindOne ? "semantic-bind-one" : "semantic-walk-all";

        public override bool WarmUpAtFullSize => false;

        private double? _coldMs;

        public override Report Run(Sizes sizes)
        {
            var generator = new SemanticWalkGenerator(mode);
            var driver = CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: ThroughputProject.ParseOptions);
            var (report, _) = Time(Impl, () => driver.RunGenerators(_compilation));
            Check(generator.MethodsVisited == ThroughputProject.Methods, "the walk visited every [Coroutine] method");
            _coldMs ??= TotalMs(report);
            return report.With("cold_ms", _coldMs.Value).With("symbols", generator.SymbolsFound);
        }
    }

    private sealed class CompilerDiagnostics : Workload
    {
        /// <summary>Without concurrent build, as the driver: the compiler would otherwise bind methods on other threads.</summary>
        private readonly CSharpCompilation _compilation = SingleThreaded(ThroughputProject.CreateCompilation());

        public override string Name => GeneratorThroughputWorkloads.Name;

        public override string Impl => "compiler-diagnostics";

        public override bool WarmUpAtFullSize => false;

        private double? _coldMs;

        /// <summary>
        /// A compilation caches its diagnostics, so each run takes a clone whose declarations are bound before the
        /// clock starts (as the generator's compilation has them warm): what is timed is the method bodies.
        /// </summary>
        public override Report Run(Sizes sizes)
        {
            var compilation = _compilation.Clone();
            compilation.GetDeclarationDiagnostics();
            var (report, diagnostics) = Time(Impl, () => compilation.GetDiagnostics());
            Check(!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), "the project compiles without errors");
            _coldMs ??= TotalMs(report);
            return report.With("cold_ms", _coldMs.Value);
        }

        private static CSharpCompilation SingleThreaded(CSharpCompilation compilation) =>
            compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
    }
}
