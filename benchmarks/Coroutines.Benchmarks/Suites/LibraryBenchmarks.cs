using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Workloads;

namespace Coroutines.Benchmarks.Suites;

/// <summary>
/// Issue 3's runtime library: gather of 100k trivial coroutines against <c>Task.WhenAll</c>, 1M items through
/// an <see cref="AsyncQueue{T}"/> (unbounded and bounded to 64) against <see cref="Channel"/>, and uncontended
/// <see cref="AsyncLock"/> acquire/release against <see cref="SemaphoreSlim"/>.
/// </summary>
[Config(typeof(SuiteConfig))]
public class LibraryBenchmarks
{
    private const int Gathered = 100_000;
    private const int Items = 1_000_000;
    private const int Acquisitions = 1_000_000;
    private readonly SingleThreadContext _context = new();
    private readonly AsyncLock _lock = new();
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private EventLoop _loop = null!;

    /// <summary>Creates the loop.</summary>
    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    /// <summary>Closes the loop.</summary>
    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    /// <summary><see cref="Loop.Gather{T}(IEnumerable{Coroutine{T}})"/> of trivial coroutines.</summary>
    [Benchmark(OperationsPerInvoke = Gathered)]
    public long Gather() => _loop.RunUntilComplete(GatherWorkloads.GatherTrivial(Gathered));

    /// <summary><c>Task.WhenAll</c> of trivial <c>async Task</c> methods on the single-thread context.</summary>
    [Benchmark(OperationsPerInvoke = Gathered)]
    public long TaskWhenAll()
    {
        long sum = 0;
        _context.Run(async () => sum = await GatherWorkloads.WhenAllTrivial(Gathered));
        return sum;
    }

    /// <summary>Producer/consumer through an unbounded <see cref="AsyncQueue{T}"/>.</summary>
    [Benchmark(OperationsPerInvoke = Items)]
    public long QueueUnbounded() => _loop.RunUntilComplete(QueueWorkloads.ProduceAndConsume(new AsyncQueue<int>(), Items));

    /// <summary>Producer/consumer through an <see cref="AsyncQueue{T}"/> bounded to 64 items.</summary>
    [Benchmark(OperationsPerInvoke = Items)]
    public long QueueBounded() =>
        _loop.RunUntilComplete(QueueWorkloads.ProduceAndConsume(new AsyncQueue<int>(QueueWorkloads.Capacity), Items));

    /// <summary>The same through an unbounded single-reader <see cref="Channel{T}"/> on the single-thread context.</summary>
    [Benchmark(OperationsPerInvoke = Items)]
    public long ChannelUnbounded()
    {
        var channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
        long sum = 0;
        _context.Run(async () => sum = await QueueWorkloads.ProduceAndConsumeChannel(channel, Items));
        return sum;
    }

    /// <summary>Uncontended <c>using (await l.Acquire())</c> in a coroutine.</summary>
    [Benchmark(OperationsPerInvoke = Acquisitions)]
    public int LockUncontended() => _loop.RunUntilComplete(LockWorkloads.AcquireMany(_lock, Acquisitions));

    /// <summary>Uncontended <see cref="SemaphoreSlim.WaitAsync()"/> / <c>Release</c> in an <c>async Task</c>.</summary>
    [Benchmark(OperationsPerInvoke = Acquisitions)]
    public int SemaphoreSlimUncontended()
    {
        int inside = 0;
        _context.Run(async () => inside = await LockWorkloads.WaitMany(_semaphore, Acquisitions));
        return inside;
    }
}
