namespace Coroutines.Benchmarks.Harness;

/// <summary>
/// Quick mode (<c>quick WORKLOAD [IMPL] [--small]</c>): runs each matching implementation once to warm up and
/// once measured, with a plain Stopwatch and <see cref="GC.GetAllocatedBytesForCurrentThread"/>, and prints
/// one <c>RESULT ...</c> line per implementation for benchmarks/run-peers.py.
/// </summary>
public static class QuickRunner
{
    /// <summary>Runs quick mode; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        bool small = args.Contains("--small");
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
            item.Run(item.WarmUpAtFullSize ? sizes : Sizes.WarmUp);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            output.WriteLine(item.Run(sizes).ToLine());
        }
        return 0;
    }
}
