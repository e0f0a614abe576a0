namespace Coroutines.Tests.Runtime;

/// <summary>asyncio's iteration algorithm and <c>call_soon</c>.</summary>
public class EventLoopSchedulingTests : LoopTestBase
{
    // ---- 1.0 ----

    [Test]
    public void Iteration_RunsOnlyTheSnapshotReadyWhenItBegan()
    {
        var log = new List<string>();
        Loop.CallSoon(() =>
        {
            log.Add("first");
            Loop.CallSoon(() => log.Add("scheduled-by-first"));
        });
        Loop.CallSoon(() => log.Add("second"));

        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "first", "second" }));

        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "first", "second", "scheduled-by-first" }));
    }

    [Test]
    public void CallSoon_RunsInFifoOrder()
    {
        var log = new List<int>();
        for (int i = 0; i < 100; i++)
            Loop.CallSoon(static state => state.log.Add(state.i), (log, i));

        RunIterations(1);

        Assert.That(log, Is.EqualTo(Enumerable.Range(0, 100)));
    }

    [Test]
    public void CallSoonThreadSafe_OnTheLoopThread_KeepsFifoWithCallSoon()
    {
        var log = new List<string>();
        Loop.CallSoon(() =>
        {
            Loop.CallSoon(() => log.Add("soon-1"));
            Loop.CallSoonThreadSafe(() => log.Add("threadsafe"));
            Loop.CallSoon(() => log.Add("soon-2"));
        });

        RunIterations(2);

        Assert.That(log, Is.EqualTo(new[] { "soon-1", "threadsafe", "soon-2" }));
    }

    [Test]
    public void ExpiredTimer_RunsAfterTheCallSoonCallbacksOfTheSameIteration()
    {
        var log = new List<string>();
        Loop.CallLater(0, () => log.Add("timer"));
        Loop.CallSoon(() => log.Add("soon"));

        RunIterations(1);

        Assert.That(log, Is.EqualTo(new[] { "soon", "timer" }));
    }

    [Test]
    public void ExpiredTimers_RunInDeadlineOrderAfterCallSoon()
    {
        var log = new List<string>();
        Loop.CallLater(-1, () => log.Add("a"));
        Loop.CallLater(-2, () => log.Add("b"));
        Loop.CallLater(0, () => log.Add("c"));
        Loop.CallSoon(() => log.Add("soon"));

        RunIterations(1);

        Assert.That(log, Is.EqualTo(new[] { "soon", "b", "a", "c" }));
    }

    [Test]
    public void CallbackReschedulingItself_CannotStarveTheLoop()
    {
        int spins = 0;
        var log = new List<string>();
        void Spin()
        {
            spins++;
            Loop.CallSoon(Spin);
        }
        Loop.CallSoon(Spin);
        Loop.CallLater(0, () => log.Add("timer"));

        RunIterations(1);

        Assert.That(spins, Is.EqualTo(1));
        Assert.That(log, Is.EqualTo(new[] { "timer" }));
    }

    [Test]
    public void TimerScheduledByACallback_DoesNotRunInTheSameIteration()
    {
        var log = new List<string>();
        Loop.CallSoon(() => Loop.CallLater(-1, () => log.Add("timer")));

        RunIterations(1);
        Assert.That(log, Is.Empty);

        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "timer" }));
    }

    // ---- 1.2 ----

    [Test]
    public void CallSoon_ReturnsAHandleAndRunsOnTheNextIteration()
    {
        bool ran = false;
        var handle = Loop.CallSoon(() => ran = true);

        Assert.That(handle.Loop, Is.SameAs(Loop));
        Assert.That(ran, Is.False, "call_soon never runs the callback synchronously");
        RunIterations(1);
        Assert.That(ran, Is.True);
    }

    [Test]
    public void CallSoon_WithState_PassesTheState()
    {
        var received = new List<object>();
        var reference = new object();
        // A value-type state (this tuple) takes the boxed work-item path; a reference-type state is passed as is.
        Loop.CallSoon(static state => state.received.Add(state.reference), (received, reference));
        Loop.CallSoon(static list => list.Add("ref-state"), received);

        RunIterations(1);

        Assert.That(received, Is.EqualTo(new object[] { reference, "ref-state" }));
    }

    [Test]
    public void CallSoon_RunsInTheLoopThreadsContext_NotTheCallers()
    {
        // Documented difference from asyncio (see EventLoop.CallSoon): no per-callback context capture.
        var value = new AsyncLocal<string?>();
        string? seen = "not run";
        async Coroutine Body()
        {
            value.Value = "inside the task";
            EventLoop.Running.CallSoon(() => seen = value.Value);
            await Coroutines.Loop.Yield();
        }

        Loop.RunUntilComplete(Body());

        Assert.That(seen, Is.Null);
    }

    [Test]
    public void CallSoon_NullCallback_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Loop.CallSoon(null!));
        Assert.Throws<ArgumentNullException>(() => Loop.CallSoon<int>(null!, 1));
    }

    [Test]
    public void CallSoon_OnClosedLoop_ThrowsObjectDisposed()
    {
        Loop.Close();

        Assert.Throws<ObjectDisposedException>(() => Loop.CallSoon(() => { }));
        Assert.Throws<ObjectDisposedException>(() => Loop.CallSoon(static _ => { }, "state"));
    }

    [Test]
    public void HandleCancel_PreventsTheCallbackAndIsIdempotent()
    {
        bool ran = false;
        var handle = Loop.CallSoon(() => ran = true);

        Assert.That(handle.Cancel(), Is.True);
        Assert.That(handle.Cancel(), Is.False, "a second Cancel changes nothing");
        Assert.That(handle.Cancelled, Is.True);
        RunIterations(1);

        Assert.That(ran, Is.False);
        Assert.That(handle.Cancelled, Is.True, "the handle still reports cancelled after the loop skipped it");
    }

    [Test]
    public void HandleCancel_OfALaterCallbackInTheSameIteration_SkipsIt()
    {
        var log = new List<string>();
        Handle second = default;
        Loop.CallSoon(() =>
        {
            log.Add("first");
            second.Cancel();
        });
        second = Loop.CallSoon(() => log.Add("second"));
        Loop.CallSoon(() => log.Add("third"));

        RunIterations(1);

        Assert.That(log, Is.EqualTo(new[] { "first", "third" }));
    }

    [Test]
    public void HandleCancel_AfterTheCallbackRan_ReturnsFalse()
    {
        var handle = Loop.CallSoon(() => { });
        RunIterations(1);

        Assert.That(handle.Cancel(), Is.False);
        Assert.That(handle.Cancelled, Is.False);
    }

    [Test]
    public void HandleCancel_DropsTheCallbackAndState()
    {
        var (handle, state) = ScheduleWithCollectibleState();

        handle.Cancel();
        Capture.FullGarbageCollection();

        Assert.That(state.IsAlive, Is.False, "a cancelled handle must not keep its state alive");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private (Handle, WeakReference) ScheduleWithCollectibleState()
    {
        var state = new object();
        return (Loop.CallSoon(static _ => { }, state), new WeakReference(state));
    }

    [Test]
    public void CallbackException_ReachesTheExceptionHandlerWithTheCallback()
    {
        var boom = new InvalidOperationException("boom");
        Loop.CallSoon(() => throw boom);

        RunIterations(1);

        Assert.That(Reports, Has.Count.EqualTo(1));
        Assert.That(Reports[0].Message, Does.StartWith("Exception in callback"));
        Assert.That(Reports[0].Exception, Is.SameAs(boom));
        Assert.That(Reports[0].Callback, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void CallbackException_LoopKeepsRunningTheRestOfTheIteration()
    {
        var log = new List<string>();
        Loop.CallSoon(() => throw new InvalidOperationException("first fails"));
        Loop.CallSoon(() => log.Add("second"));
        Loop.CallLater(0, () => throw new InvalidOperationException("timer fails"));
        Loop.CallLater(0, () => log.Add("timer"));

        RunIterations(1);
        Loop.CallSoon(() => log.Add("next iteration"));
        RunIterations(1);

        Assert.That(log, Is.EqualTo(new[] { "second", "timer", "next iteration" }));
        Assert.That(Reports.Select(r => r.Exception!.Message), Is.EqualTo(new[] { "first fails", "timer fails" }));
    }
}
