using BenchmarkDotNet.Attributes;
using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Harness;
using Coroutines.Benchmarks.Workloads;

namespace Coroutines.Benchmarks.Suites;

/// <summary>B1: 1M callbacks in a batch and in a chain, against the <c>Queue&lt;Action&gt;</c> floor and <c>SynchronizationContext.Post</c>.</summary>
[Config(typeof(SuiteConfig))]
public class CallbackBenchmarks
{
    private const int N = 1_000_000;
    private static readonly SendOrPostCallback s_post = static state => ((CallbackWorkloads.Counter)state!).Value++;
    private readonly CallbackWorkloads.Counter _counter = new();
    private readonly Queue<Action> _queue = new();
    private readonly SingleThreadContext _context = new();
    private EventLoop _loop = null!;
    private Action _tick = null!;

    /// <summary>Creates the loop once; its ready queue keeps its capacity between invocations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _loop = new EventLoop();
        var counter = _counter;
        _tick = () => counter.Value++;
    }

    /// <summary>Closes the loop.</summary>
    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    /// <summary>1M <c>CallSoon</c>, then one run drains them.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void LoopBatch() => CallbackWorkloads.RunLoopBatch(_loop, _counter, N);

    /// <summary>1M callbacks, each scheduling the next.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void LoopChain() => CallbackWorkloads.RunLoopChain(_loop, _counter, N);

    /// <summary>The floor: a bare <c>Queue&lt;Action&gt;</c> drain.</summary>
    [Benchmark(OperationsPerInvoke = N, Baseline = true)]
    public void QueueBatch() => CallbackWorkloads.RunQueueBatch(_queue, _tick, N);

    /// <summary>The floor of the chain.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void QueueChain() => CallbackWorkloads.RunQueueChain(_queue, _counter, N);

    /// <summary>1M posts to a single-thread synchronization context, then a drain.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void ContextPostBatch()
    {
        for (int i = 0; i < N; i++)
            _context.Post(s_post, _counter);
        _context.RunUntilIdle();
    }
}
