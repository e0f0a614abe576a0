using Coroutines;

namespace Coroutines.Tests.Runtime.Synchronization;

public class AutoResetSignalTests : LoopTestBase
{
    [Test]
    public void Set_WithNobodyWaiting_LatchesSoTheNextWaitReturnsWithoutSuspending()
    {
        var signal = new AutoResetSignal(Loop);
        signal.Set();
        Assert.That(signal.IsSet, Is.True);

        var steps = new List<string>();
        async Coroutine Waiter()
        {
            steps.Add("before");
            await signal.Wait();
            steps.Add("after");
        }

        Loop.CreateTask(Waiter());
        RunIterations(1);

        Assert.That(steps, Is.EqualTo(new[] { "before", "after" }));
        Assert.That(signal.IsSet, Is.False, "the wait consumed the set");
    }

    [Test]
    public void Set_WithAWaiter_ResumesItOnTheNextIteration()
    {
        var signal = new AutoResetSignal(Loop);
        bool resumed = false;
        async Coroutine Waiter()
        {
            await signal.Wait();
            resumed = true;
        }

        Loop.CreateTask(Waiter());
        RunIterations(1);
        Assert.That(signal.HasWaiter, Is.True);

        signal.Set();
        Assert.That(resumed, Is.False, "waking is scheduled, never synchronous");
        Assert.That(signal.IsSet, Is.False, "the set went to the waiter, not to the latch");
        RunIterations(1);
        Assert.That(resumed, Is.True);
        Assert.That(signal.HasWaiter, Is.False);
    }

    [Test]
    public void Sets_DoNotAccumulate_OneWaitConsumesThemAll()
    {
        var signal = new AutoResetSignal(Loop);
        signal.Set();
        signal.Set();
        int passed = 0;
        async Coroutine Waiter()
        {
            await signal.Wait();
            passed++;
            await signal.Wait();
            passed++;
        }

        Loop.CreateTask(Waiter());
        RunIterations(3);

        Assert.That(passed, Is.EqualTo(1));
        Assert.That(signal.HasWaiter, Is.True);
    }

    [Test]
    public void Reset_ClearsAnUnconsumedSet()
    {
        var signal = new AutoResetSignal(Loop);
        signal.Set();
        signal.Reset();
        Assert.That(signal.IsSet, Is.False);
    }

    [Test]
    public void ASecondConcurrentWaiter_IsRejectedAtItsAwait_AndItsFinallyBlocksRun()
    {
        var signal = new AutoResetSignal(Loop);
        bool cleanedUp = false;
        async Coroutine Waiter() => await signal.Wait();
        async Coroutine SecondWaiter()
        {
            try
            {
                await signal.Wait();
            }
            finally
            {
                cleanedUp = true;
            }
        }

        Loop.CreateTask(Waiter());
        var second = Loop.CreateTask(SecondWaiter());
        RunIterations(2);

        Assert.That(second.Done, Is.True);
        Assert.That(second.Exception(), Is.TypeOf<InvalidOperationException>().With.Message.Contains("single consumer"));
        Assert.That(cleanedUp, Is.True);
        Assert.That(signal.HasWaiter, Is.True, "the first waiter keeps its place");
    }

    [Test]
    public void CancellingTheWaitingTask_ThrowsCancelledErrorAtTheAwait_AndFreesTheSignal()
    {
        var signal = new AutoResetSignal(Loop);
        object? seenMessage = null;
        async Coroutine Waiter()
        {
            try
            {
                await signal.Wait();
            }
            catch (CancelledError error)
            {
                seenMessage = error.CancelMessage;
                throw;
            }
        }

        var task = Loop.CreateTask(Waiter());
        RunIterations(1);
        Assert.That(task.Cancel("stop waiting"), Is.True);
        Assert.That(signal.HasWaiter, Is.False, "the cancelled task is taken off the signal at once");
        RunIterations(1);

        Assert.That(task.Cancelled, Is.True);
        Assert.That(seenMessage, Is.EqualTo("stop waiting"));
        signal.Set();
        Assert.That(signal.IsSet, Is.True, "a later set is kept for the next waiter, not lost on the cancelled one");
    }

    [Test]
    public void ACancellationRequestedBeforeTheWait_IsDeliveredAtTheWait()
    {
        var signal = new AutoResetSignal(Loop);
        async Coroutine Waiter()
        {
            Coroutines.Loop.CurrentTask!.AsFuture.Cancel();
            await signal.Wait();
        }

        var task = Loop.CreateTask(Waiter());
        RunIterations(2);

        Assert.That(task.Cancelled, Is.True);
        Assert.That(signal.HasWaiter, Is.False);
    }

    [Test]
    public void TwoSignals_HandControlBackAndForthInStrictAlternation()
    {
        var toPinger = new AutoResetSignal(Loop);
        var toPonger = new AutoResetSignal(Loop);
        var log = new List<string>();
        async Coroutine Pinger()
        {
            for (int i = 0; i < 3; i++)
            {
                log.Add($"ping {i}");
                toPonger.Set();
                await toPinger.Wait();
            }
        }

        async Coroutine Ponger()
        {
            for (int i = 0; i < 3; i++)
            {
                await toPonger.Wait();
                log.Add($"pong {i}");
                toPinger.Set();
            }
        }

        var ponger = Loop.CreateTask(Ponger());
        Loop.RunUntilComplete(Pinger());

        Assert.That(ponger.Done, Is.True);
        Assert.That(log, Is.EqualTo(new[] { "ping 0", "pong 0", "ping 1", "pong 1", "ping 2", "pong 2" }));
    }
}
