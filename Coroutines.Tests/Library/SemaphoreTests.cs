using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 4.4: Semaphore and BoundedSemaphore, and section-7 bug 12.</summary>
public class SemaphoreTests : LoopTestBase
{
    [Test]
    public void ANegativeInitialValue_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncSemaphore(-1));
    }

    [Test]
    public void AZeroSemaphore_IsLocked()
    {
        Assert.That(new AsyncSemaphore(0).Locked, Is.True);
    }

    [Test]
    public void WhileLiveWaitersExist_TheSemaphoreStaysLocked_EvenWithFreePermits()
    {
        var sem = new AsyncSemaphore(0);
        async Coroutine Acquirer() => await sem.Acquire();
        for (int i = 0; i < 4; i++)
            _ = Loop.CreateTask(Acquirer());
        RunIterations(1);

        sem.Release();
        sem.Release();
        sem.Release();

        Assert.That(sem.Locked, Is.True, "the permits are promised to the woken waiters");
    }

    [Test]
    public void PermitsAreHandedOutInFifoOrder_AcrossRepeatedAcquires()
    {
        var sem = new AsyncSemaphore(1);
        var order = new List<string>();
        async Coroutine Worker(string name)
        {
            for (int round = 1; round <= 2; round++)
            {
                using (await sem.Acquire())
                {
                    order.Add($"{name}_{round}");
                    await Co.Yield();
                }
            }
        }

        Loop.RunUntilComplete(Co.Gather(Worker("c1"), Worker("c2"), Worker("c3")));

        Assert.That(order, Is.EqualTo(new[] { "c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2" }));
    }

    [Test]
    public void ACancelledWaiter_IsSkipped()
    {
        var sem = new AsyncSemaphore(0);
        var order = new List<int>();
        async Coroutine Worker(int id)
        {
            await sem.Acquire();
            order.Add(id);
        }
        var first = Loop.CreateTask(Worker(1));
        var second = Loop.CreateTask(Worker(2));
        var third = Loop.CreateTask(Worker(3));
        RunIterations(1);

        first.Cancel();
        sem.Release();
        sem.Release();
        Loop.RunUntilComplete(Co.Gather<VoidResult>(second, third));

        Assert.That(order, Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public void AWaiterCancelledAfterBeingWoken_GivesThePermitBack_AndNobodyHangs()
    {
        // Section 7, bug 12: asyncio's semaphore could get stuck after such cancellations.
        var sem = new AsyncSemaphore(0);
        async Coroutine Worker() => await sem.Acquire();
        var woken = Loop.CreateTask(Worker());
        var next = Loop.CreateTask(Worker());
        RunIterations(1);

        sem.Release();   // wakes `woken`
        woken.Cancel();  // ...cancelled before it resumes
        Loop.RunUntilComplete(next);

        Assert.That(woken.Cancelled, Is.True);
        Assert.That(next.Done && !next.Cancelled, Is.True);
        Assert.That(sem.Value, Is.EqualTo(0));
    }

    [Test]
    public void OverReleasingAPlainSemaphore_RaisesItsValue()
    {
        var sem = new AsyncSemaphore(1);

        sem.Release();

        Assert.That(sem.Value, Is.EqualTo(2));
    }

    [Test]
    public void OverReleasingABoundedSemaphore_Throws()
    {
        var sem = new AsyncBoundedSemaphore(1);

        var error = Assert.Throws<SemaphoreFullException>(() => sem.Release());
        Assert.That(error!.Message, Does.Contain("released too many times"));
    }

    [Test]
    public void ABoundedSemaphore_CanBeReleasedAfterAnAcquire()
    {
        var sem = new AsyncBoundedSemaphore(2);
        async Coroutine Main()
        {
            using (await sem.Acquire())
                Assert.That(sem.Value, Is.EqualTo(1));
        }

        Loop.RunUntilComplete(Main());

        Assert.That(sem.Value, Is.EqualTo(2));
    }
}
