namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>
/// Coroutines awaited from <c>async Task</c> code (every .NET library is such code) and <c>Task</c>s awaited from
/// coroutines, in both directions at once, on many loops created and closed back to back on one thread and on
/// several threads: each program prints its lines every time, and a new loop starts clean whatever loops ran
/// before it on the thread. A watchdog fails a test that hangs.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public partial class MixedAwaitTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(2);

    public enum Path { Compiler, Generated }

    // The program of the issue: a coroutine awaits Task.Run, a Task lambda awaits that coroutine, a coroutine
    // awaits the lambda.
    private static async Coroutine Inner(List<string> trace)
    {
        await Task.Run(() => { });
        trace.Add("inner done");
    }

    private static async Coroutine Outer(List<string> trace)
    {
        Func<Task> f = async () => { await Inner(trace); };
        await f();
        trace.Add("outer done");
    }

    [Coroutine]
    private static async Coroutine GeneratedInner(List<string> trace)
    {
        await Task.Run(() => { });
        trace.Add("inner done");
    }

    [Coroutine]
    private static async Coroutine GeneratedOuter(List<string> trace)
    {
        Func<Task> f = async () => { await GeneratedInnerAsync(trace); };
        await f();
        trace.Add("outer done");
    }

    private static Coroutine Program(Path path, List<string> trace) =>
        path == Path.Compiler ? Outer(trace) : GeneratedOuterAsync(trace);

    /// <summary>Runs the issue's program on <paramref name="loops"/> fresh loops in a row on the calling thread.</summary>
    private void RunProgramsBackToBack(Path path, int loops)
    {
        for (int i = 0; i < loops; i++)
        {
            var trace = new List<string>();
            var loop = EventLoop.New(Options);
            loop.RunUntilComplete(Program(path, trace));
            loop.Close();
            Assert.That(trace, Is.EqualTo(new[] { "inner done", "outer done" }), $"program {i} on this thread");
        }
    }

    [Test]
    public void TheIssuesProgramPrintsItsLinesOnEveryOneOfManyLoopsInARow([Values] Path path)
    {
        RunOnThread(() => RunProgramsBackToBack(path, 2000), Watchdog);
    }

    [Test]
    public void TheIssuesProgramPrintsItsLinesOnLoopsOnSeveralThreadsAtOnce([Values] Path path)
    {
        var threads = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
            () => RunProgramsBackToBack(path, 500), TaskCreationOptions.LongRunning)).ToArray();
        Assert.That(Task.WaitAll(threads, Watchdog), Is.True, "a program hangs");
    }

    private static async Coroutine<int> Doubled(int value)
    {
        await Coroutines.Loop.Yield();
        await Task.Yield();
        await Task.Run(() => { });
        return value * 2;
    }

    [Coroutine]
    private static async Coroutine<int> GeneratedDoubled(int value)
    {
        await Coroutines.Loop.Yield();
        await Task.Yield();
        await Task.Run(() => { });
        return value * 2;
    }

    private static async Task<int> TaskCodeAwaitingCoroutines(Path path, int value)
    {
        // Task code stays on the loop thread while it awaits coroutines; a foreign await (Task.Delay) would move the
        // rest of it to the thread pool, where no loop runs.
        int doubled = await (path == Path.Compiler ? Doubled(value) : GeneratedDoubledAsync(value));
        return await (path == Path.Compiler ? Doubled(doubled) : GeneratedDoubledAsync(doubled)) + 1;
    }

    private static async Coroutine<int> CoroutineAwaitingTaskCode(Path path, int value)
    {
        int sum = 0;
        for (int i = 0; i < 3; i++)
            sum += await TaskCodeAwaitingCoroutines(path, value + i);
        await Task.Run(() => { });
        return sum;
    }

    [Test]
    public void BothDirectionsNestedRunToTheirResultOnManyLoopsInARow([Values] Path path)
    {
        RunOnThread(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                using var loop = EventLoop.New(Options);
                int sum = loop.RunUntilComplete(CoroutineAwaitingTaskCode(path, i));
                Assert.That(sum, Is.EqualTo(4 * i + 1 + 4 * (i + 1) + 1 + 4 * (i + 2) + 1), $"program {i}");
            }
        }, Watchdog);
    }

    private static async Coroutine<ICoroutineTask?> CurrentTaskAfterAYield()
    {
        await Coroutines.Loop.Yield();
        return Coroutines.Loop.CurrentTask;
    }

    [Test]
    public void ACoroutineAwaitedByTaskCodeRunsAsATaskOfItsOwn()
    {
        ICoroutineTask? outer = null, inner = null;
        async Task AwaitFromTaskCode() => inner = await CurrentTaskAfterAYield();
        async Coroutine Main()
        {
            outer = Coroutines.Loop.CurrentTask;
            await AwaitFromTaskCode();
        }

        Loop.RunUntilComplete(Main());

        Assert.That(inner, Is.Not.Null);
        Assert.That(inner, Is.Not.SameAs(outer), "its suspension would otherwise replace the awaiting task's own");
    }

    private static async Coroutine FailAfterAYield()
    {
        await Coroutines.Loop.Yield();
        throw new InvalidOperationException("failed inside");
    }

    [Test]
    public void TaskCodeAwaitingAFailingCoroutineGetsItsExceptionAndNothingIsReportedAsNeverRetrieved()
    {
        Exception? caught = null;
        async Task AwaitFromTaskCode()
        {
            try
            {
                await FailAfterAYield();
            }
            catch (InvalidOperationException e)
            {
                caught = e;
            }
        }
        async Coroutine Main() => await AwaitFromTaskCode();

        Loop.RunUntilComplete(Main());
        Loop.Close();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.That(caught, Has.Message.EqualTo("failed inside"));
        Assert.That(Reports, Is.Empty);
    }
}
