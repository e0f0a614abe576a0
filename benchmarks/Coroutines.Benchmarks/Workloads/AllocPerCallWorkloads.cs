using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Issue 4, bytes per call: what calling <c>YielderAsync(n)</c> (generated) or <c>Yielder(n)</c> (compiler path)
/// allocates. Coroutines are cold, so a call only creates the frame; for the generated path that frame is the
/// state machine itself, which should be the only allocation. ns/op is the cost of the call.
/// </summary>
public static class AllocPerCallWorkloads
{
    /// <summary>The workload name.</summary>
    public const string Name = "alloc-per-call";

    /// <summary>Calls per run (the frames are dropped as they are made; a cold frame owes nothing).</summary>
    private const int CallsPerRun = 100_000;

    /// <summary>Both paths.</summary>
    public static IEnumerable<Workload> All() => GeneratedPathExtensions.Both.Select(path => new Calls(path));

    private sealed class Calls(GeneratedPath path) : Workload
    {
        private readonly Func<int, Coroutine> _yielder = path.Yielder();

        public override string Name => AllocPerCallWorkloads.Name;

        public override string Impl => path.ImplName();

        public override Report Run(Sizes sizes)
        {
            var yielder = _yielder;
            Coroutine? last = null;
            var probe = Probe.Start();
            for (int i = 0; i < CallsPerRun; i++)
                last = yielder(i);
            var report = probe.ToReport(Name, Impl, CallsPerRun);
            Check(last is not null, "every call returned a frame");
            return report;
        }
    }
}
