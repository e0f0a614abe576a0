namespace Coroutines.Benchmarks.Harness;

/// <summary>
/// One implementation of one workload. An instance keeps its reusable state (a loop, a queue) between runs,
/// so the first run warms the JIT and grows buffers to their steady-state size and the next run measures
/// steady state, which is what the "0 B per callback" is about.
/// </summary>
public abstract class Workload
{
    /// <summary>The workload name shared with the peers (<c>callbacks-batch</c>, <c>resumes</c>, ...).</summary>
    public abstract string Name { get; }

    /// <summary>The implementation's name (<c>coroutines</c>, <c>queue-action</c>, ...).</summary>
    public abstract string Impl { get; }

    /// <summary>
    /// Whether the warm-up run uses the measured sizes (so reused buffers reach their steady-state capacity);
    /// workloads that build fresh state every run warm up on <see cref="Sizes.WarmUp"/> instead.
    /// </summary>
    public virtual bool WarmUpAtFullSize => true;

    /// <summary>Runs the workload once at <paramref name="sizes"/> and reports its cost.</summary>
    public abstract Report Run(Sizes sizes);

    /// <summary>Throws when a run did not do what it claims, so a broken workload never prints a number.</summary>
    public static void Check(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"Benchmark self-check failed: {what}");
    }
}
