using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 3.8: wait_for, and section-7 bug 6.</summary>
public class WaitForTests : LoopTestBase
{
    private static async Coroutine<int> After(double seconds, int value)
    {
        await Co.Sleep(seconds);
        return value;
    }

    [Test]
    public void NoTimeout_SimplyAwaits()
    {
        Assert.That(Loop.RunUntilComplete(Co.WaitFor(After(100, 3), null)), Is.EqualTo(3));
        Assert.That(Loop.Time(), Is.EqualTo(100).Within(1e-9));
    }

    [Test]
    public void ZeroTimeout_OnADoneFuture_ReturnsItsResult()
    {
        var done = Loop.CreateFuture<int>();
        done.SetResult(8);

        Assert.That(Loop.RunUntilComplete(Co.WaitFor(done, 0)), Is.EqualTo(8));
    }

    [Test]
    public void ZeroTimeout_OnACoroutine_NeverStartsIt()
    {
        bool started = false;
        async Coroutine<int> Body()
        {
            started = true;
            await Co.Yield();
            return 1;
        }

        Assert.Throws<TimeoutException>(() => Loop.RunUntilComplete(Co.WaitFor(Body(), -1)));
        Assert.That(started, Is.False);
    }

    [Test]
    public void ZeroTimeout_OnARunningTask_CancelsIt_AndItsFinallyRunsBeforeTheTimeout()
    {
        bool cleanedUp = false;
        async Coroutine<int> Body()
        {
            try
            {
                await Co.Sleep(10);
                return 1;
            }
            finally
            {
                cleanedUp = true;
            }
        }
        var task = Loop.CreateTask(Body());
        RunIterations(1);
        bool cleanedBeforeTimeout = false;
        async Coroutine Main()
        {
            try
            {
                await Co.WaitFor(task, 0);
            }
            catch (TimeoutException)
            {
                cleanedBeforeTimeout = cleanedUp;
            }
        }

        Loop.RunUntilComplete(Main());

        Assert.That(cleanedBeforeTimeout, Is.True);
        Assert.That(task.Cancelled, Is.True);
    }

    [Test]
    public void OnExpiry_WaitsForTheCancelledTaskToFinish_ThenThrowsTimeoutFromTheCancellation()
    {
        async Coroutine<int> SlowToCancel()
        {
            try
            {
                await Co.Sleep(10);
                return 1;
            }
            catch (CancelledError)
            {
                await Co.Sleep(0.5);   // a cancellation handler that takes time
                throw;
            }
        }
        var task = Loop.CreateTask(SlowToCancel());

        var error = Assert.Throws<TimeoutException>(() => Loop.RunUntilComplete(Co.WaitFor(task, 0.1)));

        Assert.That(Loop.Time(), Is.EqualTo(0.6).Within(1e-9));
        Assert.That(task.Cancelled, Is.True);
        Assert.That(error!.InnerException, Is.InstanceOf<CancelledError>());
    }

    [Test]
    public void InnerTaskThatSuppressesTheCancellation_ItsValueIsReturned()
    {
        async Coroutine<int> Stubborn()
        {
            try
            {
                await Co.Sleep(10);
                return 1;
            }
            catch (CancelledError)
            {
                return 42;
            }
        }

        Assert.That(Loop.RunUntilComplete(Co.WaitFor(Loop.CreateTask(Stubborn()), 0.1)), Is.EqualTo(42));
    }

    [Test]
    public void InnerTaskThatThrowsAnotherExceptionWhileCancelled_ThatExceptionPropagates()
    {
        async Coroutine<int> Faulty()
        {
            try
            {
                await Co.Sleep(10);
                return 1;
            }
            catch (CancelledError)
            {
                throw new FormatException("during cancellation");
            }
        }

        Assert.Throws<FormatException>(() => Loop.RunUntilComplete(Co.WaitFor(Loop.CreateTask(Faulty()), 0.1)));
    }

    [Test]
    public void CancellingTheOuterTask_CancelsTheInnerOne()
    {
        var inner = Loop.CreateTask(After(10, 1));
        async Coroutine<int> Outer() => await Co.WaitFor(inner, 5);
        var outer = Loop.CreateTask(Outer());
        Loop.CallLater(0.1, () => outer.Cancel());

        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(outer));
        Assert.That(outer.Cancelled, Is.True);
        Assert.That(inner.Cancelled, Is.True);
    }

    [Test]
    public void FutureCompletedBeforeTheDeadline_GivesItsResult()
    {
        var future = Loop.CreateFuture<int>();
        Loop.CallSoon(() => future.SetResult(9));

        Assert.That(Loop.RunUntilComplete(Co.WaitFor(future, 0.1)), Is.EqualTo(9));
    }

    [Test]
    public void OuterCancelledWhileInnerCompletesInTheSameCycle_OuterStaysCancelled()
    {
        // CPython GH-86296: the explicit cancellation must not be hidden by the inner result.
        var inner = Loop.CreateFuture<int>();
        bool ranAfter = false;
        async Coroutine Outer()
        {
            await Co.WaitFor(inner, 10);
            ranAfter = true;
        }
        var outer = Loop.CreateTask(Outer());
        RunIterations(2);

        inner.SetResult(1);
        outer.Cancel();
        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(outer));

        Assert.That(outer.Cancelled, Is.True);
        Assert.That(ranAfter, Is.False);
    }

    [Test]
    public void ShieldedTask_TimesOut_ButKeepsRunning()
    {
        var task = Loop.CreateTask(After(0.5, 5));

        Assert.Throws<TimeoutException>(() => Loop.RunUntilComplete(Co.WaitFor(Co.Shield(task), 0.1)));
        Assert.That(task.Cancelled, Is.False);
        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(5));
    }

    [Test]
    public void ZeroTimeout_OnAShieldedTask_Throws_AndTheTaskKeepsRunning()
    {
        var task = Loop.CreateTask(After(0.5, 5));

        Assert.Throws<TimeoutException>(() => Loop.RunUntilComplete(Co.WaitFor(Co.Shield(task), 0)));
        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(5));
    }
}
