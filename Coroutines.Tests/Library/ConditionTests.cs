using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 4.3: Condition.</summary>
public class ConditionTests : LoopTestBase
{
    [Test]
    public void WaitAndNotify_RequireTheLock()
    {
        var cond = new AsyncCondition();

        Assert.That(Assert.Throws<InvalidOperationException>(() => cond.Wait())!.Message, Does.Contain("un-acquired lock"));
        Assert.That(Assert.Throws<InvalidOperationException>(() => cond.Notify())!.Message, Does.Contain("un-acquired lock"));
    }

    [Test]
    public void Notify_WakesWaitersInFifoOrder_OneAtATimeAsTheLockIsReleased()
    {
        var cond = new AsyncCondition();
        var result = new List<int>();
        async Coroutine Waiter(int id)
        {
            using (await cond.Acquire())
            {
                if (await cond.Wait())
                    result.Add(id);
            }
        }
        for (int i = 1; i <= 3; i++)
            _ = Loop.CreateTask(Waiter(i));
        RunIterations(2);

        async Coroutine NotifyOne()
        {
            using (await cond.Acquire())
                cond.Notify(1);
        }
        Loop.RunUntilComplete(NotifyOne());
        RunIterations(3);
        Assert.That(result, Is.EqualTo(new[] { 1 }));

        async Coroutine NotifyAll()
        {
            using (await cond.Acquire())
                cond.NotifyAll();
        }
        Loop.RunUntilComplete(NotifyAll());
        RunIterations(6);
        Assert.That(result, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void WaitFor_ReturnsThePredicatesValue_OnceItHolds()
    {
        var cond = new AsyncCondition();
        int presses = 0;
        async Coroutine<bool> Waiter()
        {
            using (await cond.Acquire())
                return await cond.WaitFor(() => presses == 3);
        }
        var waiter = Loop.CreateTask(Waiter());
        async Coroutine Presser()
        {
            for (int i = 0; i < 3; i++)
            {
                await Co.Sleep(0.1);
                using (await cond.Acquire())
                {
                    presses++;
                    cond.Notify();
                }
            }
        }
        _ = Loop.CreateTask(Presser());

        Assert.That(Loop.RunUntilComplete(waiter), Is.True);
        Assert.That(presses, Is.EqualTo(3));
    }

    [Test]
    public void WaitFor_WithATruePredicate_ReturnsEvenWithoutTheLock()
    {
        var cond = new AsyncCondition();

        Assert.That(Loop.RunUntilComplete(cond.WaitFor(() => true)), Is.True);
    }

    [Test]
    public void CancellingAWait_ReacquiresTheLockBeforeTheCancellationLeaves()
    {
        var cond = new AsyncCondition();
        bool heldWhenCancelled = false;
        async Coroutine Waiter()
        {
            await cond.Acquire();
            try
            {
                await cond.Wait();
            }
            catch (CancelledError)
            {
                heldWhenCancelled = cond.Locked;
                cond.Release();
                throw;
            }
        }
        var task = Loop.CreateTask(Waiter());
        async Coroutine Holder()
        {
            using (await cond.Acquire())
                await Co.Sleep(1);   // the lock is contended while the waiter is cancelled
        }
        RunIterations(2);
        _ = Loop.CreateTask(Holder());
        RunIterations(1);

        task.Cancel();
        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(task));

        Assert.That(heldWhenCancelled, Is.True);
        Assert.That(Loop.Time(), Is.EqualTo(1).Within(1e-9), "the cancelled waiter waited for the holder to release");
    }

    [Test]
    public void AWaiterCancelledAfterBeingNotified_PassesTheNotificationOn()
    {
        var cond = new AsyncCondition();
        var woken = new List<int>();
        async Coroutine Waiter(int id)
        {
            using (await cond.Acquire())
            {
                await cond.Wait();
                woken.Add(id);
            }
        }
        var first = Loop.CreateTask(Waiter(1));
        var second = Loop.CreateTask(Waiter(2));
        RunIterations(3);
        async Coroutine NotifyOneThenCancelIt()
        {
            using (await cond.Acquire())
            {
                cond.Notify(1);
                first.Cancel();   // notified, but cancelled before it resumes
            }
        }
        Loop.RunUntilComplete(NotifyOneThenCancelIt());

        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(first));
        Loop.RunUntilComplete(second);

        Assert.That(woken, Is.EqualTo(new[] { 2 }));
        Assert.That(cond.Locked, Is.False);
    }

    [Test]
    public void AWaitCutShortByACancelScope_StillReacquiresAContendedLock()
    {
        var cond = new AsyncCondition();
        bool heldAfterScope = false;
        async Coroutine Waiter()
        {
            await cond.Acquire();
            await Co.MoveOnAfter(0.1, async _ => await cond.Wait());
            heldAfterScope = cond.Locked;
            cond.Release();
        }
        async Coroutine Holder()
        {
            await Co.Sleep(0.05);
            using (await cond.Acquire())
                await Co.Sleep(1);   // holds the lock when the waiter's scope expires
        }
        _ = Loop.CreateTask(Holder());

        Loop.RunUntilComplete(Waiter());

        Assert.That(heldAfterScope, Is.True);
        Assert.That(Loop.Time(), Is.EqualTo(1.05).Within(1e-9));
    }

    [Test]
    public void AConditionCanShareAnExistingLock()
    {
        var l = new AsyncLock();
        var cond = new AsyncCondition(l);
        async Coroutine Main()
        {
            using (await l.Acquire())
                Assert.That(cond.Locked, Is.True);
        }

        Loop.RunUntilComplete(Main());

        Assert.That(cond.Locked, Is.False);
    }
}
