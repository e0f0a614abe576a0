using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>Unobserved task failures are reported while the loop runs (section 7, bug 4), without false reports.</summary>
public class UnobservedFailureTests : LoopTestBase
{
    private static async Coroutine Fail(double seconds)
    {
        await Co.Sleep(seconds);
        throw new FormatException("nobody listens");
    }

    [Test]
    public void AFireAndForgetTaskThatFails_IsReportedOnTheNextIteration_NotAtGarbageCollection()
    {
        var task = Loop.CreateTask(Fail(0.1));
        async Coroutine Main() => await Co.Sleep(1);

        Loop.RunUntilComplete(Main());

        Assert.That(Reports, Has.Count.EqualTo(1));
        Assert.That(Reports[0].Message, Is.EqualTo("Task exception was never retrieved"));
        Assert.That(Reports[0].Exception, Is.InstanceOf<FormatException>());
        Assert.That(Reports[0].Task, Is.SameAs(task));
    }

    [Test]
    public void ATaskItsCreatorAwaitsLater_IsNotReported()
    {
        async Coroutine Main()
        {
            var child = Co.CreateTask(Fail(0.1));
            await Co.Sleep(1);   // the child fails long before anyone awaits it
            try
            {
                await child;
            }
            catch (FormatException)
            {
            }
        }

        Loop.RunUntilComplete(Main());
        Loop.Close();

        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void GatheredTasks_AreNotReported()
    {
        async Coroutine Main()
        {
            try
            {
                await Co.Gather(Fail(0.1), Fail(0.2));
            }
            catch (FormatException)
            {
            }
            await Co.Sleep(1);
        }

        Loop.RunUntilComplete(Main());
        Loop.Close();

        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void AChildItsCreatorNeverAwaits_IsReportedWhenTheCreatorFinishes()
    {
        async Coroutine Main()
        {
            _ = Co.CreateTask(Fail(0.1));
            await Co.Sleep(1);
        }
        var main = Loop.CreateTask(Main());
        Loop.RunUntilComplete(Co.Sleep(0.5).AsCoroutine());

        Assert.That(Reports, Is.Empty, "the creator is still running: it may still await the child");

        Loop.RunUntilComplete(main);
        RunIterations(1);

        Assert.That(Reports, Has.Count.EqualTo(1));
    }

    [Test]
    public void ADroppedChildOfALongRunningCreator_IsNotHeldForever_TheCollectorReportsIt()
    {
        async Coroutine Main()
        {
            StartAndForget();
            await Co.Sleep(0.5);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Co.Sleep(0.5);   // the finalizer's report reaches the loop thread
            await Co.Sleep(10);
        }
        var main = Loop.CreateTask(Main());

        Loop.RunUntilComplete(Co.Sleep(2).AsCoroutine());

        Assert.That(main.Done, Is.False);
        Assert.That(Reports.Select(r => r.Message), Is.EqualTo(new[] { "Task exception was never retrieved" }));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void StartAndForget() => Co.CreateTask(Fail(0.1));

    [Test]
    public void AReportedFailure_IsReportedOnlyOnce()
    {
        _ = Loop.CreateTask(Fail(0.1));
        Loop.RunUntilComplete(Co.Sleep(1).AsCoroutine());

        Loop.Close();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.That(Reports, Has.Count.EqualTo(1));
    }

    [Test]
    public void AFailureStillWaitingForItsCreator_IsReportedWhenTheLoopCloses()
    {
        async Coroutine Main()
        {
            _ = Co.CreateTask(Fail(0.1));
            await Co.Sleep(10);
        }
        _ = Loop.CreateTask(Main());
        Loop.RunUntilComplete(Co.Sleep(1).AsCoroutine());

        Loop.Close();

        Assert.That(Reports.Select(r => r.Message), Does.Contain("Task exception was never retrieved"));
    }
}
