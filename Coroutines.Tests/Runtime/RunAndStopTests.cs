using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime;

/// <summary>asyncio's <c>run_forever</c>/<c>stop</c> and <c>run_until_complete</c>.</summary>
public class RunAndStopTests : LoopTestBase
{
    // ---- 1.4 ----

    [Test]
    public void Stop_FinishesTheCurrentIterationAndLeavesNewCallbacksQueued()
    {
        var log = new List<string>();
        Loop.CallSoon(() =>
        {
            log.Add("cb1");
            Loop.Stop();
            Loop.CallSoon(() => log.Add("later"));
        });
        Loop.CallSoon(() => log.Add("same-batch"));

        Loop.RunForever();
        Assert.That(log, Is.EqualTo(new[] { "cb1", "same-batch" }));

        Loop.CallSoon(() => Loop.Stop());
        Loop.RunForever();
        Assert.That(log, Is.EqualTo(new[] { "cb1", "same-batch", "later" }));
    }

    [Test]
    public void CallSoonStop_RunsEachQueuedCallbackExactlyOnce()
    {
        int a = 0, b = 0;
        Loop.CallSoon(() => a++);
        Loop.CallSoon(() => b++);
        Loop.CallSoon(() => Loop.Stop());

        Loop.RunForever();

        Assert.That((a, b), Is.EqualTo((1, 1)));
        Assert.That(Loop.Iterations, Is.EqualTo(1));
    }

    [Test]
    public void StopBeforeRunForever_RunsExactlyOneIteration()
    {
        var log = new List<string>();
        Loop.CallSoon(() =>
        {
            log.Add("queued");
            Loop.CallSoon(() => log.Add("scheduled-during"));
        });
        Loop.CallLater(3600, () => log.Add("timer"));

        Loop.Stop();
        Loop.RunForever();

        Assert.That(log, Is.EqualTo(new[] { "queued" }));
        Assert.That(Loop.Iterations, Is.EqualTo(1));
        Assert.That(Loop.Time(), Is.Zero, "a pre-stopped iteration polls with a zero timeout: virtual time does not jump");
    }

    [Test]
    public void StopBeforeRunForever_OnAnEmptyLoop_ReturnsWithoutBlocking()
    {
        Loop.Stop();
        Loop.RunForever();

        Assert.That(Loop.Iterations, Is.EqualTo(1));
        Assert.That(Loop.IsRunning, Is.False);
    }

    [Test]
    public void StopFlag_IsClearedWhenRunForeverReturns()
    {
        Loop.Stop();
        Loop.RunForever();

        int iterationsAtStop = -1;
        Loop.CallSoon(() => Loop.CallSoon(() => { iterationsAtStop = (int)Loop.Iterations; Loop.Stop(); }));
        Loop.RunForever();

        Assert.That(iterationsAtStop, Is.EqualTo(3), "the second run did not inherit the first one's stop");
    }

    [Test]
    public void RunForever_OnARunningLoop_ThrowsInvalidOperation()
    {
        Exception? error = null;
        Loop.CallSoon(() =>
        {
            error = Capture.Exception(() => Loop.RunForever());
            Loop.Stop();
        });

        Loop.RunForever();

        Assert.That(error, Is.TypeOf<InvalidOperationException>().With.Message.Contains("already running"));
    }

    [Test]
    public void RunUntilComplete_OnARunningLoop_ThrowsInvalidOperation()
    {
        Exception? error = null;
        var future = Loop.CreateFuture<int>();
        Loop.CallSoon(() =>
        {
            error = Capture.Exception(() => Loop.RunUntilComplete(future));
            Loop.Stop();
        });

        Loop.RunForever();

        Assert.That(error, Is.TypeOf<InvalidOperationException>().With.Message.Contains("already running"));
    }

    [Test]
    public void RunUntilCompleteOfACoroutine_OnARunningLoop_ThrowsBeforeSchedulingIt()
    {
        static async Coroutine<int> Body() => await Task.FromResult(1);
        var coroutine = Body();
        Exception? error = null;
        Loop.CallSoon(() =>
        {
            error = Capture.Exception(() => Loop.RunUntilComplete(coroutine));
            Loop.Stop();
        });

        Loop.RunForever();

        Assert.That(error, Is.TypeOf<InvalidOperationException>());
        Assert.That(Loop.AllTasks(), Is.Empty, "no stray task was scheduled");
        Assert.That(coroutine.State, Is.EqualTo(CoroutineState.Created));
    }

    [Test]
    public void RunUntilCompleteOfACoroutine_WhileAnotherLoopRuns_ThrowsBeforeSchedulingIt()
    {
        static async Coroutine<int> Body() => await Task.FromResult(1);
        using var other = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        Exception? error = null;
        Loop.CallSoon(() =>
        {
            error = Capture.Exception(() => other.RunUntilComplete(Body()));
            Loop.Stop();
        });

        Loop.RunForever();

        Assert.That(error, Is.TypeOf<InvalidOperationException>().With.Message.Contains("another loop"));
        Assert.That(other.AllTasks(), Is.Empty);
    }

    [Test]
    public void RunningALoopInsideAnotherRunningLoop_ThrowsInvalidOperation()
    {
        using var other = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        Exception? error = null;
        Loop.CallSoon(() =>
        {
            error = Capture.Exception(() => other.RunForever());
            Loop.Stop();
        });

        Loop.RunForever();

        Assert.That(error, Is.TypeOf<InvalidOperationException>().With.Message.Contains("another loop"));
        Assert.That(other.IsRunning, Is.False);
    }

    [Test]
    public void IsRunning_IsTrueOnlyWhileRunForeverExecutes()
    {
        static async Coroutine<bool> Probe() => await Task.FromResult(EventLoop.Running.IsRunning);

        Assert.That(Loop.IsRunning, Is.False);
        Assert.That(Loop.RunUntilComplete(Probe()), Is.True);
        Assert.That(Loop.IsRunning, Is.False);
    }

    // ---- 1.5 ----

    [Test]
    public void RunUntilComplete_ReturnsTheResultOfACoroutine()
    {
        static async Coroutine<string> Work()
        {
            await Yield();
            return "done";
        }

        Assert.That(Loop.RunUntilComplete(Work()), Is.EqualTo("done"));
    }

    [Test]
    public void RunUntilComplete_ReturnsTheResultOfAFuture()
    {
        var future = Loop.CreateFuture<int>();
        Loop.CallLater(1, () => future.SetResult(7));

        Assert.That(Loop.RunUntilComplete(future), Is.EqualTo(7));
        Assert.That(Loop.Time(), Is.EqualTo(1));
    }

    [Test]
    public void RunUntilComplete_RethrowsTheException()
    {
        static async Coroutine<int> Fails()
        {
            await Yield();
            throw new FormatException("bad");
        }

        Assert.Throws<FormatException>(() => Loop.RunUntilComplete(Fails()));

        var future = Loop.CreateFuture<int>();
        Loop.CallSoon(() => future.SetException(new TimeoutException()));
        Assert.Throws<TimeoutException>(() => Loop.RunUntilComplete(future));
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void RunUntilComplete_OfACancelledFuture_ThrowsCancelledError()
    {
        var future = Loop.CreateFuture<int>();
        Loop.CallSoon(() => future.Cancel("why"));

        var error = Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(future));
        Assert.That(error!.CancelMessage, Is.EqualTo("why"));
    }

    [Test]
    public void RunUntilComplete_FutureOfAnotherLoop_ThrowsArgumentException()
    {
        using var other = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        var future = other.CreateFuture<int>();

        var error = Assert.Throws<ArgumentException>(() => Loop.RunUntilComplete(future));
        Assert.That(error!.ParamName, Is.EqualTo("future"));
    }

    [Test]
    public void RunUntilComplete_NullArgument_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Loop.RunUntilComplete((Coroutine)null!));
        Assert.Throws<ArgumentNullException>(() => Loop.RunUntilComplete((Coroutine<int>)null!));
        Assert.Throws<ArgumentNullException>(() => Loop.RunUntilComplete((Future<int>)null!));
        Assert.Throws<ArgumentNullException>(() => Loop.RunUntilComplete((Future)null!));
    }

    [Test]
    public void RunUntilComplete_LoopStoppedBeforeTheFutureCompleted_ThrowsInvalidOperation()
    {
        var future = Loop.CreateFuture<int>();
        Loop.CallSoon(() => Loop.Stop());

        var error = Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(future));
        Assert.That(error!.Message, Does.Contain("stopped before Future completed"));
    }

    [Test]
    public void RunUntilComplete_RemovesItsStopCallbackEvenWhenItFails()
    {
        var future = Loop.CreateFuture<int>();
        Loop.CallSoon(() => Loop.Stop());
        Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(future));

        // If the orphaned stop callback were still registered, completing the future would stop this run early.
        int ticks = 0;
        void Tick()
        {
            if (++ticks == 5) Loop.Stop();
            else Loop.CallSoon(Tick);
        }
        Loop.CallSoon(() => future.SetResult(1));
        Loop.CallSoon(Tick);
        Loop.RunForever();

        Assert.That(ticks, Is.EqualTo(5));
    }

    [Test]
    public void RunUntilComplete_AlreadyDoneFuture_TakesOneIteration()
    {
        var future = Loop.CreateFuture<int>();
        future.SetResult(1);

        Loop.RunUntilComplete(future);

        Assert.That(Loop.Iterations, Is.EqualTo(1));
    }

    [Test]
    public void RunUntilComplete_TrivialCoroutine_TakesTwoIterations()
    {
        static async Coroutine<int> Trivial() => await Task.FromResult(1);

        Loop.RunUntilComplete(Trivial());

        Assert.That(Loop.Iterations, Is.EqualTo(2));
    }

    [Test]
    public void RunUntilComplete_CoroutineAwaitingSleepZeroOnce_TakesThreeIterations()
    {
        static async Coroutine SleepZero() => await Sleep(0);

        Loop.RunUntilComplete(SleepZero());

        Assert.That(Loop.Iterations, Is.EqualTo(3));
    }

    [Test]
    public void RunUntilComplete_CoroutineAwaitingAChildTask_TakesFourIterations()
    {
        static async Coroutine<int> Child() => await Task.FromResult(2);
        static async Coroutine<int> Parent() => await Coroutines.Loop.CreateTask(Child());

        Assert.That(Loop.RunUntilComplete(Parent()), Is.EqualTo(2));
        Assert.That(Loop.Iterations, Is.EqualTo(4));
    }

    [Test]
    public void RunUntilComplete_CoroutineAwaitingAChildCoroutineDirectly_TakesTwoIterations()
    {
        static async Coroutine<int> Child() => await Task.FromResult(2);
        static async Coroutine<int> Parent() => await Child() + 1;

        Assert.That(Loop.RunUntilComplete(Parent()), Is.EqualTo(3));
        Assert.That(Loop.Iterations, Is.EqualTo(2), "awaiting a coroutine runs it inline: no extra hop");
    }
}
