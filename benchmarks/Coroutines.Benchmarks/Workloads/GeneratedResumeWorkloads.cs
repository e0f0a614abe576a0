using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Issue 4, resume cost: the 1000 × 1000 <c>await Loop.Yield()</c> workload of <see cref="ResumeWorkloads"/>, with
/// the yielders created through the generated <c>YielderAsync</c> or through the compiler path. ns/op includes
/// creating and finishing the tasks; <c>resume_bytes_per_op</c> counts only what the resumes allocated.
/// </summary>
public static class GeneratedResumeWorkloads
{
    /// <summary>The workload name.</summary>
    public const string Name = "resumes-generated";

    /// <summary>Both paths.</summary>
    public static IEnumerable<Workload> All() => GeneratedPathExtensions.Both.Select(path => new Resumes(path));

    private sealed class Resumes(GeneratedPath path) : Workload
    {
        private readonly EventLoop _loop = new();

        public override string Name => GeneratedResumeWorkloads.Name;

        public override string Impl => path.ImplName();

        public override Report Run(Sizes sizes)
        {
            int tasks = sizes.ResumeTasks, count = sizes.ResumesPerTask;
            long iterationsBefore = _loop.Iterations;
            var probe = Probe.Start();
            _loop.RunUntilComplete(ResumeWorkloads.RunYielders(tasks, count, path.Yielder()));
            long resumeBytes = GC.GetAllocatedBytesForCurrentThread() - ResumeWorkloads.BytesAfterSpawn;
            var report = probe.ToReport(Name, Impl, (long)tasks * count);
            Check(_loop.Iterations - iterationsBefore >= count, "each yield took a loop iteration");
            return report.With("resume_bytes_per_op", (double)resumeBytes / ((long)tasks * count));
        }
    }
}
