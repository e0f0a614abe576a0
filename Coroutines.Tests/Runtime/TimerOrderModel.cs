namespace Coroutines.Tests.Runtime;

/// <summary>One timer of a generated scenario, scheduled at loop time 0 before the loop runs.</summary>
/// <param name="When">Its deadline (CallAt) or delay (CallLater): the same number at time 0.</param>
/// <param name="ViaCallLater">Scheduled with CallLater rather than CallAt.</param>
/// <param name="CancelBeforeRun">Cancelled after everything was scheduled, before the loop runs.</param>
/// <param name="Cancels">Indexes (modulo the scenario size) of timers this one cancels when it fires.</param>
/// <param name="ChildDelay">When set, firing schedules one more timer with CallLater(this delay).</param>
public sealed record TimerSpec(double When, bool ViaCallLater, bool CancelBeforeRun, int[] Cancels, double? ChildDelay)
{
    public override string ToString() =>
        $"{(ViaCallLater ? "CallLater" : "CallAt")}({When:R}){(CancelBeforeRun ? " cancelled" : "")}" +
        $"{(Cancels.Length > 0 ? $" cancels[{string.Join(",", Cancels)}]" : "")}{(ChildDelay is { } d ? $" child+{d:R}" : "")}";
}

/// <summary>
/// What the loop must do with a scenario of <see cref="TimerSpec"/>s, following asyncio's iteration algorithm: each
/// iteration runs the timers due when it began in (deadline, scheduling order); a timer scheduled by one of them
/// waits for the next iteration even if already past due; a cancelled timer never fires; each fires at loop time
/// max(deadline, the time it became due). Timer <c>i</c>'s child gets id <c>n + i</c>.
/// </summary>
public static class TimerOrderModel
{
    public static List<(int Id, double Time)> Expected(IReadOnlyList<TimerSpec> specs)
    {
        int n = specs.Count;
        var queue = new PriorityQueue<(int Id, double Deadline), (double Deadline, long Sequence)>();
        long sequence = 0;
        for (int i = 0; i < n; i++)
            queue.Enqueue((i, specs[i].When), (specs[i].When, sequence++));
        var cancelled = new HashSet<int>(Enumerable.Range(0, n).Where(i => specs[i].CancelBeforeRun));
        var fired = new HashSet<int>();
        var result = new List<(int, double)>();
        var batch = new List<(int Id, double Deadline)>();
        double now = 0;
        while (true)
        {
            // A cancelled timer has left the queue: it neither fires nor makes the clock jump.
            while (queue.TryPeek(out var head, out _) && cancelled.Contains(head.Id))
                queue.Dequeue();
            if (!queue.TryPeek(out var next, out _))
                break;
            // One iteration: nothing else is ready, so virtual time jumps to the earliest deadline; every timer due
            // by then runs in this iteration, and timers they schedule wait for the next one.
            now = Math.Max(now, next.Deadline);
            batch.Clear();
            while (queue.TryPeek(out var due, out _) && due.Deadline <= now)
                batch.Add(queue.Dequeue());
            foreach (var timer in batch)
            {
                if (cancelled.Contains(timer.Id))
                    continue;
                fired.Add(timer.Id);
                result.Add((timer.Id, now));
                if (timer.Id >= n)
                    continue;
                foreach (var target in specs[timer.Id].Cancels)
                    if (!fired.Contains(target % n))
                        cancelled.Add(target % n);
                if (specs[timer.Id].ChildDelay is { } delay)
                    queue.Enqueue((n + timer.Id, now + delay), (now + delay, sequence++));
            }
        }
        return result;
    }

    /// <summary>Runs the scenario on a fresh virtual-time loop and returns the (id, loop time) of every firing.</summary>
    public static List<(int Id, double Time)> Run(IReadOnlyList<TimerSpec> specs, double endOfTime)
    {
        using var loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        int n = specs.Count;
        var fired = new List<(int, double)>();
        var handles = new TimerHandle[n];
        for (int i = 0; i < n; i++)
        {
            int id = i;
            var spec = specs[i];
            void Fire()
            {
                fired.Add((id, loop.Time()));
                foreach (var target in spec.Cancels)
                    handles[target % n].Cancel();
                if (spec.ChildDelay is { } delay)
                    loop.CallLater(delay, () => fired.Add((n + id, loop.Time())));
            }
            handles[i] = spec.ViaCallLater ? loop.CallLater(spec.When, Fire) : loop.CallAt(spec.When, Fire);
        }
        for (int i = 0; i < n; i++)
            if (specs[i].CancelBeforeRun)
                handles[i].Cancel();
        loop.CallAt(endOfTime, loop.Stop);
        loop.RunForever();
        if (loop.ScheduledTimerCount != 0)
            throw new InvalidOperationException($"{loop.ScheduledTimerCount} timers still scheduled after the end of time.");
        return fired;
    }
}
