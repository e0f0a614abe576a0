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

    /// <summary>
    /// Whether the warm-up goes on (up to 30 s) until one whole run compiled no method. For workloads whose measured
    /// figure includes the background JIT thread (a whole process's CPU time): with tiered PGO a method is compiled up
    /// to three times, and tier-1 versions of the per-operation path were still being compiled during the measured run.
    /// </summary>
    public virtual bool WarmUpUntilJitSettles => false;

    /// <summary>Runs the workload once at <paramref name="sizes"/> and reports its cost.</summary>
    public abstract Report Run(Sizes sizes);

    /// <summary>Throws when a run did not do what it claims, so a broken workload never prints a number.</summary>
    public static void Check(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"Benchmark self-check failed: {what}");
    }
}
