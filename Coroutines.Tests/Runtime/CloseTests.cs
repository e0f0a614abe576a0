using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime;

/// <summary>asyncio: <c>close()</c>, <c>is_closed()</c> and what a closed loop refuses.</summary>
public class CloseTests : LoopTestBase
{
    [Test]
    public void Close_OnARunningLoop_ThrowsInvalidOperation()
    {
        Exception? error = null;
        Loop.CallSoon(() =>
        {
            try { Loop.Close(); }
            catch (Exception e) { error = e; }
            Loop.Stop();
        });

        Loop.RunForever();

        Assert.That(error, Is.TypeOf<InvalidOperationException>().With.Message.Contains("running"));
        Assert.That(Loop.IsClosed, Is.False);
    }

    [Test]
    public void Close_IsIdempotent()
    {
        Loop.Close();
        Assert.DoesNotThrow(() => Loop.Close());
        Assert.DoesNotThrow(() => Loop.Dispose());
        Assert.That(Loop.IsClosed, Is.True);
    }

    [Test]
    public void Close_DropsQueuedCallbacksAndTimersWithoutRunningThem()
    {
        bool ran = false;
        Loop.CallSoon(() => ran = true);
        Loop.CallLater(1, () => ran = true);
        Loop.CallAt(-1, () => ran = true);

        Loop.Close();

        Assert.That(ran, Is.False);
        Assert.That(Loop.ScheduledTimerCount, Is.Zero);
    }

    [Test]
    public void ClosedLoop_RefusesSchedulingAndRunning_WithObjectDisposed()
    {
        static async Coroutine Body() => await Yield();
        var future = Loop.CreateFuture<int>();
        Loop.Close();

        Assert.Multiple(() =>
        {
            Assert.Throws<ObjectDisposedException>(() => Loop.RunForever());
            Assert.Throws<ObjectDisposedException>(() => Loop.RunUntilComplete(Body()));
            Assert.Throws<ObjectDisposedException>(() => Loop.RunUntilComplete(future));
            Assert.Throws<ObjectDisposedException>(() => Loop.CallSoon(() => { }));
            Assert.Throws<ObjectDisposedException>(() => Loop.CallSoonThreadSafe(() => { }));
            Assert.Throws<ObjectDisposedException>(() => Loop.CallSoonThreadSafe(static _ => { }, 1));
            Assert.Throws<ObjectDisposedException>(() => Loop.CallLater(1, () => { }));
            Assert.Throws<ObjectDisposedException>(() => Loop.CallAt(1, () => { }));
            Assert.Throws<ObjectDisposedException>(() => Loop.CreateTask(Body()));
        });
    }

    [Test]
    public void HandlesCancelledAfterClose_DoNothing()
    {
        var handle = Loop.CallSoon(() => { });
        var timer = Loop.CallLater(1, () => { });
        var due = Loop.CallLater(-1, () => { });
        Loop.Close();

        Assert.DoesNotThrow(() => handle.Cancel());
        Assert.DoesNotThrow(() => timer.Cancel());
        Assert.DoesNotThrow(() => due.Cancel());
        Assert.That(timer.Cancelled, Is.True);
    }

    [Test]
    public void ClosedLoop_CreateFutureStillWorks()
    {
        Loop.Close();

        var future = Loop.CreateFuture<int>();
        future.SetResult(3);

        Assert.That(future.Result(), Is.EqualTo(3));
    }

    [Test]
    public void CreateTask_OnClosedLoop_LeavesTheCoroutineUnclaimed()
    {
        // asyncio closes the coroutine so no "never awaited" warning appears. A C# coroutine is cold and has no
        // such warning; the equivalent guarantee is that the failed call did not consume it.
        static async Coroutine<int> Body() => await Task.FromResult(5);
        var coroutine = Body();
        Loop.Close();
        Assert.Throws<ObjectDisposedException>(() => Loop.CreateTask(coroutine));

        using var other = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        Assert.That(other.RunUntilComplete(coroutine), Is.EqualTo(5));
    }

    [Test]
    public void Close_ReportsTasksStillPending()
    {
        // A C# finalizer cannot be relied on for "Task was destroyed but it is pending!", so Close reports them
        // deterministically.
        var never = Loop.CreateFuture<int>();
        async Coroutine Waits() => await never;
        var task = Loop.CreateTask(Waits(), name: "stuck");
        RunIterations(1);

        Loop.Close();

        Assert.That(Reports, Has.Count.EqualTo(1));
        Assert.That(Reports[0].Message, Is.EqualTo("Task was destroyed but it is pending!"));
        Assert.That(Reports[0].Task, Is.SameAs(task));
        Assert.That(Loop.AllTasks(), Is.Empty);
    }

    [Test]
    public void Close_ClearsTheCurrentLoopOfThisThread()
    {
        Assert.That(EventLoop.Current, Is.SameAs(Loop));

        Loop.Close();

        Assert.Throws<InvalidOperationException>(() => _ = EventLoop.Current);
    }
}
