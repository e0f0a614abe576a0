using Coroutines.Benchmarks.Baselines;
using System.Runtime.CompilerServices;
using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// B2, timers: N timers at random deadlines 0..1 s from now, every other one cancelled, then run in real time
/// until none is left. The headline is schedule + cancel + fire in thread CPU nanoseconds per timer scheduled
/// (the drain spends most of its second asleep, which is not work). Also reported: each phase on its own, how
/// late the drain ended after the last live deadline (overshoot), and whether timers fired in deadline order.
/// </summary>
public static class TimerWorkloads
{
    /// <summary>Workload name.</summary>
    public const string Name = "timers";

    /// <summary>All implementations.</summary>
    public static IEnumerable<Workload> All() => [new LoopTimers(), new HeapTimers()];

    /// <summary>Random deadline offsets (seconds) and their boxes, made before timing so the callback state costs nothing.</summary>
    public sealed class Plan
    {
        /// <summary>Creates the offsets for <paramref name="count"/> timers with a fixed seed.</summary>
        public Plan(int count)
        {
            var random = new Random(42);
            Offsets = new double[count];
            Boxes = new object[count];
            for (int i = 0; i < count; i++)
            {
                Offsets[i] = random.NextDouble();
                Boxes[i] = new StrongBox<double>();
            }
        }

        /// <summary>Deadline offsets in 0..1 s.</summary>
        public double[] Offsets { get; }

        /// <summary>One box per timer; holds its absolute deadline once scheduled.</summary>
        public object[] Boxes { get; }

        /// <summary>The latest deadline among the timers that are not cancelled (even indexes).</summary>
        public double LastLiveDeadline()
        {
            double last = double.MinValue;
            for (int i = 0; i < Boxes.Length; i += 2)
                last = Math.Max(last, ((StrongBox<double>)Boxes[i]).Value);
            return last;
        }
    }

    /// <summary>Counts fired timers and deadline-order inversions.</summary>
    public sealed class FireLog
    {
        /// <summary>Timers fired.</summary>
        public int Fired;

        /// <summary>Times a timer fired with an earlier deadline than the one before it.</summary>
        public int Inversions;

        /// <summary>Timers still expected; the loop is stopped when this reaches zero.</summary>
        public int Remaining;

        /// <summary>The deadline of the last timer that fired.</summary>
        public double Last = double.MinValue;

        /// <summary>Records a timer firing.</summary>
        public void Record(double deadline)
        {
            if (deadline < Last)
                Inversions++;
            Last = deadline;
            Fired++;
            Remaining--;
        }
    }

    private static (double Schedule, double Cancel, double Fire) PerTimer(long t0, long t1, long t2, long t3, int count) =>
        ((t1 - t0) / (double)count, (t2 - t1) / (double)(count / 2), (t3 - t2) / (double)(count - count / 2));

    private static Report Describe(string impl, int count, long t0, long t1, long t2, long t3, long bytes, double overshoot, FireLog log)
    {
        var (schedule, cancel, fire) = PerTimer(t0, t1, t2, t3, count);
        Workload.Check(log.Fired == count - count / 2, "exactly the timers that were not cancelled fired");
        return new Report(Name, impl, count, (t3 - t0) / (double)count, (double)bytes / count)
            .With("schedule_ns", schedule)
            .With("cancel_ns", cancel)
            .With("fire_ns", fire)
            .With("overshoot_s", overshoot)
            .With("inversions", log.Inversions);
    }

    private sealed class LoopTimers : Workload
    {
        private static readonly Action<object> s_fire = static box =>
        {
            var log = t_log!;
            log.Record(((StrongBox<double>)box).Value);
            if (log.Remaining == 0)
                EventLoop.Running.Stop();
        };

        [ThreadStatic] private static FireLog? t_log;

        public override string Name => TimerWorkloads.Name;

        public override string Impl => "coroutines";

        public override bool WarmUpAtFullSize => false;

        public override Report Run(Sizes sizes)
        {
            int count = sizes.Timers;
            var plan = new Plan(count);
            var handles = new TimerHandle[count];
            var log = new FireLog { Remaining = count - count / 2 };
            t_log = log;
            using var loop = new EventLoop();
            long bytes0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = ThreadCpuClock.NowNs();
            double start = loop.Time();
            for (int i = 0; i < count; i++)
            {
                double when = start + plan.Offsets[i];
                var box = (StrongBox<double>)plan.Boxes[i];
                box.Value = when;
                handles[i] = loop.CallAt(when, s_fire, box);
            }
            long t1 = ThreadCpuClock.NowNs();
            for (int i = 1; i < count; i += 2)
                handles[i].Cancel();
            long t2 = ThreadCpuClock.NowNs();
            loop.RunForever();
            long t3 = ThreadCpuClock.NowNs();
            long bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
            double overshoot = loop.Time() - plan.LastLiveDeadline();
            t_log = null;
            return Describe(Impl, count, t0, t1, t2, t3, bytes, overshoot, log);
        }
    }

    private sealed class HeapTimers : Workload
    {
        public override string Name => TimerWorkloads.Name;

        public override string Impl => "priorityqueue-heap";

        public override bool WarmUpAtFullSize => false;

        public override Report Run(Sizes sizes)
        {
            int count = sizes.Timers;
            var plan = new Plan(count);
            var handles = new TimerHeap.Entry[count];
            var log = new FireLog { Remaining = count - count / 2 };
            Action<object> fire = box => log.Record(((StrongBox<double>)box).Value);
            var heap = new TimerHeap();
            long bytes0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = ThreadCpuClock.NowNs();
            double start = heap.Time();
            for (int i = 0; i < count; i++)
            {
                double when = start + plan.Offsets[i];
                var box = (StrongBox<double>)plan.Boxes[i];
                box.Value = when;
                handles[i] = heap.CallAt(when, fire, box);
            }
            long t1 = ThreadCpuClock.NowNs();
            for (int i = 1; i < count; i += 2)
                handles[i].Cancel();
            long t2 = ThreadCpuClock.NowNs();
            heap.RunUntilEmpty();
            long t3 = ThreadCpuClock.NowNs();
            long bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
            double overshoot = heap.Time() - plan.LastLiveDeadline();
            return Describe(Impl, count, t0, t1, t2, t3, bytes, overshoot, log);
        }
    }
}
