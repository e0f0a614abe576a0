using CsCheck;

namespace Coroutines.Tests.Runtime;

/// <summary>
/// Many tasks sleeping and being cancelled at random times (which recycles the pooled sleep timers): every task
/// either finishes exactly when its sleeps add up to, or sees <see cref="CancelledError"/> exactly when it was
/// cancelled, and no timer is left behind.
/// </summary>
public class SleepCancelPropertyTests
{
    /// <summary>A task's sleeps (whole milliseconds, 0 = one yield) and when it is cancelled (half milliseconds, so never tied with a wake-up).</summary>
    private sealed record SleeperSpec(int[] SleepsMs, int? CancelAtHalfMs)
    {
        public override string ToString() => $"sleeps[{string.Join(",", SleepsMs)}]ms cancel@{(CancelAtHalfMs is { } c ? $"{c + 0.5}ms" : "never")}";
    }

    private static readonly Gen<SleeperSpec> Sleeper = Gen.Select(
        Gen.Int[0, 40].Array[1, 6],
        Gen.Int[0, 2].SelectMany(k => k == 0 ? Gen.Const((int?)null) : Gen.Int[0, 150].Select(c => (int?)c)),
        (sleeps, cancel) => new SleeperSpec(sleeps, cancel));

    [Test]
    public void RandomSleepsAndCancellations_EndAtTheModelledTimes()
    {
        Sleeper.Array[1, 40].Sample(specs =>
        {
            using var loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
            var outcomes = new string?[specs.Length];
            async Coroutine Run(int index)
            {
                try
                {
                    foreach (var ms in specs[index].SleepsMs)
                        await Coroutines.Loop.Sleep(ms / 1000.0);
                    outcomes[index] = $"finished@{loop.Time():R}";
                }
                catch (CancelledError)
                {
                    outcomes[index] = $"cancelled@{loop.Time():R}";
                    throw;
                }
            }
            for (int i = 0; i < specs.Length; i++)
            {
                var task = loop.CreateTask(Run(i));
                if (specs[i].CancelAtHalfMs is { } c)
                    loop.CallAt((c + 0.5) / 1000.0, () => task.Cancel());
            }
            loop.CallAt(3600, loop.Stop);
            loop.RunForever();

            var expected = specs.Select(spec =>
            {
                double end = 0;
                foreach (var ms in spec.SleepsMs)
                    end += ms / 1000.0;   // the same additions the loop makes: Time() + delay at each sleep
                double? cancel = spec.CancelAtHalfMs is { } c ? (c + 0.5) / 1000.0 : null;
                return cancel < end ? $"cancelled@{cancel:R}" : $"finished@{end:R}";
            });
            return outcomes.SequenceEqual(expected) && loop.ScheduledTimerCount == 0 && loop.AllTasks().Count == 0;
        }, iter: 300);
    }
}
