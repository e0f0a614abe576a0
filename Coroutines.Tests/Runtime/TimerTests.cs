using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime;

/// <summary>asyncio's <c>time()</c>, <c>call_later</c>/<c>call_at</c> and <c>TimerHandle</c>.</summary>
public class TimerTests : LoopTestBase
{
    // ---- 1.1 ----

    [Test]
    public void Time_IsMonotonicSecondsStartingAtZeroInVirtualTime()
    {
        Assert.That(Loop.Time(), Is.EqualTo(0));
        var seen = new List<double>();
        Loop.CallLater(2.5, () => seen.Add(Loop.Time()));
        Loop.CallLater(0.25, () => seen.Add(Loop.Time()));

        RunFor(3);

        Assert.That(seen, Is.EqualTo(new[] { 0.25, 2.5 }));
        Assert.That(Loop.Time(), Is.EqualTo(3));
        Assert.That(Loop.Now, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void Time_OnARealClock_IsMonotonic()
    {
        using var loop = EventLoop.New();
        double previous = loop.Time();
        for (int i = 0; i < 1000; i++)
        {
            double now = loop.Time();
            Assert.That(now, Is.GreaterThanOrEqualTo(previous));
            previous = now;
        }
        Assert.That(loop.ClockResolution, Is.GreaterThan(0));
    }

    [Test]
    public void Time_ComesFromTheConfiguredTimeProvider()
    {
        var clock = new SteppedTimeProvider();
        clock.Now = 1_000;   // the loop's epoch is its creation
        using var loop = EventLoop.New(new EventLoopOptions { TimeProvider = clock });

        clock.Now = 1_000 + 2_500;

        Assert.That(loop.Time(), Is.EqualTo(2.5));
        Assert.That(loop.ClockResolution, Is.EqualTo(1.0 / SteppedTimeProvider.Frequency));
    }

    [Test]
    public void CallAt_FiresNoEarlierThanItsDeadline()
    {
        double fired = double.NaN;
        double when = Loop.Time() + 0.1;
        Loop.CallAt(when, () => fired = Loop.Time());

        RunFor(1);

        Assert.That(fired, Is.EqualTo(when));
    }

    [Test]
    public void SubResolutionSleeps_DoNotBusySpin_VirtualTime()
    {
        static async Coroutine SleepTiny()
        {
            foreach (var delay in new[] { 1e-2, 1e-4, 1e-6, 1e-8, 1e-10 })
                await Sleep(delay);
        }

        long before = Loop.Iterations;
        Loop.RunUntilComplete(SleepTiny());

        Assert.That(Loop.Iterations - before, Is.LessThanOrEqualTo(20));
        Assert.That(Loop.Time(), Is.EqualTo(1e-2 + 1e-4 + 1e-6 + 1e-8 + 1e-10).Within(1e-15));
    }

    [Test]
    public void SubResolutionSleeps_DoNotBusySpin_RealClock()
    {
        // The real clock is needed here: busy-spinning is about waits shorter than the clock's resolution.
        // Only the iteration count is asserted, never the elapsed time.
        static async Coroutine SleepTiny()
        {
            foreach (var delay in new[] { 1e-4, 1e-6, 1e-8, 1e-10 })
                await Sleep(delay);
        }

        using var loop = EventLoop.New();
        loop.RunUntilComplete(SleepTiny());

        Assert.That(loop.Iterations, Is.LessThanOrEqualTo(20));
    }

    // ---- 1.3 ----

    [Test]
    public void CallLater_ReturnsATimerHandleInTheTimerQueueNotTheReadyQueue()
    {
        bool ran = false;
        var handle = Loop.CallLater(10, () => ran = true);

        Assert.That(handle.When, Is.EqualTo(10));
        Assert.That(Loop.ScheduledTimerCount, Is.EqualTo(1));
        RunIterations(1);   // a pre-stopped iteration polls with a zero timeout: the clock does not jump
        Assert.That(ran, Is.False);
        Assert.That(Loop.Time(), Is.Zero);

        RunFor(10);
        Assert.That(ran, Is.True);
        Assert.That(Loop.Time(), Is.EqualTo(10));
        Assert.That(Loop.ScheduledTimerCount, Is.Zero);
    }

    [Test]
    public void CallLater_IsCallAtTimePlusDelay()
    {
        RunFor(1.5);

        var later = Loop.CallLater(2, () => { });
        var laterSpan = Loop.CallLater(TimeSpan.FromMilliseconds(250), () => { });
        var at = Loop.CallAt(7, () => { });

        Assert.That(later.When, Is.EqualTo(3.5));
        Assert.That(laterSpan.When, Is.EqualTo(1.75));
        Assert.That(at.When, Is.EqualTo(7), "TimerHandle.When is the absolute loop time");
    }

    [Test]
    public void CallLater_NegativeDelays_RunInDeadlineOrder()
    {
        var log = new List<string>();
        Loop.CallLater(-1, () => log.Add("a"));
        Loop.CallLater(-2, () => log.Add("b"));

        RunIterations(1);

        Assert.That(log, Is.EqualTo(new[] { "b", "a" }));
    }

    [Test]
    public void CallAt_EqualDeadlines_RunInSchedulingOrderInOneIteration()
    {
        // asyncio leaves this order undefined (its heap is not stable); we document FIFO and test it.
        var log = new List<int>();
        long firstIteration = -1;
        for (int i = 0; i < 12; i++)
        {
            int n = i;
            Loop.CallAt(5, () =>
            {
                if (firstIteration < 0) firstIteration = Loop.Iterations;
                Assert.That(Loop.Iterations, Is.EqualTo(firstIteration), "all equal deadlines fire in the same iteration");
                log.Add(n);
            });
        }

        RunFor(6);

        Assert.That(log, Is.EqualTo(Enumerable.Range(0, 12)));
    }

    [Test]
    public void CallLater_WithState_PassesTheState()
    {
        var seen = new List<object?>();
        Loop.CallLater(TimeSpan.FromSeconds(1), static s => s.seen.Add(s.n), (seen, n: 7));
        Loop.CallAt(2, static list => list.Add("ref"), seen);
        Loop.CallAt(3, static s => s.seen.Add(s.n), (seen, n: 9));

        RunFor(4);

        Assert.That(seen, Is.EqualTo(new object[] { 7, "ref", 9 }));
    }

    [Test]
    public void CallLater_NaNDelay_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Loop.CallLater(double.NaN, () => { }));
        Assert.Throws<ArgumentException>(() => Loop.CallAt(double.NaN, () => { }));
        Assert.Throws<ArgumentNullException>(() => Loop.CallLater(1, null!));
        Assert.Throws<ArgumentNullException>(() => Loop.CallAt(1, null!));
    }

    [Test]
    public void TimerCancel_PreventsTheCallAndIsIdempotent()
    {
        bool ran = false;
        var handle = Loop.CallLater(1, () => ran = true);

        handle.Cancel();
        handle.Cancel();

        Assert.That(handle.Cancelled, Is.True);
        Assert.That(Loop.ScheduledTimerCount, Is.Zero, "a cancelled timer leaves the timer queue at once");
        RunFor(2);
        Assert.That(ran, Is.False);
    }

    [Test]
    public void TimerCancel_OfAnExpiredTimerWaitingInTheSameIteration_SkipsIt()
    {
        var log = new List<string>();
        TimerHandle? second = null;
        Loop.CallLater(-1, () =>
        {
            log.Add("first");
            second!.Cancel();
        });
        second = Loop.CallLater(0, () => log.Add("second"));

        RunIterations(2);

        Assert.That(log, Is.EqualTo(new[] { "first" }));
        Assert.That(second.Cancelled, Is.True);
    }

    [Test]
    public void TimerCancel_DropsTheCallbackAndState()
    {
        var (handle, state) = ScheduleTimerWithCollectibleState();

        handle.Cancel();
        Capture.FullGarbageCollection();

        Assert.That(state.IsAlive, Is.False);
        GC.KeepAlive(handle);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private (TimerHandle, WeakReference) ScheduleTimerWithCollectibleState()
    {
        var state = new object();
        return (Loop.CallAt(100, static _ => { }, state), new WeakReference(state));
    }

    [Test]
    public void CallLaterAndCallAt_OnClosedLoop_ThrowObjectDisposed()
    {
        Loop.Close();

        Assert.Throws<ObjectDisposedException>(() => Loop.CallLater(1, () => { }));
        Assert.Throws<ObjectDisposedException>(() => Loop.CallLater(TimeSpan.FromSeconds(1), () => { }));
        Assert.Throws<ObjectDisposedException>(() => Loop.CallAt(1, () => { }));
        Assert.Throws<ObjectDisposedException>(() => Loop.CallAt(1, static _ => { }, "state"));
    }

    [Test]
    public void TimerHandles_AreEqualOnlyToThemselves_AndOrderByWhen()
    {
        // Documented difference: asyncio's TimerHandle compares and hashes by its deadline.
        var a = Loop.CallAt(5, () => { });
        var b = Loop.CallAt(5, () => { });
        var early = Loop.CallAt(1, () => { });

        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That(a, Is.EqualTo(a));
        Assert.That(new[] { a, early, b }.OrderBy(h => h.When), Is.EqualTo(new[] { early, a, b }));
    }

    [Test]
    public void TimerToString_ShowsDeadlineAndCancellation()
    {
        var handle = Loop.CallAt(1.5, () => { });
        Assert.That(handle.ToString(), Does.Contain("when=1.5"));
        handle.Cancel();
        Assert.That(handle.ToString(), Does.Contain("cancelled"));
    }
}
