using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 4.2: Event.</summary>
public class EventTests : LoopTestBase
{
    [Test]
    public void Wait_OnASetEvent_ReturnsTrueAtOnce()
    {
        var ev = new AsyncEvent();
        ev.Set();
        long iterations = -1;
        async Coroutine<bool> Main()
        {
            long before = Loop.Iterations;
            bool result = await ev.Wait();
            iterations = Loop.Iterations - before;
            return result;
        }

        Assert.That(Loop.RunUntilComplete(Main()), Is.True);
        Assert.That(iterations, Is.EqualTo(0));
    }

    [Test]
    public void Set_WakesEveryWaiter_AfterAlreadyScheduledSteps()
    {
        var ev = new AsyncEvent();
        var result = new List<int>();
        async Coroutine Waiter(int id)
        {
            if (await ev.Wait())
                result.Add(id);
        }
        var t1 = Loop.CreateTask(Waiter(1));
        var t2 = Loop.CreateTask(Waiter(2));
        RunIterations(1);
        var t3 = Loop.CreateTask(Waiter(3));

        ev.Set();
        RunIterations(1);

        Assert.That(result, Is.EqualTo(new[] { 3, 1, 2 }));
        Assert.That(t1.Done && t2.Done && t3.Done, Is.True);
    }

    [Test]
    public void Clear_DoesNotUnwakeWaitersAlreadyReleased()
    {
        var ev = new AsyncEvent();
        var result = new List<int>();
        async Coroutine Waiter()
        {
            if (await ev.Wait())
                result.Add(1);
        }
        var task = Loop.CreateTask(Waiter());
        RunIterations(1);

        ev.Set();
        ev.Clear();
        Assert.That(ev.IsSet, Is.False);
        ev.Set();
        ev.Set();
        RunIterations(1);

        Assert.That(result, Is.EqualTo(new[] { 1 }));
        Assert.That(task.Done, Is.True);
    }

    [Test]
    public void ACancelledWait_LeavesNoWaiterBehind()
    {
        var ev = new AsyncEvent();
        async Coroutine Waiter() => await ev.Wait();
        var task = Loop.CreateTask(Waiter());
        RunIterations(1);
        Assert.That(ev.ToString(), Does.Contain("waiters:1"));

        task.Cancel();
        RunIterations(2);

        Assert.That(task.Cancelled, Is.True);
        Assert.That(ev.ToString(), Is.EqualTo("<AsyncEvent [unset]>"));
    }
}
