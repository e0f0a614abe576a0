using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// One <c>await</c> of a child coroutine that returns without suspending, in a task that awaits 1M (100k with
/// <c>--small</c>) of them: the cost of creating the child, starting it in the awaiting task and resuming the parent
/// with its result, on the generated and on the compiler path. ns/op includes creating the child.
/// </summary>
public static class AwaitChildWorkloads
{
    /// <summary>The workload name.</summary>
    public const string Name = "await-child";

    /// <summary>Both paths.</summary>
    public static IEnumerable<Workload> All() => GeneratedPathExtensions.Both.Select(path => new AwaitChildren(path));

    private sealed class AwaitChildren(GeneratedPath path) : Workload
    {
        private readonly EventLoop _loop = new();

        public override string Name => AwaitChildWorkloads.Name;

        public override string Impl => path.ImplName();

        public override Report Run(Sizes sizes)
        {
            int count = sizes.Callbacks;
            bool generated = path == GeneratedPath.Generated;
            var probe = Probe.Start();
            int sum = _loop.RunUntilComplete(generated ? GeneratedCoroutines.AwaitChildrenAsync(count, true) : GeneratedCoroutines.AwaitChildren(count, false));
            var report = probe.ToReport(Name, Impl, count);
            Check(sum == count, "every child returned its value");
            return report;
        }
    }
}
