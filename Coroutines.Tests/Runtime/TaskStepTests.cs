using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime;

/// <summary>asyncio: the task step machine.</summary>
public class TaskStepTests : LoopTestBase
{
    [Test]
    public void CoroutineReturning_FinishesTheTaskWithItsValue()
    {
        static async Coroutine<string> Body()
        {
            await Yield();
            return "value";
        }
        var task = Loop.CreateTask(Body());

        Loop.RunUntilComplete(task);

        Assert.That(task.State, Is.EqualTo(FutureState.Finished));
        Assert.That(task.Result(), Is.EqualTo("value"));
    }

    [Test]
    public void CoroutineThrowing_FinishesTheTaskWithTheException()
    {
        var error = new FormatException("failed");
        async Coroutine<int> Body()
        {
            await Yield();
            throw error;
        }
        var task = Loop.CreateTask(Body());

        Assert.Throws<FormatException>(() => Loop.RunUntilComplete(task));
        Assert.That(task.Cancelled, Is.False);
        Assert.That(task.Exception(), Is.SameAs(error));
    }

    [Test]
    public void CoroutineThrowingCancelledError_CancelsTheTaskEvenWithoutCancel()
    {
        static async Coroutine Body()
        {
            await Yield();
            throw new CancelledError("self");
        }
        var task = Loop.CreateTask(Body());

        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(task));
        Assert.That(task.Cancelled, Is.True);
        Assert.That(Assert.Throws<CancelledError>(() => task.Result())!.CancelMessage, Is.EqualTo("self"));
    }

    [Test]
    public void TaskCompletion_SchedulesItsDoneCallbacks_NeverRunsThemInline()
    {
        static async Coroutine<int> Body() => await Task.FromResult(3);
        var task = Loop.CreateTask(Body());
        var log = new List<string>();
        task.AddDoneCallback(t => log.Add($"done {t.Result()}"));

        RunIterations(1);
        Assert.That(task.Done, Is.True);
        Assert.That(log, Is.Empty, "the step that finished the task only scheduled its callbacks");

        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "done 3" }));
    }

    [Test]
    public void Step_CurrentTaskIsTheTaskWhoseStepRuns()
    {
        ICoroutineTask? during = null;
        async Coroutine Body()
        {
            during = CurrentTask;
            await Yield();
            Assert.That(CurrentTask, Is.SameAs(during), "also after a resume");
        }
        var task = Loop.CreateTask(Body());

        Loop.RunUntilComplete(task);

        Assert.That(during, Is.SameAs(task));
        Assert.That(Loop.CurrentTask, Is.Null);
    }

    [Test]
    public void BareYield_ReschedulesTheStepForTheNextIteration()
    {
        var log = new List<string>();
        async Coroutine Body()
        {
            log.Add("before");
            await Yield();
            log.Add("after");
        }
        Loop.CreateTask(Body());

        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "before" }));
        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "before", "after" }));
    }

    [Test]
    public void FutureCompletion_ResumesTheWaiterBeforeACallbackQueuedAfterIt()
    {
        var future = Loop.CreateFuture<int>();
        var log = new List<string>();
        async Coroutine Waiter()
        {
            await future;
            log.Add("waiter");
        }
        Loop.CreateTask(Waiter());
        RunIterations(1);

        future.SetResult(1);
        Loop.CallSoon(() => log.Add("X"));
        RunIterations(1);

        Assert.That(log, Is.EqualTo(new[] { "waiter", "X" }));
    }

    [Test]
    public void AwaitingAFinishedTaskRepeatedly_GivesTheSameResultOrException()
    {
        static async Coroutine<object> MakeObject() => await Task.FromResult(new object());
        static async Coroutine Fails()
        {
            await Yield();
            throw new FormatException();
        }
        var resultTask = Loop.CreateTask(MakeObject());
        var failedTask = Loop.CreateTask(Fails());
        async Coroutine<(object, object, Exception, Exception)> Reader()
        {
            var a = await resultTask;
            var b = await resultTask;
            Exception? e1 = null, e2 = null;
            try { await failedTask; } catch (FormatException e) { e1 = e; }
            try { await failedTask; } catch (FormatException e) { e2 = e; }
            return (a, b, e1!, e2!);
        }

        var (first, second, error1, error2) = Loop.RunUntilComplete(Reader());

        Assert.That(second, Is.SameAs(first));
        Assert.That(error2, Is.SameAs(error1));
    }

    [Test]
    public void TaskAwaitingItself_ThrowsInvalidOperationIntoTheCoroutine()
    {
        CoroutineTask<string>? self = null;
        var log = new List<string>();
        async Coroutine<string> Body()
        {
            await Yield();
            try
            {
                await self!;
                return "no error";
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
            finally
            {
                log.Add("finally ran");
            }
        }
        self = Loop.CreateTask(Body());

        Assert.That(Loop.RunUntilComplete(self), Does.Contain("cannot await on itself"));
        Assert.That(log, Is.EqualTo(new[] { "finally ran" }));
    }

    [Test]
    public void AwaitingTheSameCoroutineTwice_ThrowsInvalidOperation()
    {
        static async Coroutine<int> Child()
        {
            await Yield();
            return 1;
        }
        async Coroutine<string> Parent()
        {
            var child = Child();
            await child;
            try
            {
                await child;
                return "awaited twice";
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }

        Assert.That(Loop.RunUntilComplete(Parent()), Does.Contain("only once"));
    }

    [Test]
    public void ExceptionFromAChildCoroutine_PropagatesThroughTheAwaitChain()
    {
        static async Coroutine<int> Inner()
        {
            await Yield();
            throw new FormatException("inner");
        }
        static async Coroutine<string> Outer()
        {
            try
            {
                await Inner();
                return "no error";
            }
            catch (FormatException e)
            {
                return e.Message;
            }
        }

        Assert.That(Loop.RunUntilComplete(Outer()), Is.EqualTo("inner"));
    }

    [Test]
    public void AwaitingAForeignTask_ResumesOnTheLoopThread()
    {
        int loopThread = -1, resumedOn = -2;
        async Coroutine Body()
        {
            loopThread = Environment.CurrentManagedThreadId;
            await Task.Run(() => Thread.Yield());
            resumedOn = Environment.CurrentManagedThreadId;
        }

        Loop.RunUntilComplete(Body());

        Assert.That(resumedOn, Is.EqualTo(loopThread));
    }

    [Test]
    public void GetStack_ShowsTheAwaitChainInnermostFirst()
    {
        var never = Loop.CreateFuture<int>();
        async Coroutine<int> Inner() => await never;
        async Coroutine Outer() => await Inner();
        var task = Loop.CreateTask(Outer());
        RunIterations(1);

        var stack = task.GetStack().Select(e => e.Coroutine).ToArray();

        Assert.That(stack, Has.Length.EqualTo(2));
        Assert.That(stack[0], Does.EndWith("GetStack_ShowsTheAwaitChainInnermostFirst.Inner"));
        Assert.That(stack[1], Does.EndWith("GetStack_ShowsTheAwaitChainInnermostFirst.Outer"));
        Assert.That(Loop.DumpTasks(), Does.Contain(task.Name));
        never.SetResult(0);
        Loop.RunUntilComplete(task);
        Assert.That(task.GetStack(), Is.Empty);
    }
}
