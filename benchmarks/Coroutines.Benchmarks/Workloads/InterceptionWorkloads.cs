using Coroutines.Benchmarks.Harness;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// The cost of finding and intercepting the calls of <c>[Coroutine]</c> methods: the whole generator over
/// <see cref="InterceptionProject"/> (10,000 call sites, 1,000 of them coroutine calls, 100 coroutines), warm, with
/// interception on (<c>intercepting</c>) and off (<c>not-intercepting</c>: the same project without the feature, so
/// the interception pipeline stops before binding anything); the difference is the discovery. Each reports
/// <c>incremental_ms</c>, the same driver after one call site's argument changed, as in an IDE (the median of nine
/// such edits). ns/op is per call site.
/// </summary>
public static class InterceptionWorkloads
{
    /// <summary>The workload name.</summary>
    public const string Name = "interception-discovery";

    /// <summary>With interception on, then off.</summary>
    public static IEnumerable<Workload> All() => [new Discovery(intercepting: true), new Discovery(intercepting: false)];

    private sealed class Discovery(bool intercepting) : Workload
    {
        private readonly CSharpCompilation _compilation =
            InterceptionProject.CreateCompilation(intercepting ? InterceptionProject.Intercepting : InterceptionProject.Plain);

        private (int FilesReread, int Reread, int Regenerated)? _incrementalSteps;

        public override string Name => InterceptionWorkloads.Name;

        public override string Impl => intercepting ? "intercepting" : "not-intercepting";

        public override bool WarmUpAtFullSize => false;

        private GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
            [new CoroutineGenerator().AsSourceGenerator()],
            parseOptions: (CSharpParseOptions)_compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

        public override Report Run(Sizes sizes)
        {
            var (report, _, driver) = Time(() => CreateDriver().RunGenerators(_compilation));
            var result = driver.GetRunResult();
            Check(result.Diagnostics.IsEmpty, "the generator reported nothing");
            int interceptorFiles = result.GeneratedTrees.Count(t => t.FilePath.EndsWith(".Interceptors.g.cs", StringComparison.Ordinal));
            Check(interceptorFiles == (intercepting ? 100 : 0), "one interceptor file per file of calls, only when intercepting");
            if (intercepting)
            {
                int attributes = result.GeneratedTrees.Sum(t => CountOf(t.ToString(), "InterceptsLocationAttribute(1,"));
                Check(attributes == InterceptionProject.CoroutineCalls, "every coroutine call is intercepted");
            }

            // One edit takes a few tens of milliseconds, so one run is at the mercy of the machine's load: the edit
            // is made EditRuns times (toggling the argument back and forth) and the median is reported.
            var wall = new List<double>();
            var cpu = new List<double>();
            var compilation = _compilation;
            for (int run = 0; run < EditRuns; run++)
            {
                compilation = InterceptionProject.WithOneCallSiteEdited(compilation);
                var edited = compilation;
                var (incremental, incrementalCpuMs, next) = Time(() => driver.RunGenerators(edited));
                driver = next;
                wall.Add(incremental.NsPerOp * InterceptionProject.CallSites / 1e6);
                cpu.Add(incrementalCpuMs);
            }
            _incrementalSteps ??= CountIncrementalSteps();
            return report
                .With("incremental_ms", Median(wall))
                .With("incremental_cpu_ms", Median(cpu))
                .With("incremental_files_reread", _incrementalSteps.Value.FilesReread)
                .With("incremental_calls_reread", _incrementalSteps.Value.Reread)
                .With("incremental_files_regenerated", _incrementalSteps.Value.Regenerated);
        }

        /// <summary>Runs <paramref name="action"/>, timed by wall clock and by this thread's CPU time (the driver runs on the calling thread).</summary>
        private const int EditRuns = 9;

        private static double Median(List<double> values)
        {
            values.Sort();
            return values[values.Count / 2];
        }

        private (Report Report, double CpuMs, T Result) Time<T>(Func<T> action)
        {
            long cpuStart = ThreadCpuClock.NowNs();
            var probe = Probe.Start();
            var result = action();
            var report = probe.ToReport(Name, Impl, InterceptionProject.CallSites);
            double cpuMs = (ThreadCpuClock.NowNs() - cpuStart) / 1e6;
            return (report.With("total_ms", report.NsPerOp * InterceptionProject.CallSites / 1e6).With("cpu_ms", cpuMs), cpuMs, result);
        }

        /// <summary>
        /// How many files with calls were read again, and how many call models and interceptor files the incremental
        /// run computed again (not Cached).
        /// </summary>
        private (int FilesReread, int Reread, int Regenerated) CountIncrementalSteps()
        {
            if (!intercepting)
                return (0, 0, 0);
            var driver = CreateDriver(trackSteps: true).RunGenerators(_compilation).RunGenerators(InterceptionProject.WithOneCallSiteEdited(_compilation));
            var steps = driver.GetRunResult().Results[0].TrackedSteps;
            static int Ran(IEnumerable<IncrementalGeneratorRunStep> runs) =>
                runs.SelectMany(run => run.Outputs).Count(o => o.Reason is not IncrementalStepRunReason.Cached);
            static int Changed(IEnumerable<IncrementalGeneratorRunStep> runs) =>
                runs.SelectMany(run => run.Outputs).Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
            return (Ran(steps[TrackingNames.InterceptionReads]), Ran(steps[TrackingNames.InterceptedCalls]), Changed(steps[TrackingNames.InterceptorSources]));
        }

        private static int CountOf(string text, string value)
        {
            int count = 0;
            for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
                count++;
            return count;
        }
    }
}
