using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 3.11: TaskGroup, and section-7 bugs 5 and 17.</summary>
public class TaskGroupTests : LoopTestBase
{
    private static async Coroutine<int> After(double seconds, int value)
    {
        await Co.Sleep(seconds);
        return value;
    }

    private static async Coroutine<int> FailAfter(double seconds, Exception error)
    {
        await Co.Sleep(seconds);
        throw error;
    }

    [Test]
    public void Exit_WaitsForEveryChild_IncludingChildrenAddedByChildren()
    {
        var finished = new List<string>();
        async Coroutine Main()
        {
            await TaskGroup.Run(async group =>
            {
                async Coroutine Grandchild()
                {
                    await Co.Sleep(0.3);
                    finished.Add("grandchild");
                }
                async Coroutine Child()
                {
                    await Co.Sleep(0.1);
                    _ = group.CreateTask(Grandchild());
                    finished.Add("child");
                }
                _ = group.CreateTask(Child());
                await Co.Yield();
            });
            finished.Add("after");
        }

        Loop.RunUntilComplete(Main());

        Assert.That(finished, Is.EqualTo(new[] { "child", "grandchild", "after" }));
        Assert.That(Loop.Time(), Is.EqualTo(0.4).Within(1e-9));
    }

    [Test]
    public void AChildCancelledOnItsOwn_IsNotAnError()
    {
        async Coroutine<int> Main() => await TaskGroup.Run<int>(async group =>
        {
            var child = group.CreateTask(After(10, 1));
            _ = group.CreateTask(After(0.1, 2));
            await Co.Yield();
            child.Cancel();
            return 3;
        });

        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo(3));
    }

    [Test]
    public void FirstFailure_CancelsSiblingsAndTheBody_AndSurfacesAsAggregate_WithTheCancelCountRestored()
    {
        CoroutineTask<int>? sibling = null;
        bool bodyInterrupted = false;
        async Coroutine<int> Main()
        {
            try
            {
                await TaskGroup.Run(async group =>
                {
                    sibling = group.CreateTask(After(10, 1));
                    _ = group.CreateTask(FailAfter(0.1, new FormatException("child")));
                    try
                    {
                        await Co.Sleep(10);
                    }
                    catch (CancelledError)
                    {
                        bodyInterrupted = true;
                        throw;
                    }
                });
            }
            catch (AggregateException error)
            {
                Assert.That(error.Message, Does.StartWith("unhandled errors in a TaskGroup"));
                Assert.That(error.InnerExceptions.Single(), Is.InstanceOf<FormatException>());
            }
            await Co.Sleep(0.1);   // the task carries on: no cancellation left pending
            return Co.CurrentTask!.Cancelling();
        }

        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo(0));
        Assert.That(bodyInterrupted, Is.True);
        Assert.That(sibling!.Cancelled, Is.True);
        Assert.That(Loop.Time(), Is.EqualTo(0.2).Within(1e-9));
    }

    [Test]
    public void AnErrorInTheBody_CancelsTheChildren_AndJoinsTheGroup()
    {
        CoroutineTask<int>? child = null;
        async Coroutine Main() => await TaskGroup.Run(async group =>
        {
            child = group.CreateTask(After(10, 1));
            await Co.Yield();
            throw new DivideByZeroException();
        });

        var error = Assert.Throws<AggregateException>(() => Loop.RunUntilComplete(Main()));

        Assert.That(error!.InnerExceptions.Single(), Is.InstanceOf<DivideByZeroException>());
        Assert.That(child!.Cancelled, Is.True);
    }

    [Test]
    public void CancellingTheParent_CancelsEveryChild_AndRethrowsCancelledError()
    {
        var children = new List<CoroutineTask<int>>();
        async Coroutine Main() => await TaskGroup.Run(async group =>
        {
            for (int i = 0; i < 5; i++)
                children.Add(group.CreateTask(After(10, i)));
            await Co.Sleep(10);
        });
        var parent = Loop.CreateTask(Main());
        Loop.CallLater(0.1, () => parent.Cancel());

        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(parent));
        Assert.That(children.Count(c => c.Cancelled), Is.EqualTo(5));
        Assert.That(parent.Cancelled, Is.True);
    }

    [Test]
    public void CancellingTheParent_WhileAChildFailsDuringItsCancellation_GivesAnAggregate()
    {
        async Coroutine<int> FailsWhenCancelled()
        {
            try
            {
                await Co.Sleep(10);
                return 0;
            }
            catch (CancelledError)
            {
                throw new FormatException("cleanup failed");
            }
        }
        async Coroutine Main() => await TaskGroup.Run(async group =>
        {
            _ = group.CreateTask(FailsWhenCancelled());
            await Co.Sleep(10);
        });
        var parent = Loop.CreateTask(Main());
        Loop.CallLater(0.1, () => parent.Cancel());

        var error = Assert.Throws<AggregateException>(() => Loop.RunUntilComplete(parent));
        Assert.That(error!.InnerExceptions.Single(), Is.InstanceOf<FormatException>());
    }

    [Test]
    public void NestedGroups_GiveNestedAggregates_AndCancelCountsBalance()
    {
        int countInsideOuter = -1;
        async Coroutine<int> Main()
        {
            try
            {
                await TaskGroup.Run(async outer =>
                {
                    _ = outer.CreateTask(FailAfter(0.2, new InvalidOperationException("outer child")));
                    try
                    {
                        await TaskGroup.Run(async inner =>
                        {
                            _ = inner.CreateTask(FailAfter(0.1, new DivideByZeroException()));
                            await Co.Sleep(10);
                        });
                    }
                    finally
                    {
                        countInsideOuter = Co.CurrentTask!.Cancelling();
                    }
                });
            }
            catch (AggregateException error)
            {
                var nested = error.InnerExceptions.Single();
                Assert.That(nested, Is.InstanceOf<AggregateException>());
                Assert.That(((AggregateException)nested).InnerExceptions.Single(), Is.InstanceOf<DivideByZeroException>());
            }
            return Co.CurrentTask!.Cancelling();
        }

        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo(0));
        Assert.That(countInsideOuter, Is.EqualTo(0), "the inner group restored its own cancel; the outer has not cancelled yet");
    }

    [Test]
    public void AnOutsideCancelArrivingDuringAGroupError_IsPreserved()
    {
        int countAfter = -1;
        async Coroutine Main()
        {
            try
            {
                await TaskGroup.Run(async group =>
                {
                    _ = group.CreateTask(FailAfter(0.1, new FormatException()));
                    await Co.Sleep(10);
                });
            }
            catch (AggregateException)
            {
                countAfter = Co.CurrentTask!.Cancelling();
            }
            await Co.Sleep(10);
        }
        var task = Loop.CreateTask(Main());
        Loop.CallLater(0.1, () => task.Cancel());

        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(task));
        Assert.That(countAfter, Is.EqualTo(1));
        Assert.That(task.Cancelled, Is.True);
    }

    [Test]
    public void ABodyThatTurnsItsCancellationIntoAnotherError_GivesAnAggregateOfThatError()
    {
        async Coroutine Main() => await TaskGroup.Run(async group =>
        {
            _ = group.CreateTask(FailAfter(0.1, new FormatException()));
            try
            {
                await Co.Sleep(10);
            }
            catch (CancelledError)
            {
                throw new ArgumentException("mine");
            }
        });

        var error = Assert.Throws<AggregateException>(() => Loop.RunUntilComplete(Main()));
        Assert.That(error!.InnerExceptions.Select(e => e.GetType()), Is.EquivalentTo(new[] { typeof(FormatException), typeof(ArgumentException) }));
    }

    [Test]
    public void CreateTask_AfterTheGroupFinished_OrWhileItShutsDown_IsRejected()
    {
        TaskGroup? kept = null;
        bool rejectedWhileShuttingDown = false;
        async Coroutine Main()
        {
            await TaskGroup.Run(async group =>
            {
                kept = group;
                await Co.Yield();
            });
            try
            {
                await TaskGroup.Run(async group =>
                {
                    _ = group.CreateTask(FailAfter(0, new FormatException()));
                    try
                    {
                        await Co.Sleep(1);
                    }
                    catch (CancelledError)
                    {
                        try
                        {
                            _ = group.CreateTask(After(1, 1));
                        }
                        catch (InvalidOperationException e) when (e.Message.Contains("shutting down"))
                        {
                            rejectedWhileShuttingDown = true;
                        }
                        throw;
                    }
                });
            }
            catch (AggregateException)
            {
            }
        }

        Loop.RunUntilComplete(Main());

        var finished = Assert.Throws<InvalidOperationException>(() => kept!.CreateTask(After(1, 1)));
        Assert.That(finished!.Message, Does.Contain("is finished"));
        Assert.That(rejectedWhileShuttingDown, Is.True);
    }

    [Test]
    public void ChildTaskNames_AreHonoured()
    {
        string? name = null;
        async Coroutine Main() => await TaskGroup.Run(async group =>
        {
            name = group.CreateTask(After(0, 1), "worker").Name;
            await Co.Yield();
        });

        Loop.RunUntilComplete(Main());

        Assert.That(name, Is.EqualTo("worker"));
    }

    [Test]
    public void ASwallowedCancellationWithUncancel_LetsTheGroupFinishNormally()
    {
        // Section 7, bug 5: swallowing CancelledError must go with Uncancel(), or the group/timeout logic breaks.
        async Coroutine<int> Main()
        {
            try
            {
                await Co.Sleep(1);
            }
            catch (CancelledError)
            {
                Co.CurrentTask!.Uncancel();
            }
            return await TaskGroup.Run<int>(async group =>
            {
                var child = group.CreateTask(After(0.1, 4));
                await Co.Sleep(0.2);
                return child.Result();
            });
        }
        var task = Loop.CreateTask(Main());
        Loop.CallLater(0.5, () => task.Cancel());

        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(4));
    }
}
