using Coroutines.Tests.Runtime;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 1.10: run_in_executor.</summary>
public class ExecutorTests : LoopTestBase
{
    [Test]
    public void TheWorkRunsOnAnotherThread_AndTheResultArrivesOnTheLoopThread()
    {
        int loopThread = Environment.CurrentManagedThreadId;
        int workThread = -1, callbackThread = -1;
        var future = Loop.RunInExecutor(() =>
        {
            workThread = Environment.CurrentManagedThreadId;
            return 21 * 2;
        });
        future.AddDoneCallback(_ => callbackThread = Environment.CurrentManagedThreadId);

        Assert.That(Loop.RunUntilComplete(future), Is.EqualTo(42));
        RunIterations(1);

        Assert.That(workThread, Is.Not.EqualTo(loopThread));
        Assert.That(callbackThread, Is.EqualTo(loopThread));
    }

    [Test]
    public void AnExceptionOfTheWork_IsTheFuturesException()
    {
        var future = Loop.RunInExecutor(new Func<int>(() => throw new FormatException("bad input")));

        var error = Assert.Throws<FormatException>(() => Loop.RunUntilComplete(future));
        Assert.That(error!.Message, Is.EqualTo("bad input"));
    }

    [Test]
    public void AnActionWithoutResult_CompletesTheFuture()
    {
        bool ran = false;

        Loop.RunUntilComplete(Loop.RunInExecutor(() => { ran = true; }));

        Assert.That(ran, Is.True);
    }

    [Test]
    public void AClosedLoop_Refuses()
    {
        Loop.Close();

        Assert.Throws<ObjectDisposedException>(() => Loop.RunInExecutor(() => 1));
    }

    [Test]
    public void CancellingBeforeTheWorkStarts_KeepsItFromRunning()
    {
        var executor = new ManualExecutor();
        bool ran = false;
        var future = Loop.RunInExecutor(() => ran = true, executor);

        Assert.That(future.Cancel(), Is.True);
        executor.RunAll();
        RunIterations(1);

        Assert.That(ran, Is.False);
        Assert.That(future.Cancelled, Is.True);
    }

    [Test]
    public void CancellingWhileTheWorkRuns_DropsItsOutcome()
    {
        var executor = new ManualExecutor();
        var future = Loop.RunInExecutor(() => 5, executor);
        var work = executor.Submitted.Dequeue();

        future.Cancel();
        work();          // posts the outcome back; the future is already cancelled
        RunIterations(1);

        Assert.That(future.Cancelled, Is.True);
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void AnOutcomeArrivingAfterTheLoopClosed_IsDropped()
    {
        var executor = new ManualExecutor();
        var future = Loop.RunInExecutor(() => 5, executor);
        Loop.Close();

        Assert.DoesNotThrow(executor.RunAll);
        Assert.That(future.Done, Is.False);
    }

    [Test]
    public void TheGivenExecutor_OrTheDefaultOne_IsUsed()
    {
        var executor = new ManualExecutor();
        Loop.DefaultExecutor = executor;

        var future = Loop.RunInExecutor(() => 3);
        executor.RunAll();

        Assert.That(Loop.RunUntilComplete(future), Is.EqualTo(3));
        Assert.Throws<ArgumentNullException>(() => Loop.DefaultExecutor = null!);
    }

    [Test]
    public void ATaskSchedulerExecutor_RunsTheWorkOnThatScheduler()
    {
        var future = Loop.RunInExecutor(() => TaskScheduler.Current == TaskScheduler.Default, new TaskSchedulerExecutor(TaskScheduler.Default));

        Assert.That(Loop.RunUntilComplete(future), Is.True);
    }
}
