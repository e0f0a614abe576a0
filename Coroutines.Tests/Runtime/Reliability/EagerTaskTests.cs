namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>
/// Eager tasks (asyncio 3.12's <c>eager_task_factory</c>, <c>Task(eager_start=True)</c>): the first step runs inside
/// <c>CreateEagerTask</c>/<c>CreateTask</c>, up to the coroutine's first suspension. The cases ported from CPython's
/// test_eager_task_factory.py (EagerTaskFactoryLoopTests, BaseTaskCountingTests) carry its test's name.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public class EagerTaskTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    private EventLoop NewEagerLoop()
    {
        Loop.Close();
        Loop = EventLoop.New(new EventLoopOptions { VirtualTime = VirtualTime, EagerTasks = true });
        Loop.SetExceptionHandler((_, context) => Reports.Add(context));
        return Loop;
    }

    /// <summary>CPython test_eager_task_factory_set: the option installs the eager factory, CreateTask uses it.</summary>
    [Test]
    public void TheEagerTasksOption_MakesCreateTaskRunTheFirstStepBeforeReturning()
    {
        var loop = NewEagerLoop();
        bool bodyRan = false;
        async Coroutine Noop()
        {
            bodyRan = true;
            await Coroutines.Loop.Yield();
        }
        async Coroutine<bool> Run()
        {
            var task = Coroutines.Loop.CreateTask(Noop());
            bool ranBeforeReturn = bodyRan;
            await task;
            return ranBeforeReturn;
        }

        Assert.That(loop.EagerTasks, Is.True);
        Assert.That(loop.RunUntilComplete(Run()), Is.True);
    }

    [Test]
    public void WithoutTheOption_CreateTaskStaysLazy_AndTheSwitchCanBeFlippedOnTheLoop()
    {
        var seen = new List<bool>();
        bool bodyRan = false;
        async Coroutine Body()
        {
            bodyRan = true;
            await Coroutines.Loop.Yield();
        }
        async Coroutine Run()
        {
            bodyRan = false;
            var lazy = Coroutines.Loop.CreateTask(Body());
            seen.Add(bodyRan);
            await lazy;
            Loop.EagerTasks = true;
            bodyRan = false;
            var eager = Coroutines.Loop.CreateTask(Body());
            seen.Add(bodyRan);
            await eager;
        }

        Loop.RunUntilComplete(Run());

        Assert.That(seen, Is.EqualTo(new[] { false, true }));
    }

    /// <summary>CPython test_await_future_during_eager_step.</summary>
    [Test]
    public void AFutureSetDuringTheEagerStep_IsDoneWhenCreateEagerTaskReturns()
    {
        async Coroutine SetResult(Future<string> future, string value)
        {
            future.SetResult(value);
            await Task.CompletedTask;
        }
        async Coroutine<string> Run()
        {
            var future = Loop.CreateFuture<string>();
            var task = Coroutines.Loop.CreateEagerTask(SetResult(future, "my message"));
            Assert.That(task.Done, Is.True, "the eager step completed the task");
            return await future;
        }

        Assert.That(Loop.RunUntilComplete(Run()), Is.EqualTo("my message"));
    }

    /// <summary>CPython test_eager_completion; and such a task never touches the ready queue.</summary>
    [Test]
    public void ATaskThatFinishesWithoutSuspending_HasItsResultWhenCreateEagerTaskReturns_AndQueuesNothing()
    {
        async Coroutine<string> Hello()
        {
            await Task.CompletedTask;
            return "hello";
        }
        int queuedBefore = -1, queuedAfter = -1;
        async Coroutine<string> Run()
        {
            queuedBefore = Loop.ReadyCount;
            var task = Loop.CreateEagerTask(Hello());
            queuedAfter = Loop.ReadyCount;
            Assert.That(task.Done, Is.True);
            Assert.That(task.Result(), Is.EqualTo("hello"));
            return await task;
        }

        Assert.That(Loop.RunUntilComplete(Run()), Is.EqualTo("hello"));
        Assert.That(queuedAfter, Is.EqualTo(queuedBefore), "no step, no done callback was queued for the eager task");
    }

    /// <summary>CPython test_block_after_eager_step.</summary>
    [Test]
    public void ATaskThatSuspends_ContinuesAsAnOrdinaryTask()
    {
        var trace = new List<string>();
        async Coroutine<string> Blocking()
        {
            trace.Add("first step");
            await Coroutines.Loop.Sleep(0.1);
            trace.Add("second step");
            return "finished after blocking";
        }
        async Coroutine<string> Run()
        {
            var task = Coroutines.Loop.CreateEagerTask(Blocking());
            trace.Add("creator continues");
            Assert.That(task.Done, Is.False);
            var result = await task;
            Assert.That(task.Done, Is.True);
            return result;
        }

        Assert.That(Loop.RunUntilComplete(Run()), Is.EqualTo("finished after blocking"));
        Assert.That(trace, Is.EqualTo(new[] { "first step", "creator continues", "second step" }));
    }

    /// <summary>CPython test_cancellation_after_eager_completion.</summary>
    [Test]
    public void CancellingATaskTheEagerStepCompleted_IsRefused()
    {
        async Coroutine<string> Coro()
        {
            await Task.CompletedTask;
            return "finished without blocking";
        }
        async Coroutine<string> Run()
        {
            var task = Coroutines.Loop.CreateEagerTask(Coro());
            Assert.That(task.Cancel(), Is.False);
            var result = await task;
            Assert.That(task.Cancelled, Is.False, "a finished task can't be cancelled");
            return result;
        }

        Assert.That(Loop.RunUntilComplete(Run()), Is.EqualTo("finished without blocking"));
    }

    /// <summary>CPython test_cancellation_after_eager_step_blocks.</summary>
    [Test]
    public void CancellingATaskThatBlockedAfterItsEagerStep_EndsItCancelledWithTheMessage()
    {
        async Coroutine<string> Coro()
        {
            await Coroutines.Loop.Sleep(0.1);
            return "finished after blocking";
        }
        async Coroutine Run()
        {
            var task = Coroutines.Loop.CreateEagerTask(Coro());
            task.Cancel("cancellation message");
            Assert.That(task.Cancelling(), Is.GreaterThan(0));
            await task;
        }

        var error = Capture.Exception(() => Loop.RunUntilComplete(Run()));

        Assert.That(error, Is.TypeOf<CancelledError>().With.Property(nameof(CancelledError.CancelMessage)).EqualTo("cancellation message"));
    }

    /// <summary>CPython test_current_task; and the creator is the current task again once the eager step ends.</summary>
    [Test]
    public void DuringTheEagerStep_TheNewTaskIsCurrent_AndAfterItTheCreatorIs()
    {
        ICoroutineTask? capturedInEagerStep = null;
        ICoroutineTask? capturedAfterBlocking = null;
        async Coroutine Coro()
        {
            capturedInEagerStep = Coroutines.Loop.CurrentTask;
            await Coroutines.Loop.Sleep(0.1);
            capturedAfterBlocking = Coroutines.Loop.CurrentTask;
        }
        ICoroutineTask? creator = null, currentAfterCreate = null, eagerTask = null;
        async Coroutine Run()
        {
            creator = Coroutines.Loop.CurrentTask;
            var task = Coroutines.Loop.CreateEagerTask(Coro());
            eagerTask = task;
            currentAfterCreate = Coroutines.Loop.CurrentTask;
            await task;
        }

        Loop.RunUntilComplete(Run());

        Assert.That(capturedInEagerStep, Is.SameAs(eagerTask));
        Assert.That(capturedAfterBlocking, Is.SameAs(eagerTask));
        Assert.That(currentAfterCreate, Is.SameAs(creator));
        Assert.That(creator, Is.Not.Null);
    }

    [Test]
    public void FromAPlainCallback_TheEagerStepRunsWithTheTaskCurrent_AndNoTaskAfterwards()
    {
        ICoroutineTask? inStep = null, afterCreate = Loop.CurrentTask;
        CoroutineTask? task = null;
        async Coroutine Coro()
        {
            inStep = Coroutines.Loop.CurrentTask;
            await Task.CompletedTask;
        }
        Loop.CallSoon(() =>
        {
            task = Loop.CreateEagerTask(Coro());
            afterCreate = Loop.CurrentTask;
            Loop.Stop();
        });

        Loop.RunForever();

        Assert.That(inStep, Is.SameAs(task));
        Assert.That(afterCreate, Is.Null);
        Assert.That(task!.Done, Is.True);
    }

    /// <summary>CPython test_all_tasks_with_eager_completion.</summary>
    [Test]
    public void AnEagerTaskIsRegisteredDuringItsStep_AndGoneOnceItCompleted()
    {
        IReadOnlyList<ICoroutineTask>? captured = null;
        async Coroutine Coro()
        {
            captured = Loop.AllTasks();
            await Task.CompletedTask;
        }
        async Coroutine Run()
        {
            var task = Coroutines.Loop.CreateEagerTask(Coro());
            Assert.That(captured, Does.Contain(task));
            Assert.That(Loop.AllTasks(), Does.Not.Contain(task));
            await Task.CompletedTask;
        }

        Loop.RunUntilComplete(Run());

        Assert.That(captured, Is.Not.Null);
    }

    /// <summary>CPython test_all_tasks_with_blocking.</summary>
    [Test]
    public void AnEagerTaskThatBlocks_StaysRegisteredUntilItCompletes()
    {
        IReadOnlyList<ICoroutineTask>? capturedInEagerStep = null;
        async Coroutine Coro(Future<int> first, Future<int> second)
        {
            capturedInEagerStep = Loop.AllTasks();
            await first;
            second.SetResult(0);
        }
        async Coroutine Run()
        {
            var first = Loop.CreateFuture<int>();
            var second = Loop.CreateFuture<int>();
            var task = Coroutines.Loop.CreateEagerTask(Coro(first, second));
            Assert.That(capturedInEagerStep, Does.Contain(task));
            Assert.That(Loop.AllTasks(), Does.Contain(task));
            first.SetResult(0);
            await second;
            await task;
            Assert.That(Loop.AllTasks(), Does.Not.Contain(task));
        }

        Loop.RunUntilComplete(Run());

        Assert.That(capturedInEagerStep, Is.Not.Null);
    }

    /// <summary>CPython test_context_vars (AsyncLocal plays the context variable).</summary>
    [Test]
    public void TheEagerStepSeesTheCreatorsContext_AndItsChangesStayInTheTask()
    {
        var value = new AsyncLocal<int>();
        bool firstStepRan = false, secondStepRan = false;
        var seen = new List<int>();
        async Coroutine Coro()
        {
            seen.Add(value.Value);   // 1, from the creator
            value.Value = 2;
            firstStepRan = true;
            await Coroutines.Loop.Sleep(0.1);
            seen.Add(value.Value);   // 2, its own
            value.Value = 3;
            secondStepRan = true;
        }
        async Coroutine Run()
        {
            value.Value = 1;
            var task = Coroutines.Loop.CreateEagerTask(Coro());
            Assert.That(firstStepRan, Is.True);
            Assert.That(secondStepRan, Is.False);
            Assert.That(value.Value, Is.EqualTo(1), "the eager step's change stays in its task");
            await task;
            Assert.That(secondStepRan, Is.True);
            Assert.That(value.Value, Is.EqualTo(1));
        }

        Loop.RunUntilComplete(Run());

        Assert.That(seen, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void TheNameIsSetBeforeTheEagerStepRuns()
    {
        string? nameInStep = null;
        async Coroutine Coro()
        {
            nameInStep = Coroutines.Loop.CurrentTask!.Name;
            await Task.CompletedTask;
        }
        async Coroutine Run()
        {
            var task = Coroutines.Loop.CreateEagerTask(Coro(), name: "cache-lookup");
            Assert.That(task.Name, Is.EqualTo("cache-lookup"));
            await task;
        }

        Loop.RunUntilComplete(Run());

        Assert.That(nameInStep, Is.EqualTo("cache-lookup"));
    }

    [Test]
    public void AnExceptionInTheEagerStep_FailsTheTask_AndIsNotThrownToTheCreator()
    {
        async Coroutine<int> Fails()
        {
            await Task.CompletedTask;
            throw new InvalidDataException("bad entry");
        }
        Exception? thrownByCreate = null, thrownByAwait = null;
        async Coroutine Run()
        {
            CoroutineTask<int>? task = null;
            thrownByCreate = Capture.Exception(() => task = Coroutines.Loop.CreateEagerTask(Fails()));
            Assert.That(task!.Done, Is.True);
            Assert.That(task.Exception(), Is.TypeOf<InvalidDataException>());
            try
            {
                await task;
            }
            catch (InvalidDataException e)
            {
                thrownByAwait = e;
            }
        }

        Loop.RunUntilComplete(Run());

        Assert.That(thrownByCreate, Is.Null);
        Assert.That(thrownByAwait, Has.Message.EqualTo("bad entry"));
        Assert.That(Reports, Is.Empty, "the failure was retrieved");
    }

    /// <summary>asyncio's Task.__step: a cancel requested before the coroutine first suspends is thrown at that suspension.</summary>
    [Test]
    public void ACancelRequestedDuringTheEagerStep_IsThrownAtTheFirstAwait()
    {
        var trace = new List<string>();
        async Coroutine CancelsItself()
        {
            Coroutines.Loop.CurrentTask!.Cancel("from inside");
            trace.Add("still running");
            try
            {
                await Coroutines.Loop.Yield();
                trace.Add("not cancelled");
            }
            catch (CancelledError e)
            {
                trace.Add($"cancelled: {e.CancelMessage}");
                throw;
            }
        }
        CoroutineTask? task = null;
        async Coroutine Run()
        {
            task = Coroutines.Loop.CreateEagerTask(CancelsItself());
            await Coroutines.Loop.Sleep(0.01);
        }

        Loop.RunUntilComplete(Run());

        Assert.That(trace, Is.EqualTo(new[] { "still running", "cancelled: from inside" }));
        Assert.That(task!.Cancelled, Is.True);
    }

    /// <summary>asyncio's Task.__step: a task cancelled right before its coroutine returns ends cancelled.</summary>
    [Test]
    public void ACancelRequestedDuringAnEagerStepThatReturns_EndsTheTaskCancelled()
    {
        async Coroutine<int> CancelsItselfAndReturns()
        {
            Coroutines.Loop.CurrentTask!.Cancel("late");
            await Task.CompletedTask;
            return 1;
        }
        CoroutineTask<int>? task = null;
        async Coroutine Run()
        {
            task = Coroutines.Loop.CreateEagerTask(CancelsItselfAndReturns());
            Assert.That(task.Cancelled, Is.True);
            await Task.CompletedTask;
        }

        Loop.RunUntilComplete(Run());

        Assert.That(task!.Cancelled, Is.True);
    }

    [Test]
    public void OnALoopThatIsNotRunning_TheFirstStepIsScheduledAsForCreateTask()
    {
        bool bodyRan = false;
        async Coroutine<int> Body()
        {
            bodyRan = true;
            await Task.CompletedTask;
            return 7;
        }

        var task = Loop.CreateEagerTask(Body());

        Assert.That(bodyRan, Is.False);
        Assert.That(task.Done, Is.False);
        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(7));
        Assert.That(bodyRan, Is.True);
    }

    [Test]
    public void AnEagerTaskCreatedInsideAnotherEagerStep_RunsNested_AndEachSeesItself()
    {
        var current = new List<string>();
        async Coroutine Inner()
        {
            current.Add(Coroutines.Loop.CurrentTask!.Name);
            await Coroutines.Loop.Yield();
            current.Add(Coroutines.Loop.CurrentTask!.Name);
        }
        async Coroutine Outer()
        {
            current.Add(Coroutines.Loop.CurrentTask!.Name);
            var inner = Coroutines.Loop.CreateEagerTask(Inner(), "inner");
            current.Add(Coroutines.Loop.CurrentTask!.Name);
            await inner;
        }
        async Coroutine Run()
        {
            await Coroutines.Loop.CreateEagerTask(Outer(), "outer");
        }

        Loop.RunUntilComplete(Run());

        Assert.That(current, Is.EqualTo(new[] { "outer", "inner", "outer", "inner" }));
    }

    private static async Coroutine<int> AwaitableChain(int depth) => depth == 0 ? 0 : 1 + await AwaitableChain(depth - 1);

    private static async Coroutine RecursiveGather(int width, int depth, Counter bodies)
    {
        bodies.Count++;
        if (depth == 0)
            return;
        var children = new Coroutine[width];
        for (int i = 0; i < width; i++)
            children[i] = RecursiveGather(width, depth - 1, bodies);
        await Coroutines.Loop.Gather(children);
    }

    private static async Coroutine RecursiveTaskGroups(int width, int depth, Counter bodies)
    {
        bodies.Count++;
        if (depth == 0)
            return;
        await TaskGroup.Run(async group =>
        {
            for (int i = 0; i < width; i++)
                _ = group.CreateTask(RecursiveTaskGroups(width, depth - 1, bodies));
            await Task.CompletedTask;
        });
    }

    private sealed class Counter
    {
        public int Count;
    }

    /// <summary>Runs <paramref name="root"/> as a task; returns how many loop iterations ran until it was done.</summary>
    private int IterationsToComplete(Coroutine root)
    {
        var task = Loop.CreateTask(root);
        int iterations = 0;
        void Tick()
        {
            iterations++;
            if (!task.Done)
                Loop.CallSoon(Tick);
        }
        Loop.CallSoon(Tick);
        Loop.RunUntilComplete(task);
        return iterations;
    }

    /// <summary>CPython BaseTaskCountingTests.test_awaitables_chain with the eager factory.</summary>
    [Test]
    public void AnAwaitChainOfAHundred_RunsToTheEndUnderTheEagerFactory()
    {
        NewEagerLoop();

        Assert.That(Loop.RunUntilComplete(AwaitableChain(100)), Is.EqualTo(100));
    }

    /// <summary>
    /// CPython BaseTaskCountingTests.test_recursive_gather (width 5, depth 4: 781 coroutines): under the eager factory
    /// no child task waits for a loop iteration (CPython counts zero non-eager tasks), so the whole tree completes in
    /// the iteration that runs the root.
    /// </summary>
    [Test]
    public void ARecursiveGatherOfCacheHits_CompletesInTheRootsIteration_UnderTheEagerFactory()
    {
        NewEagerLoop();
        var bodies = new Counter();

        int iterations = IterationsToComplete(RecursiveGather(5, 4, bodies));

        Assert.That(bodies.Count, Is.EqualTo(781));
        Assert.That(iterations, Is.EqualTo(1));
    }

    [Test]
    public void ARecursiveGather_NeedsAnIterationPerLevel_WithoutTheEagerFactory()
    {
        var bodies = new Counter();

        int iterations = IterationsToComplete(RecursiveGather(5, 4, bodies));

        Assert.That(bodies.Count, Is.EqualTo(781));
        Assert.That(iterations, Is.GreaterThanOrEqualTo(5));
    }

    /// <summary>CPython BaseTaskCountingTests.test_recursive_taskgroups (width 5, depth 4) under the eager factory.</summary>
    [Test]
    public void RecursiveTaskGroups_RunEveryBody_UnderTheEagerFactory()
    {
        NewEagerLoop();
        var bodies = new Counter();

        Loop.RunUntilComplete(RecursiveTaskGroups(5, 4, bodies));

        Assert.That(bodies.Count, Is.EqualTo(781));
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void AGatherOfChildrenThatAreAlreadyDone_CompletesWithoutALoopIteration()
    {
        async Coroutine<int> Hit(int value)
        {
            await Task.CompletedTask;
            return value;
        }
        Future<int[]>? gathered = null;
        async Coroutine Run()
        {
            var children = Enumerable.Range(0, 10).Select(i => (Future<int>)Coroutines.Loop.CreateEagerTask(Hit(i))).ToArray();
            gathered = Coroutines.Loop.Gather(children);
            Assert.That(gathered.Done, Is.True);
            await gathered;
        }

        Loop.RunUntilComplete(Run());

        Assert.That(gathered!.Result(), Is.EqualTo(Enumerable.Range(0, 10).ToArray()));
    }
}
