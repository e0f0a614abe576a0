using Microsoft.Extensions.Logging;
using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime;

/// <summary>asyncio: debug mode (slow-callback warnings, thread-affinity checks).</summary>
public class DebugModeTests
{
    private static EventLoop NewLoop(bool debug, TimeSpan slow, ListLogger logger) =>
        EventLoop.New(new EventLoopOptions { VirtualTime = true, Debug = debug, SlowCallbackDuration = slow, Logger = logger });

    private static void RunOnce(EventLoop loop)
    {
        loop.Stop();
        loop.RunForever();
    }

    [Test]
    public void DebugMode_IsOffByDefaultAndSetByOptionsOrProperty()
    {
        using var loop = EventLoop.New();
        Assert.That(loop.Debug, Is.False);
        Assert.That(loop.SlowCallbackDuration, Is.EqualTo(TimeSpan.FromMilliseconds(100)), "asyncio's default threshold");
        loop.Debug = true;
        Assert.That(loop.Debug, Is.True);

        using var fromOptions = EventLoop.New(new EventLoopOptions { Debug = true });
        Assert.That(fromOptions.Debug, Is.True);
    }

    [Test]
    public void SlowCallback_InDebugMode_IsLoggedAsAWarningThroughTheLogger()
    {
        // A zero threshold makes every callback "slow", so no test has to burn wall-clock time.
        var logger = new ListLogger();
        using var loop = NewLoop(debug: true, TimeSpan.Zero, logger);
        loop.CallSoon(SlowCallbackMarker);

        RunOnce(loop);

        var entry = logger.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.Message, Does.Match(@"^Executing <Handle .*SlowCallbackMarker.*> took \d+\.\d+ seconds$"));
    }

    private static void SlowCallbackMarker() { }

    [Test]
    public void SlowTaskStep_InDebugMode_NamesTheTask()
    {
        static async Coroutine Body() => await Yield();
        var logger = new ListLogger();
        using var loop = NewLoop(debug: true, TimeSpan.Zero, logger);

        loop.RunUntilComplete(loop.CreateTask(Body(), name: "slowpoke"));

        Assert.That(logger.Entries.Select(e => e.Message), Has.Some.Match(@"^Executing <Task slowpoke.*> took"));
    }

    /// <summary>A coroutine with a recognisable name for the warnings below.</summary>
    private static class Jobs
    {
        public static async Coroutine Inner() => await Yield();

        public static async Coroutine<int> Failing()
        {
            await Yield();
            throw new FormatException("bad");
        }
    }

    [Test]
    public void SlowLastStepOfATask_InDebugMode_NamesTheCoroutineLikeAsyncio()
    {
        // asyncio prints <Task finished name='Task-1' coro=<main() done, defined at x.py:3> result=None>: the task's
        // last step is the one to blame, and its generated name alone would not say which method that was.
        var logger = new ListLogger();
        using var loop = NewLoop(debug: true, TimeSpan.Zero, logger);

        loop.RunUntilComplete(loop.CreateTask(Jobs.Inner()));

        var lastStep = logger.Entries.Select(e => e.Message).Single(m => m.Contains(" finished "));
        Assert.That(lastStep, Does.Match(@"^Executing <Task Task-\d+ finished result=None coro=<Jobs\.Inner\(\) done>> took \d+\.\d+ seconds$"));
    }

    [Test]
    public void DoneTask_NamesItsCoroutineWhateverItsOutcome()
    {
        using var loop = NewLoop(debug: false, TimeSpan.FromHours(1), new ListLogger());
        var failed = loop.CreateTask(Jobs.Failing(), name: "failing");
        var cancelled = loop.CreateTask(Jobs.Inner(), name: "cancelled");
        cancelled.Cancel();

        loop.RunUntilComplete(loop.CreateTask(Jobs.Inner()));
        loop.RunUntilComplete(loop.CreateTask(Jobs.Inner()));

        Assert.That(failed.ToString(), Is.EqualTo("<Task failing finished exception=FormatException(bad) coro=<Jobs.Failing() done>>"));
        Assert.That(cancelled.ToString(), Is.EqualTo("<Task cancelled cancelled coro=<Jobs.Inner() done>>"));
        Assert.That(failed.Exception(), Is.TypeOf<FormatException>(), "retrieved, so the loop does not report it");
    }

    [Test]
    public void SlowTimerCallback_InDebugMode_IsLogged()
    {
        var logger = new ListLogger();
        using var loop = NewLoop(debug: true, TimeSpan.Zero, logger);
        var done = loop.CreateFuture<bool>();
        loop.CallLater(1, SlowCallbackMarker);
        loop.CallLater(2, () => done.SetResult(true));

        loop.RunUntilComplete(done);

        Assert.That(logger.Entries.Select(e => e.Message), Has.One.Contains("SlowCallbackMarker"));
    }

    [Test]
    public void FastCallback_InDebugMode_IsNotLogged()
    {
        var logger = new ListLogger();
        using var loop = NewLoop(debug: true, TimeSpan.FromHours(1), logger);
        loop.CallSoon(SlowCallbackMarker);

        RunOnce(loop);

        Assert.That(logger.Entries, Is.Empty);
    }

    [Test]
    public void SlowCallback_OutsideDebugMode_IsNotTimed()
    {
        var logger = new ListLogger();
        using var loop = NewLoop(debug: false, TimeSpan.Zero, logger);
        loop.CallSoon(SlowCallbackMarker);

        RunOnce(loop);

        Assert.That(logger.Entries, Is.Empty);
    }

    [Test]
    public void CallbackException_InDebugMode_StillReachesTheHandler()
    {
        var logger = new ListLogger();
        using var loop = NewLoop(debug: true, TimeSpan.FromHours(1), logger);
        var reports = new List<ExceptionContext>();
        loop.SetExceptionHandler((_, c) => reports.Add(c));
        loop.CallSoon(() => throw new FormatException());

        RunOnce(loop);

        Assert.That(reports.Single().Exception, Is.TypeOf<FormatException>());
    }

    [Test]
    public void NonThreadSafeCalls_FromAnotherThread_ThrowInDebugMode()
    {
        var errors = CallFromAnotherThreadWhileRunning(debug: true);

        Assert.That(errors, Has.Count.EqualTo(4));
        Assert.That(errors.Take(3), Has.All.TypeOf<InvalidOperationException>());
        Assert.That(errors[0]!.Message, Does.Contain("CallSoonThreadSafe"), "the message says what to use instead");
        Assert.That(errors[3], Is.Null, "CallSoonThreadSafe is the thread-safe call");
    }

    [Test]
    public void CompletingAFutureWithCallbacksFromAnotherThread_ThrowsInDebugMode()
    {
        using var loop = NewLoop(debug: true, TimeSpan.FromHours(1), new ListLogger());
        var future = loop.CreateFuture<int>();
        future.AddDoneCallback(_ => { });
        Exception? error = null;
        loop.CallSoon(() =>
        {
            var thread = new Thread(() => error = Capture.Exception(() => future.SetResult(1)));
            thread.Start();
            thread.Join();
        });

        RunOnce(loop);

        Assert.That(error, Is.TypeOf<InvalidOperationException>());
    }

    [Test]
    public void CreateTask_FromAnotherThread_ThrowsInDebugModeAndLeavesNoTaskBehind()
    {
        static async Coroutine Body() => await Yield();
        using var loop = NewLoop(debug: true, TimeSpan.FromHours(1), new ListLogger());
        var coroutine = Body();
        Exception? error = null;
        loop.CallSoon(() =>
        {
            var thread = new Thread(() => error = Capture.Exception(() => loop.CreateTask(coroutine)));
            thread.Start();
            thread.Join();
        });

        RunOnce(loop);

        Assert.That(error, Is.TypeOf<InvalidOperationException>());
        Assert.That(loop.AllTasks(), Is.Empty);
        Assert.That(coroutine.State, Is.EqualTo(CoroutineState.Created));
        Assert.DoesNotThrow(() => loop.RunUntilComplete(coroutine), "the failed call did not consume the coroutine");
    }

    [Test]
    public void NonThreadSafeCalls_FromAnotherThread_AreAllowedOutsideDebugMode()
    {
        var errors = CallFromAnotherThreadWhileRunning(debug: false);

        Assert.That(errors, Is.EqualTo(new Exception?[] { null, null, null, null }));
    }

    /// <summary>
    /// Calls CallSoon, CallLater, CallAt and CallSoonThreadSafe from a second thread while the loop runs a callback that waits for that
    /// thread (so the unchecked calls cannot race with the loop); returns what each call threw.
    /// </summary>
    private static List<Exception?> CallFromAnotherThreadWhileRunning(bool debug)
    {
        using var loop = NewLoop(debug, TimeSpan.FromHours(1), new ListLogger());
        var errors = new List<Exception?>();
        loop.CallSoon(() =>
        {
            var thread = new Thread(() =>
            {
                errors.Add(Capture.Exception(() => loop.CallSoon(() => { })));
                errors.Add(Capture.Exception(() => loop.CallLater(1, () => { })));
                errors.Add(Capture.Exception(() => loop.CallAt(1, () => { })));
                errors.Add(Capture.Exception(() => loop.CallSoonThreadSafe(() => { })));
            });
            thread.Start();
            thread.Join();
        });
        RunOnce(loop);
        return errors;
    }
}
