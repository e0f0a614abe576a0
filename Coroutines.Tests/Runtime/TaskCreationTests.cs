using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime;

/// <summary>asyncio: creating tasks, first-step ordering, names, EnsureFuture.</summary>
public class TaskCreationTests : LoopTestBase
{
    [Test]
    public void CreateTask_SchedulesTheFirstStep_TheBodyDoesNotRunInside()
    {
        var log = new List<string>();
        async Coroutine Child()
        {
            log.Add("child-start");
            await Task.CompletedTask;
        }
        async Coroutine Main()
        {
            var t = CreateTask(Child());
            log.Add("after-create");
            await Sleep(0);
            log.Add($"t.done={t.Done}");
        }

        Loop.RunUntilComplete(Main());

        Assert.That(log, Is.EqualTo(new[] { "after-create", "child-start", "t.done=True" }));
    }

    [Test]
    public void CreateTask_FirstStepsRunInCreationOrder()
    {
        var log = new List<int>();
        async Coroutine Child(int n)
        {
            log.Add(n);
            await Task.CompletedTask;
        }
        for (int i = 0; i < 5; i++)
            Loop.CreateTask(Child(i));

        Assert.That(log, Is.Empty);
        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
    }

    [Test]
    public void Coroutine_IsColdUntilAwaitedOrScheduled()
    {
        bool ran = false;
        async Coroutine Body()
        {
            ran = true;
            await Task.CompletedTask;
        }

        var coroutine = Body();
        RunIterations(1);

        Assert.That(ran, Is.False);
        Assert.That(coroutine.State, Is.EqualTo(CoroutineState.Created));
    }

    [Test]
    public void CreateTask_CoroutineAlreadyScheduled_ThrowsInvalidOperation()
    {
        static async Coroutine Body() => await Yield();
        var coroutine = Body();
        Loop.CreateTask(coroutine);

        Assert.Throws<InvalidOperationException>(() => Loop.CreateTask(coroutine));
    }

    [Test]
    public void CreateTask_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Loop.CreateTask((Coroutine)null!));
        Assert.Throws<ArgumentNullException>(() => Loop.CreateTask((Coroutine<int>)null!));
    }

    [Test]
    public void Task_IsAFuture_WhoseResultComesFromTheCoroutine()
    {
        static async Coroutine<int> Body()
        {
            await Yield();
            return 12;
        }
        var task = Loop.CreateTask(Body());

        Assert.That(task, Is.InstanceOf<Future<int>>());
        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(12));
        Assert.That(task.Result(), Is.EqualTo(12));
    }

    [Test]
    public void Task_SetResultAndSetException_ThrowInvalidOperation()
    {
        static async Coroutine<int> Body() => await Task.FromResult(1);
        var task = Loop.CreateTask(Body());

        Assert.That(Assert.Throws<InvalidOperationException>(() => task.SetResult(2))!.Message, Does.Contain("SetResult"));
        Assert.That(Assert.Throws<InvalidOperationException>(() => task.SetException(new FormatException()))!.Message, Does.Contain("SetException"));
        Assert.That(task.Done, Is.False);
    }

    [Test]
    public void TaskName_DefaultsToTaskN_WithAProcessWideCounter()
    {
        static async Coroutine Body() => await Yield();
        var first = Loop.CreateTask(Body());
        var second = Loop.CreateTask(Body());

        Assert.That(first.Name, Does.Match(@"^Task-\d+$"));
        int n1 = int.Parse(first.Name["Task-".Length..]);
        int n2 = int.Parse(second.Name["Task-".Length..]);
        Assert.That(n2, Is.GreaterThan(n1));
    }

    [Test]
    public void TaskName_CounterIsSharedByTasksOfEveryResultType()
    {
        // Result types no other test uses: a per-type counter would start both at Task-1.
        static async Coroutine<DateOnly> Date() { await Yield(); return default; }
        static async Coroutine<TimeOnly> Time() { await Yield(); return default; }
        var names = new[] { Loop.CreateTask(Date()).Name, Loop.CreateTask(Time()).Name, Loop.CreateTask(Date()).Name };

        Assert.That(names, Is.Unique);
    }

    [Test]
    public void TaskName_IsTheGivenNameAndCanBeChanged()
    {
        static async Coroutine Body() => await Yield();
        var task = Loop.CreateTask(Body(), name: "worker");
        Assert.That(task.Name, Is.EqualTo("worker"));

        task.Name = "renamed";
        Assert.That(task.Name, Is.EqualTo("renamed"));
        Assert.Throws<ArgumentNullException>(() => task.Name = null!);
    }

    [Test]
    public void Task_CoroutineProperty_IsTheCoroutineItRuns()
    {
        static async Coroutine Body() => await Yield();
        var coroutine = Body();
        var task = Loop.CreateTask(coroutine);

        Assert.That(task.Coroutine, Is.SameAs(coroutine));
        Assert.That(task.AsFuture, Is.SameAs(task));
    }

    [Test]
    public void Task_RunsEveryStepInTheContextCapturedAtCreation()
    {
        var value = new AsyncLocal<string?>();
        var seen = new List<string?>();
        async Coroutine Child()
        {
            seen.Add(value.Value);
            await Yield();
            seen.Add(value.Value);
        }
        async Coroutine Parent()
        {
            value.Value = "parent";
            var child = CreateTask(Child());
            value.Value = "changed after creation";
            await child;
            seen.Add(value.Value);
        }

        Loop.RunUntilComplete(Parent());

        Assert.That(seen, Is.EqualTo(new[] { "parent", "parent", "changed after creation" }));
        Assert.That(value.Value, Is.Null, "a task's context does not leak into the code that runs the loop");
    }

    [Test]
    public void ContextChangesMadeInCallbacks_DoNotLeakIntoTasks()
    {
        var value = new AsyncLocal<string?>();
        var future = Loop.CreateFuture<int>();
        future.AddDoneCallback(_ => value.Value = "set by a callback");
        async Coroutine<string?> Body()
        {
            value.Value = "set by the task";
            await future;
            await Yield();
            return value.Value;
        }
        var task = Loop.CreateTask(Body());
        Loop.CallSoon(() => future.SetResult(1));

        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo("set by the task"));
    }

    [Test]
    public void EnsureFuture_OfACoroutine_CreatesATaskOnTheCurrentLoop()
    {
        static async Coroutine<int> Body() => await Task.FromResult(4);

        var task = EnsureFuture(Body());

        Assert.That(task.Loop, Is.SameAs(Loop));
        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(4));
    }

    [Test]
    public void EnsureFuture_OfAFuture_ReturnsItAsIs()
    {
        var future = Loop.CreateFuture<int>();
        Assert.That(EnsureFuture(future), Is.SameAs(future));
        Assert.Throws<ArgumentNullException>(() => EnsureFuture((Future<int>)null!));
    }

    [Test]
    public void WrapTask_DeliversAForeignTasksResultExceptionOrCancellationOnTheLoop()
    {
        var results = Loop.RunUntilComplete(WrapAll());
        Assert.That(results, Is.EqualTo(new[] { "result 7", "error FormatException", "cancelled", "void done" }));

        async Coroutine<string[]> WrapAll()
        {
            int loopThread = Environment.CurrentManagedThreadId;
            var ok = WrapTask(Task.Run(() => 7));
            var failed = WrapTask(Task.FromException<int>(new FormatException()));
            var cancelled = WrapTask(Task.FromCanceled<int>(new CancellationToken(canceled: true)));
            var plain = WrapTask(Task.Run(() => { }));
            var log = new List<string>();
            log.Add($"result {await ok}");
            try { await failed; } catch (FormatException e) { log.Add($"error {e.GetType().Name}"); }
            try { await cancelled; } catch (CancelledError) { log.Add("cancelled"); }
            await plain;
            log.Add("void done");
            Assert.That(Environment.CurrentManagedThreadId, Is.EqualTo(loopThread));
            return log.ToArray();
        }
    }

    [Test]
    public void WrapTask_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => WrapTask((Task<int>)null!));
        Assert.Throws<ArgumentNullException>(() => WrapTask((Task)null!));
    }

    [Test]
    public void AwaitingACoroutineOutsideAnyTask_GivesItItsOwnTask()
    {
        // A coroutine awaited from a plain async method (not a coroutine) runs as a task of the current loop.
        static async Coroutine<int> Body()
        {
            await Yield();
            return 5;
        }
        async Task<int> Plain() => await Body();

        var pending = Plain();
        Assert.That(Loop.AllTasks(), Has.Count.EqualTo(1));
        RunIterations(3);

        Assert.That(pending.IsCompletedSuccessfully, Is.True);
        Assert.That(pending.Result, Is.EqualTo(5));
    }
}
