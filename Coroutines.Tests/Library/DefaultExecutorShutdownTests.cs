using Coroutines.Tests.Runtime;
using Coroutines.Tests.Runtime.Reliability;
using static Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>
/// asyncio's <c>loop.shutdown_default_executor()</c>: it waits for the default executor's jobs, the default executor
/// refuses new ones afterwards, a timeout gives up on them with a warning (asyncio 3.12), and
/// <c>EventLoop.Run</c> calls it after cancelling the remaining tasks, as <c>asyncio.run</c> does.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public class DefaultExecutorShutdownTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    [Test]
    public void ShutdownDefaultExecutor_WaitsUntilEveryJobHasDeliveredItsOutcome()
    {
        var executor = new ManualExecutor();
        Loop.DefaultExecutor = executor;
        async Coroutine<(bool DoneBeforeTheJobRan, Future<int> Job)> Main()
        {
            var job = Loop.RunInExecutor(() => 7);
            var shutdown = Loop.CreateTask(Loop.ShutdownDefaultExecutor());
            for (int i = 0; i < 3; i++)
                await Yield();
            bool doneBefore = shutdown.Done;
            executor.RunAll();
            await shutdown;
            return (doneBefore, job);
        }

        var (doneBefore, job) = Loop.RunUntilComplete(Main());

        Assert.That(doneBefore, Is.False, "the job had not run yet");
        Assert.That(job.Result(), Is.EqualTo(7), "the outcome arrived before the shutdown finished");
    }

    [Test]
    public void ShutdownDefaultExecutor_WithoutJobs_FinishesAtOnce()
    {
        async Coroutine<bool> DoneAfterItsFirstStep()
        {
            var shutdown = CreateEagerTask(Loop.ShutdownDefaultExecutor(TimeSpan.FromSeconds(1)));
            bool done = shutdown.Done;
            await shutdown;
            return done;
        }

        Assert.That(Loop.RunUntilComplete(DoneAfterItsFirstStep()), Is.True);
    }

    [Test]
    public void AJobCancelledBeforeItStarted_DoesNotHoldTheShutdown()
    {
        var executor = new ManualExecutor();
        Loop.DefaultExecutor = executor;
        var job = Loop.RunInExecutor(() => 7);
        job.Cancel();

        Loop.RunUntilComplete(Loop.ShutdownDefaultExecutor());

        Assert.That(executor.Submitted, Has.Count.EqualTo(1), "the job never ran");
    }

    [Test]
    public void AfterShutdown_TheDefaultExecutorRefusesNewWorkWithAClearError_AndAGivenExecutorStillRuns()
    {
        Loop.RunUntilComplete(Loop.ShutdownDefaultExecutor());

        var error = Assert.Throws<InvalidOperationException>(() => Loop.RunInExecutor(() => 1));
        Assert.That(error!.Message, Does.Contain("ShutdownDefaultExecutor").And.Contain("pass an executor"));
        var explicitExecutor = new ManualExecutor();
        var job = Loop.RunInExecutor(() => 2, explicitExecutor);
        explicitExecutor.RunAll();
        Assert.That(Loop.RunUntilComplete(job), Is.EqualTo(2));
    }

    [Test]
    public void ANegativeTimeout_IsRefusedNamingTheArgument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loop.ShutdownDefaultExecutor(TimeSpan.FromSeconds(-1)));

        Assert.That(error!.ParamName, Is.EqualTo("timeout"));
        Assert.DoesNotThrow(() => Loop.RunInExecutor(() => 1), "a refused call shuts nothing down");
    }

    /// <summary>Hands a job to the default executor from its cleanup when it is cancelled, then releases <paramref name="gate"/>.</summary>
    private static async Coroutine HandOnWorkWhenCancelled(ManualResetEventSlim gate, Action<Future<int>> started)
    {
        try
        {
            await Sleep(3600);
        }
        finally
        {
            started(EventLoop.Running.RunInExecutor(() => 3));
            gate.Set();
        }
    }

    [Test]
    public void EventLoopRun_WaitsForTheDefaultExecutorsJobs_AfterCancellingTheRemainingTasks()
    {
        using var gate = new ManualResetEventSlim();
        Future<int>? blocked = null;
        Future<int>? startedByCleanup = null;
        async Coroutine Main()
        {
            // The first job can only end once the remaining task has been cancelled: Run must cancel first, then wait.
            blocked = EventLoop.Running.RunInExecutor(() =>
            {
                gate.Wait();
                return 1;
            });
            _ = CreateTask(HandOnWorkWhenCancelled(gate, job => startedByCleanup = job));
            await Yield();
        }

        EventLoop.Run(Main(), Options);

        Assert.That(blocked!.Result(), Is.EqualTo(1));
        Assert.That(startedByCleanup!.Result(), Is.EqualTo(3), "a job the cancelled task's cleanup started was waited for too");
    }
}

/// <summary>The timeout of <c>ShutdownDefaultExecutor</c>, on a real-time loop whose clock the test moves by hand.</summary>
public class DefaultExecutorShutdownTimeoutTests
{
    [Test]
    public void AfterItsTimeout_ShutdownDefaultExecutorWarnsAndReturnsWithoutTheJobs()
    {
        // Virtual time cannot show this: its clock waits for executor jobs, so the timeout would never expire.
        var clock = new SteppedTimeProvider();
        var logger = new ListLogger();
        using var loop = EventLoop.New(new EventLoopOptions { TimeProvider = clock, Logger = logger });
        var executor = new ManualExecutor();
        loop.DefaultExecutor = executor;
        async Coroutine<(bool DoneJustBeforeTheTimeout, bool JobDoneAtReturn, int Result)> Main()
        {
            var job = loop.RunInExecutor(() => 5);
            var shutdown = loop.CreateTask(loop.ShutdownDefaultExecutor(TimeSpan.FromSeconds(5)));
            await Yield();   // the shutdown's first step set its timer
            clock.Now += 4_999;
            await Yield();
            await Yield();
            bool doneJustBefore = shutdown.Done;
            clock.Now += 1;
            await shutdown;
            bool jobDone = job.Done;
            executor.RunAll();
            return (doneJustBefore, jobDone, await job);
        }

        var (doneJustBefore, jobDoneAtReturn, result) = loop.RunUntilComplete(Main());

        Assert.That(doneJustBefore, Is.False);
        Assert.That(jobDoneAtReturn, Is.False, "the shutdown gave up on the job");
        Assert.That(result, Is.EqualTo(5), "the job's outcome still arrives while the loop runs");
        Assert.That(logger.Entries.Single().Message, Does.StartWith("The default executor did not finish its 1 job(s) within 5 seconds"));
    }
}
