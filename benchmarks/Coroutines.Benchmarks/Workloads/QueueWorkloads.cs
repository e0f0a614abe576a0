using System.Threading.Channels;
using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Issue 3, producer/consumer: one producer puts N items into a queue and one consumer task takes them
/// out, unbounded (<c>queue-1m</c>) and bounded to 64 items (<c>queue-1m-bounded</c>, where the producer
/// waits whenever the queue is full). One operation is one item through the queue. The .NET peer is
/// <see cref="Channel"/> (single reader) driven by <c>async Task</c> methods on the single-thread context.
/// </summary>
public static class QueueWorkloads
{
    /// <summary>Workload name of the unbounded run.</summary>
    public const string Unbounded = "queue-1m";

    /// <summary>Workload name of the bounded run.</summary>
    public const string Bounded = "queue-1m-bounded";

    /// <summary>The capacity of the bounded run.</summary>
    public const int Capacity = 64;

    /// <summary>All implementations.</summary>
    public static IEnumerable<Workload> All()
    {
        foreach (var bounded in new[] { false, true })
        {
            yield return new LoopQueue(bounded);
            yield return new ChannelQueue(bounded);
        }
    }

    /// <summary>Takes <paramref name="count"/> items and returns their sum.</summary>
    public static async Coroutine<long> Consume(AsyncQueue<int> queue, int count)
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
            sum += await queue.Get();
        return sum;
    }

    /// <summary>Starts a consumer task, puts <paramref name="count"/> items, and returns what the consumer summed.</summary>
    public static async Coroutine<long> ProduceAndConsume(AsyncQueue<int> queue, int count)
    {
        var consumer = Loop.CreateTask(Consume(queue, count));
        for (int i = 0; i < count; i++)
            await queue.Put(i);
        return await consumer;
    }

    /// <summary>The .NET peer's consumer: <see cref="ChannelReader{T}.ReadAsync"/> per item.</summary>
    public static async Task<long> ConsumeChannel(ChannelReader<int> reader, int count)
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
            sum += await reader.ReadAsync();
        return sum;
    }

    /// <summary>The .NET peer: the same shape on a <see cref="Channel{T}"/>.</summary>
    public static async Task<long> ProduceAndConsumeChannel(Channel<int> channel, int count)
    {
        var consumer = ConsumeChannel(channel.Reader, count);
        for (int i = 0; i < count; i++)
            await channel.Writer.WriteAsync(i);
        return await consumer;
    }

    private static string NameOf(bool bounded) => bounded ? Bounded : Unbounded;

    private static long Expected(int count) => (long)count * (count - 1) / 2;

    private sealed class LoopQueue(bool bounded) : Workload
    {
        private readonly EventLoop _loop = new();

        public override string Name => NameOf(bounded);

        public override string Impl => "coroutines";

        public override Report Run(Sizes sizes)
        {
            int count = sizes.QueueItems;
            var queue = new AsyncQueue<int>(bounded ? Capacity : 0);
            var probe = Probe.Start();
            long sum = _loop.RunUntilComplete(ProduceAndConsume(queue, count));
            var report = probe.ToReport(Name, Impl, count);
            Check(sum == Expected(count) && queue.IsEmpty, "the consumer got every item once");
            return report;
        }
    }

    private sealed class ChannelQueue(bool bounded) : Workload
    {
        private readonly SingleThreadContext _context = new();

        public override string Name => NameOf(bounded);

        public override string Impl => "channels";

        public override Report Run(Sizes sizes)
        {
            int count = sizes.QueueItems;
            var channel = bounded
                ? Channel.CreateBounded<int>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true })
                : Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
            long sum = 0;
            var probe = Probe.Start();
            _context.Run(async () => sum = await ProduceAndConsumeChannel(channel, count));
            var report = probe.ToReport(Name, Impl, count);
            Check(sum == Expected(count), "the consumer got every item once");
            return report;
        }
    }
}
