using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>Level-triggered cancel scopes (Trio's move_on_after / fail_after), beyond asyncio.</summary>
public class CancelScopeTests : LoopTestBase
{
    [Test]
    public void MoveOnAfter_LeavesQuietlyAtTheDeadline()
    {
        bool reachedEnd = false;
        async Coroutine<CancelScope> Main() => await Co.MoveOnAfter(0.5, async _ =>
        {
            await Co.Sleep(10);
            reachedEnd = true;
        });

        var scope = Loop.RunUntilComplete(Main());

        Assert.That(reachedEnd, Is.False);
        Assert.That(scope.CancelCalled && scope.CancelledCaught, Is.True);
        Assert.That(Loop.Time(), Is.EqualTo(0.5).Within(1e-9));
    }

    [Test]
    public void MoveOnAfter_ABodyThatFinishesInTime_IsNotCancelled()
    {
        async Coroutine<CancelScope> Main() => await Co.MoveOnAfter(1, async _ => await Co.Sleep(0.5));

        var scope = Loop.RunUntilComplete(Main());

        Assert.That(scope.CancelCalled, Is.False);
        Assert.That(Loop.ScheduledTimerCount, Is.EqualTo(0), "the deadline timer is cancelled on exit");
    }

    [Test]
    public void OnceCancelled_EveryLaterAwaitInsideTheScopeThrows()
    {
        int cancellationsSeen = 0;
        async Coroutine Main() => await Co.MoveOnAfter(0.1, async _ =>
        {
            for (int i = 0; i < 3; i++)
            {
                try
                {
                    await Co.Sleep(10);
                }
                catch (CancelledError)
                {
                    cancellationsSeen++;
                }
            }
            await Co.Yield();
        });

        Loop.RunUntilComplete(Main());

        Assert.That(cancellationsSeen, Is.EqualTo(3));
        Assert.That(Loop.Time(), Is.EqualTo(0.1).Within(1e-9), "after the deadline every await throws at once");
    }

    [Test]
    public void AwaitingADoneFuture_InsideACancelledScope_ThrowsToo()
    {
        var done = Loop.CreateFuture<int>();
        done.SetResult(1);
        bool threw = false;
        async Coroutine Main() => await Co.OpenCancelScope(async scope =>
        {
            scope.Cancel();
            try
            {
                await done;
            }
            catch (CancelledError)
            {
                threw = true;
                throw;
            }
        });

        Loop.RunUntilComplete(Main());

        Assert.That(threw, Is.True);
    }

    [Test]
    public void FailAfter_ThrowsTimeoutException()
    {
        async Coroutine<int> Main() => await Co.FailAfter<int>(0.2, async _ =>
        {
            await Co.Sleep(1);
            return 1;
        });

        var error = Assert.Throws<TimeoutException>(() => Loop.RunUntilComplete(Main()));
        Assert.That(error!.InnerException, Is.InstanceOf<CancelledError>());
    }

    [Test]
    public void FailAfter_ReturnsTheBodysValueWhenInTime()
    {
        async Coroutine<int> Main() => await Co.FailAfter<int>(1, async _ =>
        {
            await Co.Sleep(0.1);
            return 7;
        });

        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo(7));
    }

    [Test]
    public void NestedScopes_AnInnerDeadlineEndsOnlyTheInnerScope()
    {
        var trace = new List<string>();
        async Coroutine Main() => await Co.MoveOnAfter(1, async _ =>
        {
            var inner = await Co.MoveOnAfter(0.1, async _ => await Co.Sleep(10));
            trace.Add($"inner caught={inner.CancelledCaught} at {Loop.Time():0.0}");
            await Co.Sleep(0.2);
            trace.Add($"outer still running at {Loop.Time():0.0}");
        });

        Loop.RunUntilComplete(Main());

        Assert.That(trace, Is.EqualTo(new[] { "inner caught=True at 0.1", "outer still running at 0.3" }));
    }

    [Test]
    public void NestedScopes_AnOuterCancellationReachesInside_AndTheOuterScopeAbsorbsIt()
    {
        CancelScope? inner = null;
        bool afterInner = false;
        async Coroutine<CancelScope> Main() => await Co.MoveOnAfter(0.1, async _ =>
        {
            inner = await Co.MoveOnAfter(10, async _ => await Co.Sleep(10));
            afterInner = true;
        });

        var outer = Loop.RunUntilComplete(Main());

        Assert.That(outer.CancelledCaught, Is.True);
        Assert.That(inner, Is.Null, "the inner scope did not absorb the outer cancellation");
        Assert.That(afterInner, Is.False);
    }

    [Test]
    public void NestedScopesWithTheSameDeadline_TheOutermostAbsorbs()
    {
        CancelScope? inner = null;
        async Coroutine<CancelScope> Main()
        {
            double deadline = Loop.Time() + 0.1;
            return await Co.MoveOnAt(deadline, async _ => inner = await Co.MoveOnAt(deadline, async _ => await Co.Sleep(10)));
        }

        var outer = Loop.RunUntilComplete(Main());

        Assert.That(outer.CancelledCaught, Is.True);
        Assert.That(inner, Is.Null);
    }

    [Test]
    public void AShieldedScope_IsNotReachedByAnOuterCancellation()
    {
        bool cleanupFinished = false;
        async Coroutine Main() => await Co.MoveOnAfter(0.1, async _ =>
        {
            try
            {
                await Co.Sleep(10);
            }
            finally
            {
                await Co.OpenCancelScope(async _ =>
                {
                    await Co.Sleep(0.5);   // polite cleanup that must finish
                    cleanupFinished = true;
                }, shield: true);
            }
        });

        Loop.RunUntilComplete(Main());

        Assert.That(cleanupFinished, Is.True);
        Assert.That(Loop.Time(), Is.EqualTo(0.6).Within(1e-9));
    }

    [Test]
    public void ATaskCancellation_PassesThroughEveryScope()
    {
        async Coroutine Main() => await Co.MoveOnAfter(10, async _ => await Co.Sleep(5));
        var task = Loop.CreateTask(Main());
        Loop.CallLater(1, () => task.Cancel());

        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(task));
        Assert.That(task.Cancelled, Is.True);
    }

    [Test]
    public void ADeadlineAlreadyPassed_CancelsTheFirstAwait_WithoutWaitingALoopTurn()
    {
        long iterationsBefore = 0, iterationsAfter = 0;
        bool sawCancel = false;
        async Coroutine Main()
        {
            iterationsBefore = Loop.Iterations;
            await Co.MoveOnAfter(-1, async _ =>
            {
                try
                {
                    await Co.Sleep(10);
                }
                catch (CancelledError)
                {
                    sawCancel = true;
                    iterationsAfter = Loop.Iterations;
                    throw;
                }
            });
        }

        Loop.RunUntilComplete(Main());

        Assert.That(sawCancel, Is.True);
        Assert.That(iterationsAfter - iterationsBefore, Is.LessThanOrEqualTo(1));
        Assert.That(Loop.Time(), Is.EqualTo(0));
    }

    [Test]
    public void ADeadlineAlreadyPassed_WithNoAwait_RaisesNothing()
    {
        int value = 0;
        async Coroutine<CancelScope> Main() => await Co.MoveOnAfter(0, _ =>
        {
            value = 1;
            return Done();
        });

        var scope = Loop.RunUntilComplete(Main());

        Assert.That(value, Is.EqualTo(1));
        Assert.That(scope.CancelledCaught, Is.False);
    }

    [Test]
    public void MovingTheDeadline_ExtendsTheScope()
    {
        async Coroutine<CancelScope> Main() => await Co.MoveOnAfter(0.1, async scope =>
        {
            scope.Deadline = Loop.Time() + 1;
            await Co.Sleep(10);
        });

        Loop.RunUntilComplete(Main());

        Assert.That(Loop.Time(), Is.EqualTo(1).Within(1e-9));
    }

    [Test]
    public void TimeSpanOverloads_MeanTheSameDeadlines()
    {
        async Coroutine<double> Main()
        {
            await Co.MoveOnAfter(TimeSpan.FromSeconds(1), async _ => await Co.Sleep(10));
            try
            {
                await Co.FailAfter(TimeSpan.FromSeconds(2), async _ => await Co.Sleep(10));
            }
            catch (TimeoutException)
            {
            }
            try
            {
                await Co.Timeout(TimeSpan.FromSeconds(3), async _ => await Co.Sleep(10));
            }
            catch (TimeoutException)
            {
            }
            try
            {
                await Co.WaitFor(Co.Sleep(10, 1).Run(), TimeSpan.FromSeconds(4));
            }
            catch (TimeoutException)
            {
            }
            return Loop.Time();
        }

        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo(10).Within(1e-9));
    }

    [Test]
    public void ATaskGroupInsideAScope_IsCancelledWithItsChildren_AndTheScopeAbsorbsIt()
    {
        var children = new List<CoroutineTask>();
        async Coroutine Child()
        {
            try
            {
                await Co.Sleep(10);
            }
            finally
            {
                await Co.OpenCancelScope(async _ => await Co.Sleep(0.2), shield: true);   // slow, shielded cleanup
            }
        }
        async Coroutine<CancelScope> Main() => await Co.MoveOnAfter(1, async _ => await TaskGroup.Run(async group =>
        {
            children.Add(group.CreateTask(Child()));
            children.Add(group.CreateTask(Child()));
            await Co.Sleep(10);
        }));

        var scope = Loop.RunUntilComplete(Main());

        Assert.That(scope.CancelledCaught, Is.True);
        Assert.That(children.All(c => c.Cancelled), Is.True);
        Assert.That(Loop.Time(), Is.EqualTo(1.2).Within(1e-9), "the group waited for its children's cleanup");
    }

    [Test]
    public void CancelFromAnotherTask_InterruptsTheAwaitAtOnce()
    {
        CancelScope? scope = null;
        async Coroutine<CancelScope> Worker() => await Co.OpenCancelScope(async s =>
        {
            scope = s;
            await Co.Sleep(100);
        });
        var worker = Loop.CreateTask(Worker());
        Loop.CallLater(2, () => scope!.Cancel());

        var result = Loop.RunUntilComplete(worker);

        Assert.That(result.CancelledCaught, Is.True);
        Assert.That(Loop.Time(), Is.EqualTo(2).Within(1e-9));
    }

    private static async Coroutine Done() => await default(CompletedAwaitable);
}
