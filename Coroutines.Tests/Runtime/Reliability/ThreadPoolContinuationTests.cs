using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>
/// The loop installs no SynchronizationContext, so <c>Task</c> code that awaits a Task completed off the loop continues
/// on the thread pool. A loop API called there fails with a message that says so and names the way back, and
/// <c>RunCoroutineThreadSafe</c> (asyncio's <c>run_coroutine_threadsafe</c>) is that way back.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public class ThreadPoolContinuationTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    private static async Coroutine Pause() => await Sleep(0.01);

    private static async Coroutine<int> LoopThreadId()
    {
        await Yield();
        return Environment.CurrentManagedThreadId;
    }

    /// <summary>Runs <paramref name="onThePool"/> in Task code after it has moved to a thread-pool thread, from a task on the loop.</summary>
    private T FromTaskCodeOnThePool<T>(Func<Task<T>> onThePool)
    {
        async Task<T> TaskCode()
        {
            await Task.Run(() => { }).ConfigureAwait(false);
            if (!Thread.CurrentThread.IsThreadPoolThread)
                await Task.Yield();   // Task.Run had finished before the await: leave the loop thread explicitly
            Assert.That(Thread.CurrentThread.IsThreadPoolThread, Is.True, "the Task code now runs on the thread pool");
            return await onThePool();
        }
        async Coroutine<T> Main() => await TaskCode();
        return Loop.RunUntilComplete(Main());
    }

    /// <summary>
    /// The <see cref="InvalidOperationException"/> that <paramref name="awaitSomething"/>'s await threw at once in Task
    /// code on the thread pool; null if the await did not fail at once. Not waiting for it keeps a missing check a
    /// failure rather than a hang: without one the await would register its continuation from the pool and wait.
    /// </summary>
    private InvalidOperationException? ErrorOfAwaitingInTaskCodeOnThePool(Func<Task> awaitSomething) =>
        FromTaskCodeOnThePool(() =>
        {
            var awaiting = awaitSomething();
            return Task.FromResult(awaiting.IsFaulted ? awaiting.Exception!.InnerException as InvalidOperationException : null);
        });

    /// <summary>Asserts that awaiting in Task code on the pool failed at the await, saying how to get back to the loop.</summary>
    private static void AssertFailedAtTheAwaitNamingTheWayBack(InvalidOperationException? error)
    {
        Assert.That(error, Is.Not.Null, "the await itself failed, inside the Task code");
        Assert.That(error!.Message, Does.Contain("this is a thread-pool thread"));
        Assert.That(error.Message, Does.Contain("loop.CallSoonThreadSafe").And.Contain("loop.RunCoroutineThreadSafe"));
    }

    private static async Coroutine<int> WaitsFor(Future<int> future) => await future;

    /// <summary>Binds a synchronisation primitive to the loop (asyncio binds one at its first wait) by starting <paramref name="wait"/> and cancelling it.</summary>
    private void BindToTheLoopByWaiting(Func<Coroutine> wait)
    {
        async Coroutine Bind()
        {
            var waiting = Loop.CreateTask(wait());
            await Yield();   // queued: the primitive is now bound
            waiting.Cancel();
            await Yield();
        }
        Loop.RunUntilComplete(Bind());
    }

    [Test]
    public void SleepingFromTaskCodeOnThePool_FailsSayingWhyAndHowToGetBackToTheLoop()
    {
        // What `await Sleep(0.1)` does first (GetAwaiter, at the await): the error the awaiting Task code sees.
        var error = FromTaskCodeOnThePool(() => Task.FromResult(Capture.Exception(() => Sleep(0.1).GetAwaiter().OnCompleted(() => { }))));

        Assert.That(error, Is.TypeOf<InvalidOperationException>());
        Assert.That(error!.Message, Does.StartWith("There is no running event loop on this thread: this is a thread-pool thread."));
        Assert.That(error.Message, Does.Contain("loop.CallSoonThreadSafe").And.Contain("loop.RunCoroutineThreadSafe"));
    }

    [Test]
    public void AwaitingASleepInTaskCodeOnThePool_FaultsThatTask_InsteadOfThrowingOnThePool()
    {
        // Thrown from the awaiter's OnCompleted, .NET's Task builder would rethrow it on the thread pool and end the
        // process; thrown at the await, it is the Task's exception, which the awaiting coroutine sees.
        var error = ErrorOfAwaitingInTaskCodeOnThePool(async () => await Sleep(0.1));

        Assert.That(error, Is.Not.Null, "the await itself failed, inside the Task code");
        Assert.That(error!.Message, Does.Contain("loop.RunCoroutineThreadSafe"));
    }

    [Test]
    public void AwaitingAYieldInTaskCodeOnThePool_FaultsThatTask_InsteadOfThrowingOnThePool()
    {
        // Loop.Yield's awaiter schedules its continuation on the running loop; from the pool there is none, and
        // thrown from OnCompleted the Task builder would rethrow that on the pool and end the process.
        var error = ErrorOfAwaitingInTaskCodeOnThePool(async () => await Yield());

        Assert.That(error, Is.Not.Null, "the await itself failed, inside the Task code");
        Assert.That(error!.Message, Does.Contain("loop.RunCoroutineThreadSafe"));
    }

    [Test]
    public void AwaitingAPendingFutureInTaskCodeOnThePool_FaultsThatTask_SayingItBelongsToTheLoopOnAnotherThread()
    {
        var pending = Loop.CreateFuture<int>();

        var error = ErrorOfAwaitingInTaskCodeOnThePool(async () => await pending);

        AssertFailedAtTheAwaitNamingTheWayBack(error);
        Assert.That(error!.Message, Does.StartWith("This future belongs to the event loop running on another thread"));
    }

    [Test]
    public void AwaitingAnUntypedPendingFutureInTaskCodeOnThePool_FaultsThatTask()
    {
        Future pending = Loop.CreateFuture<int>();

        AssertFailedAtTheAwaitNamingTheWayBack(ErrorOfAwaitingInTaskCodeOnThePool(async () => await pending));
    }

    [Test]
    public void AwaitingADoneFutureInTaskCodeOnThePool_ReturnsItsResult()
    {
        // Reading a done future races with nothing: the await continues, as Task code reading a finished Task would.
        var done = Loop.CreateFuture<int>();
        done.SetResult(7);

        int result = FromTaskCodeOnThePool(async () => await done);

        Assert.That(result, Is.EqualTo(7));
    }

    [Test]
    public void AwaitingAPendingTaskInTaskCodeOnThePool_FaultsThatTask_SayingItBelongsToTheLoopOnAnotherThread()
    {
        var never = Loop.CreateFuture<int>();
        var task = Loop.CreateTask(WaitsFor(never));

        var error = ErrorOfAwaitingInTaskCodeOnThePool(async () => await task);

        AssertFailedAtTheAwaitNamingTheWayBack(error);
        Assert.That(error!.Message, Does.StartWith("This task belongs to the event loop running on another thread"));
        task.Cancel();
        Loop.RunUntilComplete(Pause());
    }

    [Test]
    public void WaitingForAnEventInTaskCodeOnThePool_FaultsThatTask_SayingItBelongsToTheLoopOnAnotherThread()
    {
        var unset = new AsyncEvent();
        BindToTheLoopByWaiting(async () => await unset.Wait());

        var error = ErrorOfAwaitingInTaskCodeOnThePool(async () => await unset.Wait());

        AssertFailedAtTheAwaitNamingTheWayBack(error);
        Assert.That(error!.Message, Does.StartWith("This AsyncEvent belongs to the event loop running on another thread"));
    }

    [Test]
    public void AcquiringAFreeLockInTaskCodeOnThePool_FaultsThatTask_AndLeavesTheLockFree()
    {
        // Even the uncontended path changes the lock's state, which belongs to the loop's thread.
        var free = new AsyncLock();

        AssertFailedAtTheAwaitNamingTheWayBack(ErrorOfAwaitingInTaskCodeOnThePool(async () => { using var _ = await free.Acquire(); }));
        Assert.That(free.Locked, Is.False);
    }

    [Test]
    public void AcquiringASemaphoreBoundToTheLoopInTaskCodeOnThePool_FaultsThatTask_SayingItBelongsToTheLoopOnAnotherThread()
    {
        var semaphore = new AsyncSemaphore(0);
        BindToTheLoopByWaiting(async () => (await semaphore.Acquire()).Dispose());

        var error = ErrorOfAwaitingInTaskCodeOnThePool(async () => (await semaphore.Acquire()).Dispose());

        AssertFailedAtTheAwaitNamingTheWayBack(error);
        Assert.That(error!.Message, Does.StartWith("This AsyncSemaphore belongs to the event loop running on another thread"));
    }

    [Test]
    public void GettingFromAQueueInTaskCodeOnThePool_FaultsThatTask_SayingItBelongsToTheLoopOnAnotherThread()
    {
        var empty = new AsyncQueue<int>();
        BindToTheLoopByWaiting(async () => await empty.Get());

        var error = ErrorOfAwaitingInTaskCodeOnThePool(async () => await empty.Get());

        AssertFailedAtTheAwaitNamingTheWayBack(error);
        Assert.That(error!.Message, Does.StartWith("This AsyncQueue belongs to the event loop running on another thread"));
    }

    [Test]
    public void PuttingIntoAQueueInTaskCodeOnThePool_FaultsThatTask_AndPutsNothing()
    {
        var queue = new AsyncQueue<int>(maxSize: 1);

        AssertFailedAtTheAwaitNamingTheWayBack(ErrorOfAwaitingInTaskCodeOnThePool(async () => await queue.Put(1)));
        Assert.That(queue.Count, Is.Zero);
    }

    [Test]
    public void ReadingAStreamInTaskCodeOnThePool_FaultsThatTask_SayingItBelongsToTheLoopOnAnotherThread()
    {
        var reader = new AsyncStreamReader(loop: Loop);
        var destination = new byte[16];

        var error = ErrorOfAwaitingInTaskCodeOnThePool(async () => await reader.ReadAsync(destination));

        AssertFailedAtTheAwaitNamingTheWayBack(error);
        Assert.That(error!.Message, Does.StartWith("This AsyncStreamReader belongs to the event loop running on another thread"));
    }

    [Test]
    public void WaitingForASignalInTaskCodeOnThePool_FaultsThatTask_SayingItBelongsToTheLoopOnAnotherThread()
    {
        var signal = new AutoResetSignal(Loop);

        var error = ErrorOfAwaitingInTaskCodeOnThePool(async () => await signal.Wait());

        AssertFailedAtTheAwaitNamingTheWayBack(error);
        Assert.That(error!.Message, Does.StartWith("This AutoResetSignal belongs to the event loop running on another thread"));
    }

    [Test]
    public void AwaitingACoroutineFromTaskCodeOnThePool_FailsSayingWhyAndHowToGetBackToTheLoop()
    {
        var error = ErrorOfAwaitingInTaskCodeOnThePool(async () => await LoopThreadId());

        Assert.That(error, Is.Not.Null);
        Assert.That(error!.Message, Does.StartWith("There is no current event loop on this thread: this is a thread-pool thread."));
        Assert.That(error.Message, Does.Contain("RunCoroutineThreadSafe"));
    }

    [Test]
    public void OffThePool_TheMessagesStillSayHowToGetALoop()
    {
        Exception? running = null, current = null;
        var thread = new Thread(() =>
        {
            running = Capture.Exception(() => _ = EventLoop.Running);
            current = Capture.Exception(() => _ = EventLoop.Current);
        });
        thread.Start();
        thread.Join();

        Assert.That(running!.Message, Is.EqualTo("There is no running event loop on this thread; call this from a coroutine or a callback."));
        Assert.That(current!.Message, Does.Contain("EventLoop.SetCurrent(loop)"));
    }

    [Test]
    public void RunCoroutineThreadSafe_FromTaskCodeOnThePool_RunsTheCoroutineOnTheLoopAndReturnsItsResult()
    {
        int loopThread = -1;
        Loop.CallSoon(() => loopThread = Environment.CurrentManagedThreadId);

        int ranOn = FromTaskCodeOnThePool(() => Loop.RunCoroutineThreadSafe(LoopThreadId()));

        Assert.That(ranOn, Is.EqualTo(loopThread));
    }

    [Test]
    public void RunCoroutineThreadSafe_GivesTheCoroutinesExceptionToTheTask()
    {
        static async Coroutine<int> Failing()
        {
            await Yield();
            throw new FormatException("bad");
        }

        var error = FromTaskCodeOnThePool(async () =>
        {
            try
            {
                await Loop.RunCoroutineThreadSafe(Failing());
                return (Exception?)null;
            }
            catch (FormatException e)
            {
                return e;
            }
        });

        Assert.That(error, Is.TypeOf<FormatException>());
        Assert.That(Reports, Is.Empty, "the exception was retrieved: nothing is reported as never retrieved");
    }

    [Test]
    public void RunCoroutineThreadSafe_CancelledThroughItsToken_CancelsTheTaskAndEndsCancelled()
    {
        bool sawCancellation = false;
        async Coroutine LongSleep()
        {
            try
            {
                await Sleep(3600);
            }
            catch (CancelledError)
            {
                sawCancellation = true;
                throw;
            }
        }
        async Coroutine<Task> Main()
        {
            using var cancel = new CancellationTokenSource();
            var pending = Loop.RunCoroutineThreadSafe(LongSleep(), cancel.Token);
            await Yield();
            await Yield();   // the task was created and sleeps
            cancel.Cancel();
            try
            {
                await pending;
            }
            catch (OperationCanceledException)
            {
                // what the test expects; the returned Task is checked below
            }
            return pending;
        }

        var pending = Loop.RunUntilComplete(Main());

        Assert.That(pending.IsCanceled, Is.True);
        Assert.That(sawCancellation, Is.True, "the coroutine saw CancelledError at its await");
    }

    [Test]
    public void RunCoroutineThreadSafe_OnAClosedLoop_Throws()
    {
        Loop.Close();

        Assert.Throws<ObjectDisposedException>(() => Loop.RunCoroutineThreadSafe(LoopThreadId()));
    }

    [Test]
    public void RunCoroutineThreadSafe_PostedThenTheLoopClosedUnrun_FailsTheTaskInsteadOfLeavingItPending()
    {
        var reported = new List<ExceptionContext>();
        Loop.SetExceptionHandler((_, context) => reported.Add(context));
        var coroutine = LoopThreadId();
        Task<int>? posted = null;
        var otherThread = new Thread(() => posted = Loop.RunCoroutineThreadSafe(coroutine));
        otherThread.Start();
        otherThread.Join();
        var pending = posted!;

        Loop.Close();

        Assert.That(pending.IsFaulted, Is.True, "the posted start never ran, so its Task must end rather than wait forever");
        Assert.That(pending.Exception!.InnerException, Is.InstanceOf<ObjectDisposedException>()
            .With.Message.Contains("closed before the coroutine started"));
        Assert.That(reported.Select(r => r.Message), Has.Some.Contains("never ran"), "Close still reports the dropped callback");
    }

    [Test]
    public void RunCoroutineThreadSafe_TaskStillPendingWhenTheLoopCloses_FailsTheTaskInsteadOfLeavingItPending()
    {
        var reported = new List<ExceptionContext>();
        Loop.SetExceptionHandler((_, context) => reported.Add(context));
        var never = Loop.CreateFuture<int>();
        async Coroutine<int> WaitsForever() => await never;
        Task<int>? posted = null;
        var otherThread = new Thread(() => posted = Loop.RunCoroutineThreadSafe(WaitsForever()));
        otherThread.Start();
        otherThread.Join();
        Loop.RunUntilComplete(Pause());   // the start runs; its task suspends on the future
        var pending = posted!;
        Assert.That(pending.IsCompleted, Is.False, "the task is suspended, not finished");

        Loop.Close();

        Assert.That(pending.IsFaulted, Is.True, "a task the closed loop will never run again must not leave its Task pending");
        Assert.That(pending.Exception!.InnerException, Is.InstanceOf<ObjectDisposedException>()
            .With.Message.Contains("still pending"));
        Assert.That(reported.Select(r => r.Message), Has.Some.Contains("destroyed but it is pending"), "Close still reports the pending task");
    }

    [Test]
    public void RunCoroutineThreadSafe_TaskThatFinishedBeforeClose_KeepsItsResult()
    {
        Task<int>? posted = null;
        var otherThread = new Thread(() => posted = Loop.RunCoroutineThreadSafe(LoopThreadId()));
        otherThread.Start();
        otherThread.Join();
        Loop.RunUntilComplete(Pause());

        Loop.Close();

        Assert.That(posted!.Wait(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(posted.Result, Is.GreaterThan(0));
    }
}
