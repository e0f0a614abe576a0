using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime;

/// <summary>asyncio: loop discovery and <c>EventLoop.Run</c> (asyncio.run).</summary>
public class DiscoveryTests
{
    [SetUp]
    [TearDown]
    public void NoCurrentLoop() => EventLoop.SetCurrent(null);

    [Test]
    public void Running_WithNoRunningLoop_ThrowsInvalidOperation()
    {
        Assert.That(EventLoop.RunningOrNull, Is.Null);
        var error = Assert.Throws<InvalidOperationException>(() => _ = EventLoop.Running);
        Assert.That(error!.Message, Does.Contain("no running event loop"));
    }

    [Test]
    public void Running_InsideACallback_IsThatLoop()
    {
        using var loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        EventLoop? seen = null;
        loop.CallSoon(() => { seen = EventLoop.Running; loop.Stop(); });

        loop.RunForever();

        Assert.That(seen, Is.SameAs(loop));
        Assert.That(EventLoop.RunningOrNull, Is.Null, "cleared when the loop stops");
    }

    [Test]
    public void Current_WithNoLoopSet_ThrowsInvalidOperationAndCreatesNone()
    {
        // Python 3.14's rule (3.12-3.13 created a loop with a DeprecationWarning): nothing is created implicitly.
        var error = Assert.Throws<InvalidOperationException>(() => _ = EventLoop.Current);
        Assert.That(error!.Message, Does.Contain("no current event loop"));
        Assert.Throws<InvalidOperationException>(() => _ = EventLoop.Current, "still none: the failed call created nothing");
    }

    [Test]
    public void Current_AfterSetCurrentNull_ThrowsInvalidOperation()
    {
        using var loop = EventLoop.New();
        EventLoop.SetCurrent(loop);
        EventLoop.SetCurrent(null);

        Assert.Throws<InvalidOperationException>(() => _ = EventLoop.Current);
    }

    [Test]
    public void Current_IsTheSetLoop_AndInsideACallbackTheRunningLoop()
    {
        using var set = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        using var running = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        EventLoop.SetCurrent(set);
        EventLoop? inside = null;
        running.CallSoon(() => { inside = EventLoop.Current; running.Stop(); });

        running.RunForever();

        Assert.That(EventLoop.Current, Is.SameAs(set));
        Assert.That(inside, Is.SameAs(running));
    }

    [Test]
    public void Current_IsPerThread()
    {
        using var loop = EventLoop.New();
        EventLoop.SetCurrent(loop);
        Exception? onOtherThread = null;
        var thread = new Thread(() =>
        {
            try { _ = EventLoop.Current; }
            catch (Exception e) { onOtherThread = e; }
        });
        thread.Start();
        thread.Join();

        Assert.That(onOtherThread, Is.TypeOf<InvalidOperationException>());
    }

    [Test]
    public void New_ReturnsAFreshLoopThatIsNotCurrent()
    {
        using var a = EventLoop.New();
        using var b = EventLoop.New();

        Assert.That(a, Is.Not.SameAs(b));
        Assert.That(a.IsClosed || a.IsRunning, Is.False);
        Assert.Throws<InvalidOperationException>(() => _ = EventLoop.Current);
    }

    [Test]
    public void SetCurrent_ClosedLoop_ThrowsObjectDisposed()
    {
        var loop = EventLoop.New();
        loop.Close();

        Assert.Throws<ObjectDisposedException>(() => EventLoop.SetCurrent(loop));
    }

    [Test]
    public void FutureConstructor_WithoutALoop_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => _ = new Future<int>());
    }

    [Test]
    public void FutureConstructor_WithoutLoopArgument_UsesTheCurrentLoop()
    {
        using var loop = EventLoop.New();
        EventLoop.SetCurrent(loop);

        Assert.That(new Future<int>().Loop, Is.SameAs(loop));
    }

    [Test]
    public void EnsureFuture_WithoutALoop_ThrowsInvalidOperation()
    {
        static async Coroutine Body() => await Yield();
        Assert.Throws<InvalidOperationException>(() => EnsureFuture(Body()));
    }

    [Test]
    public void CreateTask_WithoutARunningLoop_ThrowsInvalidOperation()
    {
        // asyncio.create_task needs a *running* loop even when one is set.
        static async Coroutine Body() => await Yield();
        using var loop = EventLoop.New();
        EventLoop.SetCurrent(loop);

        Assert.Throws<InvalidOperationException>(() => CreateTask(Body()));
    }

    [Test]
    public void Run_ReturnsTheResultAndClosesTheLoop()
    {
        EventLoop? used = null;
        async Coroutine<int> Main()
        {
            used = EventLoop.Running;
            await Sleep(10);
            return 42;
        }

        int result = EventLoop.Run(Main(), new EventLoopOptions { VirtualTime = true });

        Assert.That(result, Is.EqualTo(42));
        Assert.That(used!.IsClosed, Is.True);
        Assert.That(used.Time(), Is.EqualTo(10));
    }

    [Test]
    public void Run_MakesTheLoopCurrentWhileRunningAndRestoresThePreviousOne()
    {
        using var previous = EventLoop.New();
        EventLoop.SetCurrent(previous);
        EventLoop? current = null;
        async Coroutine Main()
        {
            await Yield();
            current = EventLoop.Current;
        }

        EventLoop.Run(Main(), new EventLoopOptions { VirtualTime = true });

        Assert.That(current, Is.Not.SameAs(previous));
        Assert.That(EventLoop.Current, Is.SameAs(previous));
    }

    [Test]
    public void Run_RethrowsTheMainCoroutinesException()
    {
        static async Coroutine Main()
        {
            await Yield();
            throw new FormatException("main failed");
        }

        Assert.Throws<FormatException>(() => EventLoop.Run(Main(), new EventLoopOptions { VirtualTime = true }));
    }

    [Test]
    public void Run_CancelsLeftoverTasksAndWaitsForThem()
    {
        var log = new List<string>();
        ICoroutineTask? leftover = null;
        async Coroutine Background()
        {
            try
            {
                await Sleep(3600);
                log.Add("finished");
            }
            finally
            {
                await Yield();   // cleanup may itself await: Run waits for it
                log.Add("cleaned up");
            }
        }
        async Coroutine Main()
        {
            leftover = CreateTask(Background());
            await Yield();
        }

        EventLoop.Run(Main(), new EventLoopOptions { VirtualTime = true });

        Assert.That(log, Is.EqualTo(new[] { "cleaned up" }));
        Assert.That(leftover!.Cancelled, Is.True);
    }

    [Test]
    public void Run_FromARunningLoop_ThrowsInvalidOperation()
    {
        static async Coroutine Inner() => await Yield();
        Exception? error = null;
        async Coroutine Main()
        {
            await Yield();
            try { EventLoop.Run(Inner()); }
            catch (Exception e) { error = e; }
        }

        EventLoop.Run(Main(), new EventLoopOptions { VirtualTime = true });

        Assert.That(error, Is.TypeOf<InvalidOperationException>().With.Message.Contains("running event loop"));
    }

    [Test]
    public void Run_NullCoroutine_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => EventLoop.Run((Coroutine)null!));
        Assert.Throws<ArgumentNullException>(() => EventLoop.Run((Coroutine<int>)null!));
    }
}
