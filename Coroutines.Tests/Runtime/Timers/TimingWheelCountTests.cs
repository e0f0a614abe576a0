using Coroutines;

namespace Coroutines.Tests.Runtime.Timers;

/// <summary>
/// The wheel keeps a count of the timers it holds and decrements it as slots cascade down and empty into the
/// due heap; <see cref="EventLoop.ScheduledTimerCount"/> is built on it. These run many timers spread over
/// several wheel levels, with cancellations, in virtual time.
/// </summary>
public class TimingWheelCountTests : LoopTestBase
{
    [Test]
    public void ScheduledTimerCount_FallsByOneForEachTimerThatFiresOrIsCancelled_AcrossCascades()
    {
        var random = new Random(7);
        var handles = new List<TimerHandle>();
        var fired = new List<double>();
        var remainingAtFire = new List<int>();   // the count seen by each timer as it fires
        // Deadlines from 0 to ~5 minutes reach wheel levels 0 to 3 (64 ms, 4 s, 4.4 min slots).
        for (int i = 0; i < 3000; i++)
        {
            double when = random.NextDouble() * random.NextDouble() * 300;
            handles.Add(Loop.CallAt(when, () =>
            {
                fired.Add(when);
                remainingAtFire.Add(Loop.ScheduledTimerCount);
            }));
        }
        for (int i = 1; i < handles.Count; i += 2)
            handles[i].Cancel();
        Assert.That(Loop.ScheduledTimerCount, Is.EqualTo(1500));

        var countsSeen = new List<int>();
        var end = Loop.CreateFuture<bool>();
        Loop.CallAt(301, static f => f.SetResult(true), end);
        Loop.CallSoon(() => countsSeen.Add(Loop.ScheduledTimerCount));
        Loop.RunUntilComplete(end);

        Assert.That(countsSeen, Is.EqualTo(new[] { 1501 }));
        Assert.That(Loop.ScheduledTimerCount, Is.Zero, "every timer that fired or was cancelled left the count");
        Assert.That(fired, Has.Count.EqualTo(1500));
        Assert.That(fired, Is.Ordered, "timers fire in deadline order");
        // Live timers left after each one fired can never exceed those not yet fired (plus the end timer).
        Assert.That(remainingAtFire.Select((left, i) => left <= 1500 - (i + 1) + 1), Is.All.True);
        Assert.That(remainingAtFire, Is.Ordered.Descending);
    }
}
