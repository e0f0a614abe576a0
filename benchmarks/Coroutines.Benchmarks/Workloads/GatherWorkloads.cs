using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Issue 3, gather: N trivial coroutines (each yields once and returns a value) gathered at once with
/// <see cref="Loop.Gather{T}(IEnumerable{Coroutine{T}})"/>, like <c>asyncio.gather</c>. One operation is one
/// gathered coroutine: creating its task, its one resume, its completion and its slot in the result array.
/// </summary>
public static class GatherWorkloads
{
    /// <summary>Workload name.</summary>
    public const string Name = "gather-100k";

    /// <summary>All implementations.</summary>
    public static IEnumerable<Workload> All()
    {
        yield return new LoopGather();
        yield return new TaskWhenAll();
    }

    /// <summary>The trivial child: one yield, then a value.</summary>
    public static async Coroutine<int> Trivial(int value)
    {
        await Loop.Yield();
        return value;
    }

    /// <summary>Gathers <paramref name="count"/> trivial coroutines and returns the sum of their results.</summary>
    public static Coroutine<long> GatherTrivial(int count) => GatherOf(count, Trivial);

    /// <summary>Gathers <paramref name="count"/> children made by <paramref name="child"/> and returns the sum of their results.</summary>
    public static async Coroutine<long> GatherOf(int count, Func<int, Coroutine<int>> child)
    {
        var children = new Coroutine<int>[count];
        for (int i = 0; i < count; i++)
            children[i] = child(i);
        var results = await Loop.Gather(children);
        long sum = 0;
        foreach (var value in results)
            sum += value;
        return sum;
    }

    /// <summary>The plain .NET peer's child: <c>await Task.Yield()</c>, then a value.</summary>
    public static async Task<int> TrivialTask(int value)
    {
        await Task.Yield();
        return value;
    }

    /// <summary>The plain .NET peer: <see cref="Task.WhenAll{TResult}(Task{TResult}[])"/> of the trivial tasks.</summary>
    public static async Task<long> WhenAllTrivial(int count)
    {
        var children = new Task<int>[count];
        for (int i = 0; i < count; i++)
            children[i] = TrivialTask(i);
        var results = await Task.WhenAll(children);
        long sum = 0;
        foreach (var value in results)
            sum += value;
        return sum;
    }

    private static long Expected(int count) => (long)count * (count - 1) / 2;

    private sealed class LoopGather : Workload
    {
        private readonly EventLoop _loop = new();

        public override string Name => GatherWorkloads.Name;

        public override string Impl => "coroutines";

        public override Report Run(Sizes sizes)
        {
            int count = sizes.Gathered;
            var probe = Probe.Start();
            long sum = _loop.RunUntilComplete(GatherTrivial(count));
            var report = probe.ToReport(Name, Impl, count);
            Check(sum == Expected(count), "gather returned every child's result");
            return report;
        }
    }

    private sealed class TaskWhenAll : Workload
    {
        private readonly SingleThreadContext _context = new();

        public override string Name => GatherWorkloads.Name;

        public override string Impl => "task-whenall";

        public override Report Run(Sizes sizes)
        {
            int count = sizes.Gathered;
            long sum = 0;
            var probe = Probe.Start();
            _context.Run(async () => sum = await WhenAllTrivial(count));
            var report = probe.ToReport(Name, Impl, count);
            Check(sum == Expected(count), "WhenAll returned every child's result");
            return report;
        }
    }
}
