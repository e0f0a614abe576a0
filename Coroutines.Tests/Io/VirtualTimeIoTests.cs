using Coroutines.Tests.Generator;
using Coroutines.Tests.Runtime;

namespace Coroutines.Tests.Io;

/// <summary>
/// Virtual time that never lies (Trio's autojump rule): the clock jumps to the next timer only when the loop is idle.
/// Foreign work in flight is not idle; watched sockets are idle only after the auto-jump threshold of real time.
/// </summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public class VirtualTimeIoTests(IoBackend backend)
{
    private EventLoop NewLoop(TimeSpan? threshold = null, bool debug = false, ListLogger? logger = null) =>
        EventLoop.New(new EventLoopOptions
        {
            VirtualTime = true,
            IoBackend = backend,
            AutoJumpThreshold = threshold ?? TimeSpan.FromMilliseconds(10),
            Debug = debug,
            Logger = logger,
        });

    [Test]
    public void WaitForAnExecutorJob_CompletesInsteadOfTimingOut_TheClockWaitsForTheJob()
    {
        using var loop = NewLoop();
        using var watchdog = new LoopWatchdog(loop, TimeSpan.FromSeconds(30));
        var job = loop.RunInExecutor(() =>
        {
            Thread.Sleep(50);   // real work that takes real time: the virtual clock must not run ahead of it
            return 7;
        });

        int result = loop.RunUntilComplete(Coroutines.Loop.WaitFor(job, 5.0));

        Assert.That(result, Is.EqualTo(7));
        Assert.That(loop.Time(), Is.LessThan(5.0));
    }

    [Test]
    public void AnAwaitedForeignTask_HoldsTheClock_UntilItCompletes()
    {
        using var loop = NewLoop();
        using var watchdog = new LoopWatchdog(loop, TimeSpan.FromSeconds(30));
        static async Coroutine<string> AwaitForeign()
        {
            await Task.Run(() => Thread.Sleep(50));
            return "done";
        }

        string result = loop.RunUntilComplete(Coroutines.Loop.WaitFor(AwaitForeign(), 5.0));

        Assert.That(result, Is.EqualTo("done"));
        Assert.That(loop.Time(), Is.LessThan(5.0));
    }

    [Test]
    public void AForeignTasksResumeThatArrivesAsTheLoopGoesIdle_IsNotOvertakenByAClockJump()
    {
        // The resume of an awaited Task ends its foreign await and is posted in one step; a loop that found nothing in
        // flight at that moment used to jump to the next timer before draining the posted resume. The window is small:
        // many short awaits make it likely to be hit if it is still there.
        using var loop = NewLoop();
        using var watchdog = new LoopWatchdog(loop, TimeSpan.FromSeconds(60));
        static async Coroutine<int> AwaitForeignRepeatedly(int times)
        {
            int jumpedAhead = 0;
            for (int i = 0; i < times; i++)
            {
                double before = EventLoop.Running.Time();
                var later = EventLoop.Running.CallLater(1.0, static () => { });   // where a jump would go
                await Task.Yield();   // continues on the thread pool: a foreign await
                await Task.Run(static () => { });
                if (EventLoop.Running.Time() != before)
                    jumpedAhead++;
                later.Cancel();
            }
            return jumpedAhead;
        }

        int jumpedAhead = loop.RunUntilComplete(AwaitForeignRepeatedly(2_000));

        Assert.That(jumpedAhead, Is.Zero, "the clock moved while the coroutine only awaited foreign Tasks");
    }

    [Test]
    public void AWrappedForeignTask_HoldsTheClock_UntilItCompletes()
    {
        using var loop = NewLoop();
        EventLoop.SetCurrent(loop);
        try
        {
            using var watchdog = new LoopWatchdog(loop, TimeSpan.FromSeconds(30));
            var wrapped = Coroutines.Loop.WrapTask(Task.Run(() =>
            {
                Thread.Sleep(50);
                return 3;
            }));

            Assert.That(loop.RunUntilComplete(Coroutines.Loop.WaitFor(wrapped, 5.0)), Is.EqualTo(3));
            Assert.That(loop.Time(), Is.LessThan(5.0));
        }
        finally
        {
            EventLoop.SetCurrent(null);
        }
    }

    [Test]
    public void AnExecutorJobCancelledBeforeItStarted_ReleasesTheClock()
    {
        using var loop = NewLoop();
        using var watchdog = new LoopWatchdog(loop, TimeSpan.FromSeconds(30));
        var neverRuns = new HeldExecutor();
        var job = loop.RunInExecutor(() => 1, neverRuns);
        job.Cancel();

        loop.RunUntilComplete(SleepFor(3600));

        Assert.That(watchdog.Fired, Is.False, "the loop waited for a job that will never deliver anything");
        Assert.That(loop.Time(), Is.EqualTo(3600));
    }

    [Test]
    public void WithASocketWatched_TheClockStillJumps_OnceTheSelectorWasIdleForTheThreshold()
    {
        using var loop = NewLoop();
        using var watchdog = new LoopWatchdog(loop, TimeSpan.FromSeconds(30));
        using var pair = new LoopbackPair();
        loop.AddReader(pair.Left, () => { });

        loop.RunUntilComplete(SleepFor(3600));

        Assert.That(loop.Time(), Is.EqualTo(3600));
        loop.RemoveReader(pair.Left);
    }

    [Test]
    public void WithASocketWatched_APeerThatAnswersWithinTheThreshold_BeatsTheTimeout()
    {
        // A generous threshold: the peer thread may be scheduled late on a busy machine, and that must not count as idle.
        using var loop = NewLoop(threshold: TimeSpan.FromSeconds(5));
        using var watchdog = new LoopWatchdog(loop, TimeSpan.FromSeconds(30));
        using var pair = new LoopbackPair();
        using var answer = new Timer(_ => pair.Right.Send("late"u8), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);

        var data = loop.RunUntilComplete(Coroutines.Loop.WaitFor(loop.SockRecv(pair.Left, 16), 1.0));

        Assert.That(data, Is.EqualTo("late"u8.ToArray()));
        Assert.That(loop.Time(), Is.EqualTo(0), "the clock did not jump while the peer was answering");
    }

    [Test]
    public void ACoroutineSpinningOnYield_StarvesTheClock_AndDebugModeSaysSo()
    {
        var logger = new ListLogger();
        using var loop = NewLoop(debug: true, logger: logger);
        loop.ClockStarvationWarning = TimeSpan.FromMilliseconds(50);
        bool timerFired = false;
        loop.CallLater(1.0, () => timerFired = true);
        var spinLimit = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        async Coroutine Spin()
        {
            // Never idle, so the clock never jumps: this loop only ends because the warning arrives (or the guard).
            while (!timerFired && logger.Entries.Count == 0 && DateTime.UtcNow < spinLimit)
                await Coroutines.Loop.Yield();
        }

        loop.RunUntilComplete(Spin());

        Assert.That(timerFired, Is.False);
        Assert.That(loop.Time(), Is.EqualTo(0));
        Assert.That(logger.Entries, Has.Count.EqualTo(1));
        Assert.That(logger.Entries[0].Message, Does.Contain("Virtual time has stood at 0 s").And.Contain("Loop.Yield()"));
    }

    [Test]
    public void ForeignWorkThatTakesLong_IsNamedByTheStarvationWarning()
    {
        var logger = new ListLogger();
        using var loop = NewLoop(debug: true, logger: logger);
        loop.ClockStarvationWarning = TimeSpan.FromMilliseconds(20);
        using var release = new ManualResetEventSlim();
        var job = loop.RunInExecutor(() =>
        {
            release.Wait(TimeSpan.FromSeconds(20));
            return 1;
        });
        loop.CallLater(1.0, () => { });
        using var releaser = new Timer(_ => release.Set(), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);

        loop.RunUntilComplete(job);

        Assert.That(loop.Time(), Is.EqualTo(0));
        Assert.That(logger.Entries.Select(e => e.Message), Has.One.Contains("1 foreign operation(s)"));
    }

    private static async Coroutine SleepFor(double seconds) => await Coroutines.Loop.Sleep(seconds);

    /// <summary>Accepts work and never runs it.</summary>
    private sealed class HeldExecutor : IExecutor
    {
        public void Execute(Action work) { }
    }
}
