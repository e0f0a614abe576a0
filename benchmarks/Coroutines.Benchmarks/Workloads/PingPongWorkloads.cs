using Coroutines.Benchmarks.Baselines;
using Coroutines.Benchmarks.Harness;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// B3, future ping-pong: two coroutines hand control to each other N times; a switch is one hand-off
/// (the waker completes what the other waits on, then waits itself). With asyncio's one-shot futures every
/// switch needs a fresh future, as in asyncio and with promises; <c>coroutines-signal</c> plays the same game
/// with two reusable <see cref="AutoResetSignal"/>s, which allocate nothing per switch.
/// </summary>
public static class PingPongWorkloads
{
    /// <summary>Workload name.</summary>
    public const string Name = "pingpong";

    /// <summary>All implementations.</summary>
    public static IEnumerable<Workload> All() =>
        [new LoopPingPong("coroutines", PlayFutures), new LoopPingPong("coroutines-signal", PlaySignals), new TcsPingPong(), new RawPingPong()];

    /// <summary>The two futures in play; each side replaces the one it waits on before waking the other.</summary>
    public sealed class Court
    {
        /// <summary>What the pinger waits on.</summary>
        public Future<bool> ToPinger = null!;

        /// <summary>What the ponger waits on.</summary>
        public Future<bool> ToPonger = null!;
    }

    /// <summary>Wakes the ponger, then waits to be woken, <paramref name="rounds"/> times.</summary>
    public static async Coroutine Pinger(EventLoop loop, Court court, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            var mine = new Future<bool>(loop);
            court.ToPinger = mine;
            court.ToPonger.SetResult(true);
            await mine;
        }
    }

    /// <summary>Waits to be woken, then wakes the pinger, <paramref name="rounds"/> times.</summary>
    public static async Coroutine Ponger(EventLoop loop, Court court, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            await court.ToPonger;
            court.ToPonger = new Future<bool>(loop);
            court.ToPinger.SetResult(true);
        }
    }

    /// <summary>Plays <paramref name="switches"/> switches on <paramref name="loop"/> with futures.</summary>
    public static void PlayFutures(EventLoop loop, int switches)
    {
        int rounds = switches / 2;
        var court = new Court { ToPonger = new Future<bool>(loop) };
        var ponger = loop.CreateTask(Ponger(loop, court, rounds));
        loop.RunUntilComplete(Pinger(loop, court, rounds));
        loop.RunUntilComplete(ponger);
    }

    /// <summary>Sets the ponger's signal, then waits on its own, <paramref name="rounds"/> times.</summary>
    public static async Coroutine SignalPinger(AutoResetSignal toPinger, AutoResetSignal toPonger, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            toPonger.Set();
            await toPinger.Wait();
        }
    }

    /// <summary>Waits on its signal, then sets the pinger's, <paramref name="rounds"/> times.</summary>
    public static async Coroutine SignalPonger(AutoResetSignal toPinger, AutoResetSignal toPonger, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            await toPonger.Wait();
            toPinger.Set();
        }
    }

    /// <summary>Plays <paramref name="switches"/> switches on <paramref name="loop"/> with two reusable signals.</summary>
    public static void PlaySignals(EventLoop loop, int switches)
    {
        int rounds = switches / 2;
        var toPinger = new AutoResetSignal(loop);
        var toPonger = new AutoResetSignal(loop);
        var ponger = loop.CreateTask(SignalPonger(toPinger, toPonger, rounds));
        loop.RunUntilComplete(SignalPinger(toPinger, toPonger, rounds));
        loop.RunUntilComplete(ponger);
    }

    private sealed class TcsCourt
    {
        public TaskCompletionSource ToPinger = null!;
        public TaskCompletionSource ToPonger = NewSource();

        public static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static async Task TcsPinger(TcsCourt court, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            var mine = TcsCourt.NewSource();
            court.ToPinger = mine;
            court.ToPonger.SetResult();
            await mine.Task;
        }
    }

    private static async Task TcsPonger(TcsCourt court, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            await court.ToPonger.Task;
            court.ToPonger = TcsCourt.NewSource();
            court.ToPinger.SetResult();
        }
    }

    private static async Task RawPinger(RawBaton toPinger, RawBaton toPonger, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            toPonger.Pass();
            await toPinger;
        }
    }

    private static async Task RawPonger(RawBaton toPinger, RawBaton toPonger, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            await toPonger;
            toPinger.Pass();
        }
    }

    /// <summary>Our loop, playing with futures (<c>coroutines</c>) or with signals (<c>coroutines-signal</c>).</summary>
    private sealed class LoopPingPong(string impl, Action<EventLoop, int> play) : Workload
    {
        private readonly EventLoop _loop = new();

        public override string Name => PingPongWorkloads.Name;

        public override string Impl => impl;

        public override Report Run(Sizes sizes)
        {
            var probe = Probe.Start();
            play(_loop, sizes.Switches);
            return probe.ToReport(Name, Impl, sizes.Switches / 2 * 2);
        }
    }

    private sealed class TcsPingPong : Workload
    {
        private readonly SingleThreadContext _context = new();

        public override string Name => PingPongWorkloads.Name;

        public override string Impl => "tcs-synccontext";

        public override Report Run(Sizes sizes)
        {
            int rounds = sizes.Switches / 2;
            var probe = Probe.Start();
            _context.Run(() =>
            {
                var court = new TcsCourt();
                var ponger = TcsPonger(court, rounds);
                return Task.WhenAll(TcsPinger(court, rounds), ponger);
            });
            return probe.ToReport(Name, Impl, rounds * 2L);
        }
    }

    private sealed class RawPingPong : Workload
    {
        private readonly RawScheduler _scheduler = new();

        public override string Name => PingPongWorkloads.Name;

        public override string Impl => "raw-awaiter";

        public override Report Run(Sizes sizes)
        {
            int rounds = sizes.Switches / 2;
            var toPinger = new RawBaton(_scheduler);
            var toPonger = new RawBaton(_scheduler);
            var probe = Probe.Start();
            var ponger = RawPonger(toPinger, toPonger, rounds);
            var pinger = RawPinger(toPinger, toPonger, rounds);
            _scheduler.Drain();
            var report = probe.ToReport(Name, Impl, rounds * 2L);
            Check(pinger.IsCompletedSuccessfully && ponger.IsCompletedSuccessfully, "both raw players finished");
            return report;
        }
    }
}
