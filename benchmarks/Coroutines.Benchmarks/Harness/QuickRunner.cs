namespace Coroutines.Benchmarks.Harness;

/// <summary>
/// Quick mode (<c>quick WORKLOAD [IMPL] [--small] [--cold]</c>): warms each matching implementation up, then runs it
/// once measured, with a plain Stopwatch and <see cref="GC.GetAllocatedBytesForCurrentThread"/>, and prints
/// one <c>RESULT ...</c> line per implementation for benchmarks/run-peers.py.
/// </summary>
public static class QuickRunner
{
    /// <summary>Runs quick mode; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        bool small = args.Contains("--small");
        bool cold = args.Contains("--cold");   // no warm-up: what a fresh process's first run sees (tier-0 code)
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var catalog = WorkloadCatalog.Create();
        if (positional.Count == 0 || positional[0] == "list")
        {
            foreach (var item in catalog)
                output.WriteLine($"{item.Name} {item.Impl}");
            return positional.Count == 0 ? 2 : 0;
        }
        string workload = positional[0];
        string? impl = positional.Count > 1 ? positional[1] : null;
        var selected = catalog.Where(w => w.Name == workload && (impl is null || w.Impl == impl)).ToList();
        if (selected.Count == 0)
        {
            error.WriteLine($"No workload '{workload}'{(impl is null ? "" : $" with implementation '{impl}'")}; run 'quick list' to see them.");
            return 2;
        }
        var sizes = small ? Sizes.Small : Sizes.Full;
        foreach (var item in selected)
        {
            if (!cold)
            {
                WarmUp(item, sizes);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
            }
            output.WriteLine(item.Run(sizes).ToLine());
        }
        return 0;
    }

    /// <summary>
    /// Runs the workload until the JIT has had a fair chance to reach its optimised tier: at least twice and for
    /// at least three seconds (or 60 runs), then pauses so the background tier-1 compiler (slow on a busy 2-core
    /// machine) installs the code before the measured run. Without this, most of a short run executes tier-0 code:
    /// with half a second, a generated MoveNext (loops as backward gotos) was still unoptimised when measured
    /// (110-160 ns per resume against 28-31 ns with three seconds, which matches BenchmarkDotNet's steady state).
    /// </summary>
    private static void WarmUp(Workload item, Sizes sizes)
    {
        var warmUpSizes = item.WarmUpAtFullSize ? sizes : Sizes.WarmUp;
        var started = System.Diagnostics.Stopwatch.StartNew();
        bool settled = false;
        for (int run = 0; run < 2 || (started.ElapsedMilliseconds < 3000 && run < 60)
             || (item.WarmUpUntilJitSettles && !settled && started.ElapsedMilliseconds < 30_000); run++)
        {
            long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            item.Run(warmUpSizes);
            settled = System.Runtime.JitInfo.GetCompiledMethodCount() == compiled;
        }
        Thread.Sleep(200);
    }
}
