using System.Runtime.CompilerServices;
using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime;

/// <summary>asyncio: <c>current_task</c> and <c>all_tasks</c>; pending tasks are never collected.</summary>
public class TaskRegistryTests : LoopTestBase
{
    [Test]
    public void CurrentTask_InAPlainCallback_IsNull()
    {
        ICoroutineTask? seen = null;
        bool called = false;
        Loop.CallSoon(() => { called = true; seen = CurrentTask; });

        RunIterations(1);

        Assert.That(called, Is.True);
        Assert.That(seen, Is.Null);
        Assert.That(Loop.CurrentTask, Is.Null);
    }

    [Test]
    public void CurrentTask_WithNoRunningLoop_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => _ = CurrentTask);
    }

    [Test]
    public void CurrentTask_FollowsInterleavingTasks()
    {
        var seen = new List<(string, string)>();
        async Coroutine Body(string label)
        {
            for (int i = 0; i < 2; i++)
            {
                seen.Add((label, CurrentTask!.Name));
                await Yield();
            }
        }
        Loop.CreateTask(Body("a"), name: "A");
        Loop.CreateTask(Body("b"), name: "B");

        RunIterations(3);

        Assert.That(seen, Is.EqualTo(new[] { ("a", "A"), ("b", "B"), ("a", "A"), ("b", "B") }));
    }

    [Test]
    public void AllTasks_ReturnsTheNotDoneTasksOfThisLoop()
    {
        static async Coroutine Quick() => await Yield();
        static async Coroutine Slow() => await Sleep(10);
        var quick = Loop.CreateTask(Quick());
        var slow = Loop.CreateTask(Slow());
        using var other = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        other.SetExceptionHandler((_, _) => { });   // its task is still pending when it closes
        other.CreateTask(Slow());

        Assert.That(Loop.AllTasks(), Is.EquivalentTo(new ICoroutineTask[] { quick, slow }));
        RunIterations(2);

        Assert.That(quick.Done, Is.True);
        Assert.That(Loop.AllTasks(), Is.EqualTo(new ICoroutineTask[] { slow }));
        RunFor(20);
        Assert.That(Loop.AllTasks(), Is.Empty);
    }

    [Test]
    public void PendingTask_WithNoOtherReference_IsNotCollectedWhileTheLoopRuns()
    {
        // asyncio holds tasks weakly, and an unreferenced pending task can vanish ("Task was destroyed but it is
        // pending!"). That is a pitfall we do not copy: the loop holds every pending task strongly.
        var log = new List<string>();
        var weak = StartUnreferencedTask(log);

        bool aliveDuringRun = false;
        Loop.CallSoon(() =>
        {
            Capture.FullGarbageCollection();
            aliveDuringRun = weak.IsAlive;
        });
        RunIterations(1);

        Assert.That(aliveDuringRun, Is.True);
        Assert.That(Loop.AllTasks(), Has.Count.EqualTo(1));
        Assert.That(Reports, Is.Empty);

        Loop.AllTasks()[0].Cancel();
        RunIterations(2);
        Assert.That(log, Is.EqualTo(new[] { "started", "cancelled" }));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference StartUnreferencedTask(List<string> log)
    {
        var loop = Loop;
        async Coroutine Body()
        {
            log.Add("started");
            // Wait on a future nobody else references: only the task's frame holds it.
            try { await loop.CreateFuture<int>(); }
            catch (CancelledError) { log.Add("cancelled"); throw; }
        }
        var task = Loop.CreateTask(Body());
        RunIterations(1);
        return new WeakReference(task);
    }
}
