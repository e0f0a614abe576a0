using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 4.5: Queue, LifoQueue, PriorityQueue, and section-7 bug 16.</summary>
public class QueueTests : LoopTestBase
{
    [TestCase(0)]
    [TestCase(-3)]
    public void ZeroOrNegativeMaxSize_IsUnbounded(int maxSize)
    {
        var q = new AsyncQueue<int>(maxSize);
        for (int i = 0; i < 1000; i++)
            q.PutNowait(i);

        Assert.That(q.IsFull, Is.False);
        Assert.That(q.Count, Is.EqualTo(1000));
    }

    [Test]
    public void PutNowait_OnAFullQueue_ThrowsQueueFull()
    {
        var q = new AsyncQueue<int>(1);
        q.PutNowait(1);

        Assert.Throws<QueueFullException>(() => q.PutNowait(2));
    }

    [Test]
    public void GetNowait_OnAnEmptyQueue_ThrowsQueueEmpty()
    {
        Assert.Throws<QueueEmptyException>(() => new AsyncQueue<int>().GetNowait());
    }

    [Test]
    public void Put_WaitsWhileFull_AndOneGetLetsItIn()
    {
        var q = new AsyncQueue<int>(2);
        var putted = new List<int>();
        async Coroutine Putter()
        {
            for (int i = 1; i <= 3; i++)
            {
                await q.Put(i);
                putted.Add(i);
            }
        }
        var putter = Loop.CreateTask(Putter());
        RunIterations(2);
        Assert.That(putted, Is.EqualTo(new[] { 1, 2 }));

        Assert.That(q.GetNowait(), Is.EqualTo(1));
        Loop.RunUntilComplete(putter);

        Assert.That(putted, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(q.Count, Is.EqualTo(2));
    }

    [Test]
    public void Get_WaitsWhileEmpty()
    {
        var q = new AsyncQueue<int>();
        async Coroutine<int> Getter() => await q.Get();
        var getter = Loop.CreateTask(Getter());
        Loop.CallLater(0.5, () => q.PutNowait(42));

        Assert.That(Loop.RunUntilComplete(getter), Is.EqualTo(42));
        Assert.That(Loop.Time(), Is.EqualTo(0.5).Within(1e-9));
    }

    [Test]
    public void WaitingGetters_AreServedInFifoOrder()
    {
        var q = new AsyncQueue<string>();
        var got = new List<string>();
        async Coroutine Getter(string name) => got.Add($"{name}:{await q.Get()}");
        var getters = new[] { Loop.CreateTask(Getter("a")), Loop.CreateTask(Getter("b")), Loop.CreateTask(Getter("c")) };
        RunIterations(1);

        q.PutNowait("1");
        q.PutNowait("2");
        q.PutNowait("3");
        Loop.RunUntilComplete(Co.Gather<VoidResult>(getters));

        Assert.That(got, Is.EqualTo(new[] { "a:1", "b:2", "c:3" }));
    }

    [Test]
    public void Order_Fifo_Lifo_Priority()
    {
        static List<int> Drain(AsyncQueue<int> q)
        {
            foreach (var i in new[] { 1, 3, 2 })
                q.PutNowait(i);
            var items = new List<int>();
            while (!q.IsEmpty)
                items.Add(q.GetNowait());
            return items;
        }

        Assert.That(Drain(new AsyncQueue<int>()), Is.EqualTo(new[] { 1, 3, 2 }));
        Assert.That(Drain(new AsyncLifoQueue<int>()), Is.EqualTo(new[] { 2, 3, 1 }));
        Assert.That(Drain(new AsyncPriorityQueue<int>()), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void PriorityQueue_KeepsInsertionOrderAmongEqualItems_AndTakesAComparer()
    {
        var q = new AsyncPriorityQueue<(int Priority, string Name)>(comparer: Comparer<(int Priority, string Name)>.Create((a, b) => a.Priority.CompareTo(b.Priority)));
        q.PutNowait((2, "x"));
        q.PutNowait((1, "first"));
        q.PutNowait((1, "second"));

        Assert.That(new[] { q.GetNowait().Name, q.GetNowait().Name, q.GetNowait().Name }, Is.EqualTo(new[] { "first", "second", "x" }));
    }

    [Test]
    public void ACancelledGetter_LeavesNoWaiterBehind()
    {
        var q = new AsyncQueue<int>();
        async Coroutine<int> Getter() => await q.Get();
        var getter = Loop.CreateTask(Getter());
        RunIterations(1);
        Assert.That(q.ToString(), Does.Contain("getters[1]"));

        getter.Cancel();
        RunIterations(2);

        Assert.That(getter.Cancelled, Is.True);
        Assert.That(q.ToString(), Does.Not.Contain("getters"));
    }

    [Test]
    public void ACancelledPutter_LeavesNoWaiterBehind_AndItsItemIsNotPut()
    {
        var q = new AsyncQueue<int>(1);
        q.PutNowait(1);
        async Coroutine Putter() => await q.Put(2);
        var putter = Loop.CreateTask(Putter());
        RunIterations(1);

        putter.Cancel();
        RunIterations(2);

        Assert.That(putter.Cancelled, Is.True);
        Assert.That(q.ToString(), Does.Not.Contain("putters"));
        Assert.That(q.GetNowait(), Is.EqualTo(1));
        Assert.That(q.IsEmpty, Is.True);
    }

    [Test]
    public void AGetterCancelledAfterAnItemWasPromisedToIt_DoesNotLoseTheItem()
    {
        // CPython test_get_cancel_drop_one_pending_reader and section 7 bug 16: the retry gets 1, not 2.
        var q = new AsyncQueue<int>();
        async Coroutine<int> Getter() => await q.Get();
        var reader = Loop.CreateTask(Getter());
        RunIterations(1);

        q.PutNowait(1);
        q.PutNowait(2);
        reader.Cancel();
        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(reader));

        Assert.That(Loop.RunUntilComplete(Getter()), Is.EqualTo(1));
        Assert.That(q.GetNowait(), Is.EqualTo(2));
    }

    [Test]
    public void ManyGettersCancelledAfterItemsWerePromised_LoseNothing()
    {
        var q = new AsyncQueue<int>();
        async Coroutine<int> Getter() => await q.Get();
        var readers = Enumerable.Range(0, 3).Select(_ => Loop.CreateTask(Getter())).ToArray();
        RunIterations(1);

        q.PutNowait(1);
        q.PutNowait(2);
        readers[0].Cancel();   // it was promised item 1: the promise passes to readers[2]
        RunIterations(3);

        Assert.That(readers[0].Cancelled, Is.True);
        Assert.That(readers[1].Result(), Is.EqualTo(1));
        Assert.That(readers[2].Result(), Is.EqualTo(2));
        Assert.That(q.IsEmpty, Is.True);
    }

    [Test]
    public void APutterCancelledAfterASlotWasReservedForIt_PassesTheSlotOn()
    {
        var q = new AsyncQueue<int>(1);
        q.PutNowait(0);
        async Coroutine Putter(int item) => await q.Put(item);
        var first = Loop.CreateTask(Putter(1));
        var second = Loop.CreateTask(Putter(2));
        RunIterations(1);

        Assert.That(q.GetNowait(), Is.EqualTo(0));   // frees the slot for `first`
        first.Cancel();                               // ...cancelled before it resumes
        Loop.RunUntilComplete(second);

        Assert.That(first.Cancelled, Is.True);
        Assert.That(q.GetNowait(), Is.EqualTo(2));
        Assert.That(q.IsEmpty, Is.True);
    }

    [Test]
    public void TaskDone_BelowZero_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AsyncQueue<int>().TaskDone());
        Assert.That(error!.Message, Does.Contain("too many times"));
    }

    [Test]
    public void Join_OnAnEmptyQueue_ReturnsAtOnce()
    {
        var q = new AsyncQueue<int>();
        async Coroutine Main() => await q.Join();

        Loop.RunUntilComplete(Main());

        Assert.That(Loop.Time(), Is.EqualTo(0));
    }

    [Test]
    public void Join_WaitsUntilEveryItemIsMarkedDone()
    {
        var q = new AsyncQueue<int>();
        for (int i = 0; i < 3; i++)
            q.PutNowait(i);
        async Coroutine Worker()
        {
            while (true)
            {
                await q.Get();
                await Co.Sleep(0.1);
                q.TaskDone();
            }
        }
        var worker = Loop.CreateTask(Worker());
        async Coroutine Main() => await q.Join();

        Loop.RunUntilComplete(Main());

        Assert.That(Loop.Time(), Is.EqualTo(0.3).Within(1e-9));
        Assert.That(q.UnfinishedTasks, Is.EqualTo(0));
        worker.Cancel();
    }

    [Test]
    public void Shutdown_RefusesPuts_ButLetsTheRemainingItemsBeTaken()
    {
        var q = new AsyncQueue<int>();
        q.PutNowait(1);

        q.Shutdown();

        Assert.Throws<QueueShutDownException>(() => q.PutNowait(2));
        Assert.Throws<QueueShutDownException>(() => Loop.RunUntilComplete(PutAsync(q, 2)));
        Assert.That(q.GetNowait(), Is.EqualTo(1));
        Assert.Throws<QueueShutDownException>(() => q.GetNowait());
    }

    [Test]
    public void Shutdown_WakesBlockedGettersAndPutters_WithQueueShutDown()
    {
        var empty = new AsyncQueue<int>();
        var full = new AsyncQueue<int>(1);
        full.PutNowait(0);
        async Coroutine<int> Getter() => await empty.Get();
        var getter = Loop.CreateTask(Getter());
        var putter = Loop.CreateTask(PutAsync(full, 1));
        RunIterations(1);

        empty.Shutdown();
        full.Shutdown();

        Assert.Throws<QueueShutDownException>(() => Loop.RunUntilComplete(getter));
        Assert.Throws<QueueShutDownException>(() => Loop.RunUntilComplete(putter));
    }

    [Test]
    public void Shutdown_JoinStillWaitsForTaskDone()
    {
        var q = new AsyncQueue<int>();
        q.PutNowait(1);
        q.Shutdown();
        var join = Loop.CreateTask(JoinAsync(q));
        RunIterations(2);
        Assert.That(join.Done, Is.False);

        q.GetNowait();
        q.TaskDone();
        Loop.RunUntilComplete(join);

        Assert.That(join.Done, Is.True);
    }

    [Test]
    public void ImmediateShutdown_DiscardsItems_AndReleasesJoin()
    {
        var q = new AsyncQueue<int>();
        q.PutNowait(1);
        q.PutNowait(2);
        var join = Loop.CreateTask(JoinAsync(q));
        RunIterations(1);

        q.Shutdown(immediate: true);
        Loop.RunUntilComplete(join);

        Assert.That(q.IsEmpty, Is.True);
        Assert.That(q.UnfinishedTasks, Is.EqualTo(0));
    }

    private static async Coroutine PutAsync(AsyncQueue<int> q, int item) => await q.Put(item);

    private static async Coroutine JoinAsync(AsyncQueue<int> q) => await q.Join();
}
