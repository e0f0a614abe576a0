using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// B1, callbacks: a batch of N <c>CallSoon</c> drained by one run, and a chain of N callbacks where each
/// schedules the next (so every iteration of the loop runs exactly one callback).
/// </summary>
public static class CallbackWorkloads
{
    /// <summary>Workload name of the batch.</summary>
    public const string Batch = "callbacks-batch";

    /// <summary>Workload name of the chain.</summary>
    public const string Chain = "callbacks-chain";

    /// <summary>All implementations.</summary>
    public static IEnumerable<Workload> All() =>
    [
        new LoopBatch(), new LoopChain(), new QueueBatch(), new QueueChain(), new ContextBatch(), new ContextChain(),
    ];

    /// <summary>The counter the callbacks bump; passed as state so no closure is allocated.</summary>
    public sealed class Counter
    {
        /// <summary>Callbacks run so far.</summary>
        public long Value;

        /// <summary>Callbacks still to schedule in a chain.</summary>
        public long Remaining;

        /// <summary>The loop a chain reschedules itself on.</summary>
        public EventLoop? Loop;

        /// <summary>The queue a chain reschedules itself on.</summary>
        public Queue<Action>? Queue;

        /// <summary>The cached chain step for the queue floor.</summary>
        public Action? QueueStep;
    }

    private static readonly Action<Counter> s_tick = static counter => counter.Value++;
    private static readonly Action<EventLoop> s_stop = static loop => loop.Stop();

    private static readonly Action<Counter> s_loopStep = static counter =>
    {
        counter.Value++;
        if (--counter.Remaining > 0)
            counter.Loop!.CallSoon(s_loopStep!, counter);
        else
            counter.Loop!.Stop();
    };

    /// <summary>Schedules <paramref name="n"/> callbacks and runs the loop until they have all run.</summary>
    public static void RunLoopBatch(EventLoop loop, Counter counter, int n)
    {
        for (int i = 0; i < n; i++)
            loop.CallSoon(s_tick, counter);
        loop.CallSoon(s_stop, loop);
        loop.RunForever();
    }

    /// <summary>Runs a chain of <paramref name="n"/> callbacks, each scheduling the next.</summary>
    public static void RunLoopChain(EventLoop loop, Counter counter, int n)
    {
        counter.Loop = loop;
        counter.Remaining = n;
        loop.CallSoon(s_loopStep, counter);
        loop.RunForever();
    }

    /// <summary>The floor: enqueue <paramref name="n"/> actions, then dequeue and invoke until empty.</summary>
    public static void RunQueueBatch(Queue<Action> queue, Action tick, int n)
    {
        for (int i = 0; i < n; i++)
            queue.Enqueue(tick);
        while (queue.TryDequeue(out var action))
            action();
    }

    /// <summary>The floor for the chain: each action enqueues the next.</summary>
    public static void RunQueueChain(Queue<Action> queue, Counter counter, int n)
    {
        counter.Queue = queue;
        counter.Remaining = n;
        counter.QueueStep ??= () =>
        {
            counter.Value++;
            if (--counter.Remaining > 0)
                counter.Queue!.Enqueue(counter.QueueStep!);
        };
        queue.Enqueue(counter.QueueStep);
        while (queue.TryDequeue(out var action))
            action();
    }

    private sealed class LoopBatch : Workload
    {
        private readonly EventLoop _loop = new();
        private readonly Counter _counter = new();

        public override string Name => Batch;

        public override string Impl => "coroutines";

        public override Report Run(Sizes sizes)
        {
            _counter.Value = 0;
            var probe = Probe.Start();
            RunLoopBatch(_loop, _counter, sizes.Callbacks);
            var report = probe.ToReport(Name, Impl, sizes.Callbacks);
            Check(_counter.Value == sizes.Callbacks, "every batched callback ran once");
            return report;
        }
    }

    private sealed class LoopChain : Workload
    {
        private readonly EventLoop _loop = new();
        private readonly Counter _counter = new();

        public override string Name => Chain;

        public override string Impl => "coroutines";

        public override Report Run(Sizes sizes)
        {
            _counter.Value = 0;
            long iterationsBefore = _loop.Iterations;
            var probe = Probe.Start();
            RunLoopChain(_loop, _counter, sizes.Callbacks);
            var report = probe.ToReport(Name, Impl, sizes.Callbacks);
            Check(_counter.Value == sizes.Callbacks, "every chained callback ran once");
            return report.With("iterations", _loop.Iterations - iterationsBefore);
        }
    }

    private sealed class QueueBatch : Workload
    {
        private readonly Queue<Action> _queue = new();
        private readonly Counter _counter = new();
        private Action? _tick;

        public override string Name => Batch;

        public override string Impl => "queue-action";

        public override Report Run(Sizes sizes)
        {
            var counter = _counter;
            _tick ??= () => counter.Value++;
            counter.Value = 0;
            var probe = Probe.Start();
            RunQueueBatch(_queue, _tick, sizes.Callbacks);
            var report = probe.ToReport(Name, Impl, sizes.Callbacks);
            Check(counter.Value == sizes.Callbacks, "every queued action ran once");
            return report;
        }
    }

    private sealed class QueueChain : Workload
    {
        private readonly Queue<Action> _queue = new();
        private readonly Counter _counter = new();

        public override string Name => Chain;

        public override string Impl => "queue-action";

        public override Report Run(Sizes sizes)
        {
            _counter.Value = 0;
            var probe = Probe.Start();
            RunQueueChain(_queue, _counter, sizes.Callbacks);
            var report = probe.ToReport(Name, Impl, sizes.Callbacks);
            Check(_counter.Value == sizes.Callbacks, "every chained action ran once");
            return report;
        }
    }

    private sealed class ContextBatch : Workload
    {
        private static readonly SendOrPostCallback s_tick = static state => ((Counter)state!).Value++;
        private readonly SingleThreadContext _context = new();
        private readonly Counter _counter = new();

        public override string Name => Batch;

        public override string Impl => "synccontext-post";

        public override Report Run(Sizes sizes)
        {
            _counter.Value = 0;
            var probe = Probe.Start();
            for (int i = 0; i < sizes.Callbacks; i++)
                _context.Post(s_tick, _counter);
            _context.RunUntilIdle();
            var report = probe.ToReport(Name, Impl, sizes.Callbacks);
            Check(_counter.Value == sizes.Callbacks, "every posted callback ran once");
            return report;
        }
    }

    private sealed class ContextChain : Workload
    {
        private readonly SingleThreadContext _context = new();
        private readonly Counter _counter = new();
        private SendOrPostCallback? _step;

        public override string Name => Chain;

        public override string Impl => "synccontext-post";

        public override Report Run(Sizes sizes)
        {
            var counter = _counter;
            var context = _context;
            _step ??= state =>
            {
                counter.Value++;
                if (--counter.Remaining > 0)
                    context.Post(_step!, null);
            };
            counter.Value = 0;
            counter.Remaining = sizes.Callbacks;
            var probe = Probe.Start();
            context.Post(_step, null);
            context.RunUntilIdle();
            var report = probe.ToReport(Name, Impl, sizes.Callbacks);
            Check(counter.Value == sizes.Callbacks, "every chained post ran once");
            return report;
        }
    }
}
