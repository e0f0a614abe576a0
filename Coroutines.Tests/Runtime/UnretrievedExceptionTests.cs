using System.Runtime.CompilerServices;

namespace Coroutines.Tests.Runtime;

/// <summary>
/// asyncio, "exception was never retrieved": reported when a failed future is garbage-collected.
/// Deterministic: the future is created in a non-inlined helper so no local keeps it alive, then the test
/// collects, waits for finalizers (which post the report to the loop) and runs one iteration.
/// </summary>
public class UnretrievedExceptionTests : LoopTestBase
{
    private void CollectAndRunOneIteration()
    {
        Capture.FullGarbageCollection();
        RunIterations(1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Abandon(Action<Future<int>> useFuture)
    {
        var future = Loop.CreateFuture<int>();
        useFuture(future);
    }

    [Test]
    public void FailedFuture_CollectedUnretrieved_IsReported()
    {
        var error = new FormatException("lost");
        Abandon(f => f.SetException(error));

        CollectAndRunOneIteration();

        var report = Reports.Single();
        Assert.That(report.Message, Is.EqualTo("Future exception was never retrieved"));
        Assert.That(report.Exception, Is.SameAs(error));
        Assert.That(report.Future, Is.Not.Null);
        Assert.That(report.Future!.Exception(), Is.SameAs(error));
    }

    [Test]
    public void PendingFuture_Collected_IsNotReported()
    {
        Abandon(_ => { });
        CollectAndRunOneIteration();
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void FutureWithResult_CollectedRetrievedOrNot_IsNotReported()
    {
        Abandon(f => f.SetResult(1));
        Abandon(f =>
        {
            f.SetResult(1);
            f.Result();
        });
        CollectAndRunOneIteration();
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void FailedFuture_RetrievedWithException_IsNotReported()
    {
        Abandon(f =>
        {
            f.SetException(new FormatException());
            f.Exception();
        });
        CollectAndRunOneIteration();
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void FailedFuture_RetrievedWithResult_IsNotReported()
    {
        Abandon(f =>
        {
            f.SetException(new FormatException());
            Assert.Throws<FormatException>(() => f.Result());
        });
        CollectAndRunOneIteration();
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void FailedFuture_CancelledAfterSetException_IsNotReported()
    {
        Abandon(f =>
        {
            f.SetException(new FormatException());
            Assert.That(f.Cancel(), Is.False);
        });
        CollectAndRunOneIteration();
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void CancelledFuture_Collected_IsNotReported()
    {
        Abandon(f => f.Cancel());
        CollectAndRunOneIteration();
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void FailedTask_CollectedUnretrieved_IsReportedAsATaskWithTheTaskAsFuture()
    {
        RunFailingTaskAndDropIt();

        CollectAndRunOneIteration();

        var report = Reports.Single();
        Assert.That(report.Message, Is.EqualTo("Task exception was never retrieved"));
        Assert.That(report.Exception, Is.TypeOf<FormatException>());
        Assert.That(report.Future, Is.InstanceOf<ICoroutineTask>(), "asyncio puts the task under the 'future' key");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunFailingTaskAndDropIt(bool cancelAfterwards = false)
    {
        static async Coroutine Fails()
        {
            await Coroutines.Loop.Yield();
            throw new FormatException("task failed");
        }
        var task = Loop.CreateTask(Fails());
        // Two iterations: the task fails in the second. The loop checks for unobserved failures one iteration
        // later (see UnobservedTaskFailures), so a Cancel() made now still counts as retrieving the exception.
        RunIterations(2);
        Assert.That(task.Done, Is.True);
        if (cancelAfterwards)
            Assert.That(task.Cancel(), Is.False);
    }

    [Test]
    public void FailedTask_CancelledAfterItFailed_IsNotReported()
    {
        RunFailingTaskAndDropIt(cancelAfterwards: true);

        CollectAndRunOneIteration();

        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void FailedFuture_CollectedAfterTheLoopClosed_IsWrittenToStandardError()
    {
        Abandon(f => f.SetException(new FormatException("after close")));
        Loop.Close();
        var text = Capture.StandardError(Capture.FullGarbageCollection);

        Assert.That(text, Does.Contain("Future exception was never retrieved"));
    }
}
