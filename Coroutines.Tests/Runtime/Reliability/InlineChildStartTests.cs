using System.Runtime.CompilerServices;

namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>
/// An awaited child coroutine runs inline, inside its awaiter's <c>IsCompleted</c>, up to its first suspension: a
/// child that returns at once costs its parent no suspension, on both paths. A child that suspends under <c>Task</c>
/// code becomes a task of its own whatever it waits on (a foreign Task, a future, a sleep, a yield, a lock, a child
/// too deep to start inline), and its awaiting frames keep working.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public partial class InlineChildStartTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    public enum Path { Compiler, Generated }

    public enum Wait { ForeignTask, Future, Sleep, Yield, Lock, DeepChild }

    private static async Coroutine<CoroutineState> ParentStateSeenByChild(Coroutine parent)
    {
        await Task.CompletedTask;
        return parent.State;
    }

    private static async Coroutine<CoroutineState> CompilerParent(StrongBox<Coroutine?> self) =>
        await ParentStateSeenByChild(self.Value!);

    [Coroutine]
    private static async Coroutine<CoroutineState> GeneratedParent(StrongBox<Coroutine?> self) =>
        await ParentStateSeenByChild(self.Value!);

    [Test]
    public void AChildThatReturnsAtOnce_RunsWhileItsParentIsStillRunning([Values] Path path)
    {
        var self = new StrongBox<Coroutine?>();
        var parent = path == Path.Compiler ? CompilerParent(self) : GeneratedParentAsync(self);
        self.Value = parent;

        var seen = Loop.RunUntilComplete(parent);

        Assert.That(seen, Is.EqualTo(CoroutineState.Running), "the parent did not suspend to start its child");
    }

    [Test]
    public void TaskCodeAwaitingAChildThatReturnsAtOnce_ContinuesWithoutALoopIteration()
    {
        static async Coroutine<int> Immediate(int value)
        {
            await Task.CompletedTask;
            return value;
        }
        bool completedSynchronously = false;
        int result = 0;
        async Coroutine Run()
        {
            async Task<int> TaskCode() => await Immediate(21) * 2;
            var pending = TaskCode();
            completedSynchronously = pending.IsCompleted;
            result = await pending;
        }

        Loop.RunUntilComplete(Run());

        Assert.That(completedSynchronously, Is.True);
        Assert.That(result, Is.EqualTo(42));
    }

    private sealed class Waits(EventLoop loop)
    {
        public readonly Future<int> Future = loop.CreateFuture<int>();
        public readonly AsyncLock Lock = new();

        // Completed from the thread pool by the main coroutine, so the inner coroutine's await always suspends (a
        // Task.Run of nothing may finish before its await looks at it).
        public readonly TaskCompletionSource Foreign = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static async Coroutine<int> DeepChild(int depth) => depth == 0 ? await Deepest() : await DeepChild(depth - 1) + 0;

    private static async Coroutine<int> Deepest()
    {
        await Coroutines.Loop.Yield();
        return 5;
    }

    private static async Coroutine<int> Suspending(Wait wait, Waits waits, List<string> trace)
    {
        trace.Add($"inner starts in {Coroutines.Loop.CurrentTask?.Name}");
        int value = 5;
        switch (wait)
        {
            case Wait.ForeignTask:
                await waits.Foreign.Task;
                break;
            case Wait.Future:
                value = await waits.Future;
                break;
            case Wait.Sleep:
                await Coroutines.Loop.Sleep(0.01);
                break;
            case Wait.Yield:
                await Coroutines.Loop.Yield();
                break;
            case Wait.Lock:
                await waits.Lock.Acquire();
                waits.Lock.Release();
                break;
            case Wait.DeepChild:
                value = await DeepChild(100);   // deeper than the inline bound: the step loop starts its lower frames
                break;
        }
        trace.Add($"inner resumes in {Coroutines.Loop.CurrentTask?.Name}");
        return value;
    }

    /// <summary>
    /// Runs <paramref name="outer"/> as the task named "outer" while the main coroutine holds the lock and, two
    /// iterations later, sets the future and releases the lock; returns the outer task's result.
    /// </summary>
    private int RunWithOuterTask(Wait wait, Waits waits, Func<Coroutine<int>> outer)
    {
        async Coroutine<int> Main()
        {
            if (wait == Wait.Lock)
                await waits.Lock.Acquire();   // held, so the inner coroutine parks on it
            var task = Coroutines.Loop.CreateTask(outer(), "outer");
            await Coroutines.Loop.Yield();
            await Coroutines.Loop.Yield();
            waits.Future.SetResult(5);
            _ = Task.Run(() => waits.Foreign.SetResult());
            if (wait == Wait.Lock)
                waits.Lock.Release();
            return await task;
        }

        int result = 0;
        RunOnThread(() => result = Loop.RunUntilComplete(Main()), TimeSpan.FromMinutes(1));
        return result;
    }

    [Test]
    public void AChildThatSuspendsUnderTaskCode_BecomesATaskOfItsOwn_AndBothSidesFinish([Values] Wait wait)
    {
        var trace = new List<string>();
        var waits = new Waits(Loop);
        async Coroutine<int> Outer()
        {
            async Task<int> TaskCode() => await Suspending(wait, waits, trace) + 1;
            var pending = TaskCode();
            trace.Add("outer continues");
            return await pending;
        }
        int result = RunWithOuterTask(wait, waits, Outer);

        Assert.That(result, Is.EqualTo(6));
        Assert.That(trace[0], Is.EqualTo("inner starts in outer"), "it started inline, in the task that awaited it");
        Assert.That(trace[1], Is.EqualTo("outer continues"));
        Assert.That(trace[2], Does.StartWith("inner resumes in Task-"), "it resumed as a task of its own");
        Assert.That(trace, Has.Count.EqualTo(3));
    }

    [Test]
    public void ACoroutineFrameAwaitingAChildThatSuspends_ResumesWithItsResult_WhateverItWaitsOn([Values] Wait wait)
    {
        var trace = new List<string>();
        var waits = new Waits(Loop);
        async Coroutine<int> Outer() => await Suspending(wait, waits, trace) + 1;
        int result = RunWithOuterTask(wait, waits, Outer);

        Assert.That(result, Is.EqualTo(6));
        Assert.That(trace, Is.EqualTo(new[] { "inner starts in outer", "inner resumes in outer" }));
    }

    [Test]
    public void TaskCodeBetweenCoroutinesTwice_EachSuspendedChildBecomesItsOwnTask()
    {
        var trace = new List<string>();
        async Coroutine<int> Innermost()
        {
            await Task.Run(() => { });
            trace.Add("innermost");
            return 1;
        }
        async Coroutine<int> Middle()
        {
            async Task<int> Lambda() => await Innermost() + 1;
            var value = await Lambda();
            trace.Add("middle");
            return value;
        }
        async Coroutine<int> Outer()
        {
            async Task<int> Lambda() => await Middle() + 1;
            var value = await Lambda();
            trace.Add("outer");
            return value;
        }

        int result = 0;
        RunOnThread(() => result = Loop.RunUntilComplete(Outer()), TimeSpan.FromMinutes(1));

        Assert.That(result, Is.EqualTo(3));
        Assert.That(trace, Is.EqualTo(new[] { "innermost", "middle", "outer" }));
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void AnExceptionFromAChildThatThrowsAtOnce_IsCaughtByItsParent()
    {
        static async Coroutine<int> Throws()
        {
            await Task.CompletedTask;
            throw new InvalidDataException("at once");
        }
        async Coroutine<string> Parent()
        {
            try
            {
                await Throws();
                return "not thrown";
            }
            catch (InvalidDataException e)
            {
                return e.Message;
            }
        }

        Assert.That(Loop.RunUntilComplete(Parent()), Is.EqualTo("at once"));
    }
}
