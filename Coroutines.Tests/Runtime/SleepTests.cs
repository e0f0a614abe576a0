using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime;

/// <summary>asyncio: <c>sleep</c> and <c>sleep(0)</c> (<see cref="Loop.Yield"/>).</summary>
public class SleepTests : LoopTestBase
{
    [Test]
    public void SleepZero_LetsACallbackQueuedBeforeItRunFirst_AndReturnsTheResult()
    {
        bool callbackRan = false;
        async Coroutine<(bool, string)> Body()
        {
            EventLoop.Running.CallSoon(() => callbackRan = true);
            var result = await Sleep(0, "result");
            return (callbackRan, result);
        }

        Assert.That(Loop.RunUntilComplete(Body()), Is.EqualTo((true, "result")));
    }

    [Test]
    public void SleepZeroOrNegative_TakesExactlyOneIteration()
    {
        foreach (double delay in new[] { 0, -1, -1e9 })
        {
            long iterationAtSuspend = -1, iterationAtResume = -1;
            async Coroutine Body()
            {
                iterationAtSuspend = EventLoop.Running.Iterations;
                await Sleep(delay);
                iterationAtResume = EventLoop.Running.Iterations;
            }

            Loop.RunUntilComplete(Body());

            Assert.That(iterationAtResume - iterationAtSuspend, Is.EqualTo(1), $"delay {delay}");
        }
        Assert.That(Loop.Time(), Is.Zero);
    }

    [Test]
    public void Yield_TakesExactlyOneIteration()
    {
        long before = -1, after = -1;
        async Coroutine Body()
        {
            before = EventLoop.Running.Iterations;
            await Yield();
            after = EventLoop.Running.Iterations;
        }

        Loop.RunUntilComplete(Body());

        Assert.That(after - before, Is.EqualTo(1));
    }

    [Test]
    public void SleepZero_InterleavesStrictlyWithAnotherTask()
    {
        var log = new List<object>();
        async Coroutine Spinner()
        {
            for (int i = 0; i < 3; i++)
            {
                log.Add($"s{i}");
                await Sleep(0);
            }
        }
        async Coroutine Main()
        {
            _ = CreateTask(Spinner());
            log.Add("cb1");
            for (int i = 1; i <= 3; i++)
            {
                await Sleep(0);
                log.Add($"main{i}");
            }
        }

        Loop.RunUntilComplete(Main());

        Assert.That(log, Is.EqualTo(new object[] { "cb1", "s0", "main1", "s1", "main2", "s2", "main3" }));
    }

    [Test]
    public void Sleep_WithResult_ReturnsTheResultAfterTheDelay()
    {
        static async Coroutine<string> Body()
        {
            var a = await Sleep(0.05, "a");
            var b = await Sleep(TimeSpan.FromSeconds(0.05), "b");
            return a + b;
        }

        Assert.That(Loop.RunUntilComplete(Body()), Is.EqualTo("ab"));
        Assert.That(Loop.Time(), Is.EqualTo(0.1).Within(1e-12));
    }

    [Test]
    public void Sleep_EndsAtNowPlusDelay()
    {
        static async Coroutine<double> Body()
        {
            await Sleep(1.25);
            await Sleep(TimeSpan.FromMinutes(1));
            return EventLoop.Running.Time();
        }

        Assert.That(Loop.RunUntilComplete(Body()), Is.EqualTo(61.25));
    }

    [Test]
    public void Sleep_NaN_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Sleep(double.NaN));
        Assert.That(error!.ParamName, Is.EqualTo("seconds"));
        Assert.Throws<ArgumentException>(() => Sleep(double.NaN, 1));
    }

    [Test]
    public void SleepForever_NeverWakes_AndOtherTimersStillFireOnTime()
    {
        static async Coroutine Forever() => await Sleep(double.PositiveInfinity);
        var forever = Loop.CreateTask(Forever());
        var fired = new List<double>();
        Loop.CallLater(1, () => fired.Add(Loop.Time()));
        RunIterations(1);
        Loop.CallLater(2, () => fired.Add(Loop.Time()));

        RunFor(5);

        Assert.That(fired, Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.That(forever.Done, Is.False);
        forever.Cancel();
        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(forever));
    }

    [Test]
    public void SleepInfiniteTimeSpan_SleepsUntilCancelled()
    {
        // .NET convention (Task.Delay): Timeout.InfiniteTimeSpan (-1 ms) means forever, not "negative: yield once".
        static async Coroutine Forever() => await Sleep(System.Threading.Timeout.InfiniteTimeSpan);
        var task = Loop.CreateTask(Forever());

        RunFor(86400);
        Assert.That(task.Done, Is.False);

        task.Cancel();
        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(task));
        Assert.That(Loop.ScheduledTimerCount, Is.Zero);
    }

    [Test]
    public void SleepCancelled_CancelsItsTimer()
    {
        static async Coroutine Body() => await Sleep(100);
        var task = Loop.CreateTask(Body());
        RunIterations(1);

        task.Cancel();

        Assert.That(Loop.ScheduledTimerCount, Is.Zero);
        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(task));
    }

    [Test]
    public void ManySleepers_WakeInDeadlineOrder()
    {
        var log = new List<int>();
        async Coroutine Sleeper(int n, double delay)
        {
            await Sleep(delay);
            log.Add(n);
        }
        double[] delays = { 5, 1, 3, 1, 0.5, 2 };
        for (int i = 0; i < delays.Length; i++)
            Loop.CreateTask(Sleeper(i, delays[i]));

        RunFor(10);

        Assert.That(log, Is.EqualTo(new[] { 4, 1, 3, 5, 2, 0 }));
    }

    [Test]
    public void SleepInsideAPlainAsyncMethodOnTheLoop_UsesLoopTimers()
    {
        // Awaited outside a coroutine (through the awaiter's OnCompleted), Sleep still waits on loop time.
        double woke = -1;
        async Task Plain()
        {
            await Sleep(2);
            woke = EventLoop.Running.Time();
        }
        Task? pending = null;
        Loop.CallSoon(() => pending = Plain());

        RunFor(5);

        Assert.That(pending!.IsCompletedSuccessfully, Is.True);
        Assert.That(woke, Is.EqualTo(2));
    }
}
