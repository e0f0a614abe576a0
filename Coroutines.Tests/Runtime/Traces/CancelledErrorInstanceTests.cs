using Coroutines.Tests.Runtime.Reliability;

namespace Coroutines.Tests.Runtime.Traces;

/// <summary>
/// Reading a cancelled task (<c>Result()</c>, <c>Exception()</c>, <c>await</c>) gives back the one
/// <see cref="CancelledError"/> its coroutine raised, with a stack trace that shows the interrupted <c>await</c>
/// (CPython test_tasks::test_cancel_traceback_for_future_result and ::test_cancel_traceback_for_future_exception);
/// every reader rethrows it from that trace, so reads never pile up each other's frames
/// (CPython test_futures2::test_future_traceback). On both paths: compiler-lowered and generated coroutines.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public partial class CancelledErrorInstanceTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    public enum Path { Compiler, Generated }

    private CancelledError? _raised;

    private async Coroutine CompilerSleeper()
    {
        try
        {
            await Coroutines.Loop.Sleep(10);   // marker: compiler-interrupted
        }
        catch (CancelledError e)
        {
            _raised = e;
            throw;
        }
    }

    [Coroutine]
    private async Coroutine GeneratedSleeper()
    {
        try
        {
            await Coroutines.Loop.Sleep(10);   // marker: generated-interrupted
        }
        catch (CancelledError e)
        {
            _raised = e;
            throw;
        }
    }

    private Coroutine Sleeper(Path path) => path == Path.Compiler ? CompilerSleeper() : GeneratedSleeperAsync();

    private static int InterruptedLine(Path path) =>
        SourceMarkers.LineOf(path == Path.Compiler ? "compiler-interrupted" : "generated-interrupted");

    /// <summary>Starts the sleeper as a task, lets it reach its sleep, and cancels it.</summary>
    private CoroutineTask CancelledSleeper(Path path)
    {
        var task = Loop.CreateTask(Sleeper(path));
        Loop.CallSoon(() => task.Cancel("stop"));
        Capture.Exception(() => Loop.RunUntilComplete(task));
        Assert.That(task.Cancelled, Is.True);
        return task;
    }

    [Test]
    public void EveryReadOfACancelledTaskGivesTheErrorItsCoroutineRaised([Values] Path path)
    {
        var task = CancelledSleeper(path);

        var fromResult = Capture.Exception(() => task.Result());
        var fromException = Capture.Exception(() => task.Exception());
        var fromSecondResult = Capture.Exception(() => task.Result());

        Assert.That(_raised, Is.Not.Null);
        Assert.That(fromResult, Is.SameAs(_raised));
        Assert.That(fromException, Is.SameAs(_raised));
        Assert.That(fromSecondResult, Is.SameAs(_raised));
        Assert.That(_raised!.CancelMessage, Is.EqualTo("stop"));
    }

    [Test]
    public void AwaitingACancelledTaskGivesTheErrorItsCoroutineRaised([Values] Path path)
    {
        var task = CancelledSleeper(path);
        Exception? seen = null;
        async Coroutine Awaiter()
        {
            try
            {
                await task;
            }
            catch (CancelledError e)
            {
                seen = e;
            }
        }

        Loop.RunUntilComplete(Awaiter());

        Assert.That(seen, Is.SameAs(_raised));
    }

    [Test]
    public void TheErrorOfACancelledTaskShowsTheInterruptedAwait([Values] Path path)
    {
        var task = CancelledSleeper(path);

        var error = Capture.Exception(() => task.Result());

        Assert.That(error!.StackTrace, Does.Contain($"{nameof(CancelledErrorInstanceTests)}.cs:line {InterruptedLine(path)}"));
        Assert.That(Capture.Exception(() => task.Exception())!.StackTrace,
            Does.Contain($"{nameof(CancelledErrorInstanceTests)}.cs:line {InterruptedLine(path)}"));
    }

    [Test]
    public void TheTraceShowsTheInterruptedAwaitAndTheAwaitOfTheCancelledTask([Values] Path path)
    {
        // CPython test_tasks::test_cancel_traceback_for_future_result: the outer task cancels an inner one and awaits it.
        async Coroutine Outer()
        {
            var inner = Loop.CreateTask(Sleeper(path));
            await Coroutines.Loop.Yield();
            inner.Cancel();
            await inner;   // marker: await-of-cancelled-task
        }

        var error = Capture.Exception(() => Loop.RunUntilComplete(Outer()));

        Assert.That(error, Is.SameAs(_raised));
        Assert.That(error!.StackTrace, Does.Contain($"{nameof(CancelledErrorInstanceTests)}.cs:line {InterruptedLine(path)}"));
        Assert.That(error.StackTrace, Does.Contain($"{nameof(CancelledErrorInstanceTests)}.cs:line {SourceMarkers.LineOf("await-of-cancelled-task")}"));
    }

    [Test]
    public void ReadingACancelledTaskAgainDoesNotKeepTheFramesOfTheEarlierRead([Values] Path path)
    {
        var task = CancelledSleeper(path);

        var first = FirstReader(task);
        var second = SecondReader(task);

        Assert.That(second, Is.SameAs(first));
        Assert.That(second.StackTrace, Does.Contain(nameof(SecondReader)));
        Assert.That(second.StackTrace, Does.Not.Contain(nameof(FirstReader)));
        Assert.That(CountOf(second.StackTrace!, $":line {InterruptedLine(path)}"), Is.EqualTo(1));
    }

    [Test]
    public void AwaitingAFailedTaskFiveTimesShowsTheAwaitLineOnce()
    {
        // CPython test_futures2::test_future_traceback: each await's frames come once, not once per earlier await.
        static async Coroutine Fails() => throw new InvalidOperationException("failed");
        var failing = Loop.CreateTask(Fails());
        var traces = new List<string>();
        async Coroutine AwaitFiveTimes()
        {
            for (int i = 0; i < 5; i++)
            {
                try
                {
                    await failing;   // marker: await-failed-task
                }
                catch (InvalidOperationException e)
                {
                    traces.Add(e.StackTrace!);
                }
            }
        }

        Loop.RunUntilComplete(AwaitFiveTimes());

        int line = SourceMarkers.LineOf("await-failed-task");
        Assert.That(traces, Has.Count.EqualTo(5));
        Assert.That(traces.Select(t => CountOf(t, $":line {line}")), Is.All.EqualTo(1));
    }

    [Test]
    public void EveryReadOfACancelledFutureGivesTheSameError()
    {
        var future = Loop.CreateFuture<int>();
        future.Cancel("gone");

        var first = Capture.Exception(() => future.Result());
        var second = Capture.Exception(() => future.Exception());

        Assert.That(first, Is.TypeOf<CancelledError>().With.Property(nameof(CancelledError.CancelMessage)).EqualTo("gone"));
        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void GatherPassesOnTheCancelledChildsOwnError([Values] Path path)
    {
        var child = Loop.CreateTask(Sleeper(path));
        var gathered = Coroutines.Loop.Gather(child);
        Loop.CallSoon(() => child.Cancel());

        var error = Capture.Exception(() => Loop.RunUntilComplete(gathered));

        Assert.That(error, Is.SameAs(_raised));
    }

    private static Exception FirstReader(Future task) => Capture.Exception(() => task.ResultObject())!;

    private static Exception SecondReader(Future task) => Capture.Exception(() => task.ResultObject())!;

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
