using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 4.1 (Lock) and the general rules of section 4.</summary>
public class LockTests : LoopTestBase
{
    [Test]
    public void AcquireTakesTheLock_AndDisposingTheReleaserReleasesIt()
    {
        var l = new AsyncLock();
        bool heldInside = false;
        async Coroutine Main()
        {
            using (await l.Acquire())
                heldInside = l.Locked;
        }

        Loop.RunUntilComplete(Main());

        Assert.That(heldInside, Is.True);
        Assert.That(l.Locked, Is.False);
    }

    [Test]
    public void ReleasingAnUnlockedLock_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AsyncLock().Release());
        Assert.That(error!.Message, Is.EqualTo("Lock is not acquired."));
    }

    [Test]
    public void Waiters_GetTheLockInFifoOrder()
    {
        var l = new AsyncLock();
        var order = new List<int>();
        async Coroutine Worker(int id)
        {
            using (await l.Acquire())
            {
                order.Add(id);
                await Co.Yield();
            }
        }
        var tasks = Enumerable.Range(0, 4).Select(i => (Future)Loop.CreateTask(Worker(i))).ToArray();

        Loop.RunUntilComplete(Co.Gather(tasks));

        Assert.That(order, Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void ANewcomerCannotJumpAheadOfAWokenWaiter()
    {
        var l = new AsyncLock();
        var order = new List<string>();
        async Coroutine Holder()
        {
            using (await l.Acquire())
                await Co.Sleep(1);
        }
        async Coroutine Waiter()
        {
            using (await l.Acquire())
                order.Add("waiter");
        }
        async Coroutine Newcomer()
        {
            using (await l.Acquire())
                order.Add("newcomer");
        }
        _ = Loop.CreateTask(Holder());
        var waiter = Loop.CreateTask(Waiter());
        RunIterations(2);
        Loop.CallLater(1, () => Loop.CreateTask(Newcomer()));   // lands right when the holder releases

        Loop.RunUntilComplete(waiter);
        Loop.RunUntilComplete(Co.Sleep(1).AsCoroutine());

        Assert.That(order, Is.EqualTo(new[] { "waiter", "newcomer" }));
    }

    [Test]
    public void CancellingAWaiter_RemovesItFromTheQueue()
    {
        var l = new AsyncLock();
        async Coroutine Acquirer()
        {
            using (await l.Acquire())
                await Co.Sleep(1);
        }
        _ = Loop.CreateTask(Acquirer());
        var waiter = Loop.CreateTask(Acquirer());
        RunIterations(2);
        Assert.That(l.WaiterCount, Is.EqualTo(1));

        waiter.Cancel();
        RunIterations(2);

        Assert.That(waiter.Cancelled, Is.True);
        Assert.That(l.WaiterCount, Is.EqualTo(0));
    }

    [Test]
    public void AWaiterCancelledAfterBeingHandedTheLock_PassesItOn()
    {
        var l = new AsyncLock();
        int holders = 0, maxHolders = 0;
        bool thirdGotIt = false;
        async Coroutine Contender(bool mark)
        {
            using (await l.Acquire())
            {
                holders++;
                maxHolders = Math.Max(maxHolders, holders);
                await Co.Yield();
                holders--;
                if (mark)
                    thirdGotIt = true;
            }
        }
        async Coroutine<LockReleaser> First() => await l.Acquire();
        var first = Loop.CreateTask(First());
        var second = Loop.CreateTask(Contender(false));
        var third = Loop.CreateTask(Contender(true));
        RunIterations(2);

        first.Result().Dispose();   // hands the lock to the second...
        second.Cancel();            // ...which is cancelled before it resumes
        Loop.RunUntilComplete(third);

        Assert.That(second.Cancelled, Is.True);
        Assert.That(thirdGotIt, Is.True);
        Assert.That(maxHolders, Is.EqualTo(1));
        Assert.That(l.Locked, Is.False);
    }

    [Test]
    public void AWaiterInACancelledScope_DoesNotLeakTheLock()
    {
        var l = new AsyncLock();
        async Coroutine Holder()
        {
            using (await l.Acquire())
                await Co.Sleep(1);
        }
        async Coroutine<CancelScope> Impatient() => await Co.MoveOnAfter(0.5, async _ =>
        {
            using (await l.Acquire())
                await Co.Sleep(10);
        });
        _ = Loop.CreateTask(Holder());
        var impatient = Loop.CreateTask(Impatient());

        Assert.That(Loop.RunUntilComplete(impatient).CancelledCaught, Is.True);
        Loop.RunUntilComplete(Co.Sleep(1).AsCoroutine());
        Assert.That(l.Locked, Is.False);
        Assert.That(l.WaiterCount, Is.EqualTo(0));
    }

    [Test]
    public void Repr_ShowsTheStateAndWaiters()
    {
        var l = new AsyncLock();
        Assert.That(l.ToString(), Does.EndWith("[unlocked]>"));
        async Coroutine Acquirer()
        {
            using (await l.Acquire())
                await Co.Sleep(1);
        }
        _ = Loop.CreateTask(Acquirer());
        _ = Loop.CreateTask(Acquirer());
        RunIterations(2);

        Assert.That(l.ToString(), Does.EndWith("[locked, waiters:1]>"));
    }

    [Test]
    public void APrimitiveIsBoundToTheFirstLoopItWaitsOn()
    {
        var l = new AsyncLock();
        async Coroutine Hold()
        {
            using (await l.Acquire())
            using (await l.Acquire().ToCoroutine())
            {
            }
        }
        _ = Loop.CreateTask(Hold());
        RunIterations(2);   // the second acquire waits and binds the lock to Loop

        using var other = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        async Coroutine Elsewhere()
        {
            using (await l.Acquire())
            {
            }
        }

        var error = Assert.Throws<InvalidOperationException>(() => other.RunUntilComplete(Elsewhere()));
        Assert.That(error!.Message, Does.Contain("bound to a different event loop"));
    }

    [Test]
    public void UncontendedAcquireAndRelease_AllocateNothing()
    {
        var l = new AsyncLock();
        async Coroutine<long> Measure()
        {
            for (int i = 0; i < 100; i++)
            {
                using (await l.Acquire())
                {
                }
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                using (await l.Acquire())
                {
                }
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.That(Loop.RunUntilComplete(Measure()), Is.EqualTo(0));
    }
}

internal static class AcquisitionExtensions
{
    public static async Coroutine<LockReleaser> ToCoroutine(this LockAcquisition acquisition) => await acquisition;
}
