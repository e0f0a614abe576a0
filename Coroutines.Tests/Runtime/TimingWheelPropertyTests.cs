using CsCheck;

namespace Coroutines.Tests.Runtime;

/// <summary>
/// The timer queue (timing wheel + due heap) against a model: random CallAt/CallLater/cancel scenarios on a
/// virtual-time loop fire exactly the timers that were not cancelled, in (deadline, scheduling order), each at
/// a loop time equal to its deadline (or, for a deadline already past, the time it was found due).
/// </summary>
public class TimingWheelPropertyTests
{
    private const double Year = 365.25 * 86400;
    private const double EndOfTime = 100 * Year;   // later than any generated deadline

    private static readonly Gen<double> Deadline = Gen.OneOf(
        Gen.Double[-5, 5],                                  // sub-millisecond precision around now
        Gen.Int[-2000, 5000].Select(ms => ms / 1000.0),     // whole milliseconds: many equal deadlines
        Gen.Double[0, 3 * 86400],                           // hours and days
        Gen.Double[0, 6 * Year],                            // years: beyond the wheel's ~2.2-year span
        Gen.Double[-1e7, 0],                                // long past: expired now
        Gen.Select(Gen.Int[1, 6], Gen.Int[-2, 2],           // next to a wheel level's boundary (64^level ms)
            (level, offset) => (Math.Pow(64, level) + offset) / 1000.0));

    private static readonly Gen<TimerSpec> Spec = Gen.Select(
        Deadline,
        Gen.Bool,
        Gen.Int[0, 9].Select(n => n == 0),                  // about one timer in ten is cancelled before the run
        Gen.Int[0, 1000].Array[0, 2],
        Gen.Int[0, 2].SelectMany(k => k == 0 ? Deadline.Select(d => (double?)d) : Gen.Const((double?)null)),  // a third spawn a child
        (when, later, cancel, cancels, child) => new TimerSpec(when, later, cancel, cancels, child));

    [Test]
    public void RandomTimerScenarios_FireExactlyTheNonCancelledTimersInDeadlineOrderAtTheirDeadlines()
    {
        Spec.Array[1, 120].Sample(specs =>
        {
            var expected = TimerOrderModel.Expected(specs);
            var actual = TimerOrderModel.Run(specs, EndOfTime);
            return actual.SequenceEqual(expected);
        }, iter: 1000);
    }

    [Test]
    public void AnHourOfTenThousandTimers_FireInDeadlineOrderAtTheirDeadlines()
    {
        var random = new Random(20251125);
        var specs = Enumerable.Range(0, 10_000)
            .Select(i => new TimerSpec(
                When: random.Next(4) == 0 ? Math.Round(random.NextDouble() * 3600, 1) : random.NextDouble() * 3600,
                ViaCallLater: i % 2 == 0,
                CancelBeforeRun: random.Next(5) == 0,
                Cancels: random.Next(10) == 0 ? new[] { random.Next(10_000) } : Array.Empty<int>(),
                ChildDelay: null))
            .ToArray();

        var actual = TimerOrderModel.Run(specs, EndOfTime);

        Assert.That(actual, Is.EqualTo(TimerOrderModel.Expected(specs)));
        Assert.That(actual, Has.Count.GreaterThan(7000));
        Assert.That(actual.All(f => f.Time <= 3600), Is.True);
    }

    [Test]
    public void FarDeadlines_YearsAndCenturies_FireAtExactlyTheirDeadlines()
    {
        var specs = new[] { 1e-3, 3600.5, 86400 * 7.25, 2.5 * Year, 10 * Year, 50 * Year, 3 * Year, 2.2 * Year }
            .Select(when => new TimerSpec(when, ViaCallLater: false, CancelBeforeRun: false, Array.Empty<int>(), ChildDelay: null))
            .ToArray();

        var actual = TimerOrderModel.Run(specs, EndOfTime);

        Assert.That(actual, Is.EqualTo(TimerOrderModel.Expected(specs)));
        Assert.That(actual.Select(f => f.Time), Is.Ordered);
        Assert.That(actual.Select(f => f.Time), Is.EquivalentTo(specs.Select(s => s.When)));
    }
}
