using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 3.7: wait.</summary>
public class WaitTests : LoopTestBase
{
    private static async Coroutine<int> After(double seconds, int value)
    {
        await Co.Sleep(seconds);
        return value;
    }

    private static async Coroutine<int> FailAfter(double seconds)
    {
        await Co.Sleep(seconds);
        throw new InvalidOperationException("child failed");
    }

    [Test]
    public void AllCompleted_ReturnsDoneAndPendingSets_WithoutThrowingTheChildrensExceptions()
    {
        var ok = Loop.CreateTask(After(0.1, 1));
        var failing = Loop.CreateTask(FailAfter(0.2));

        var (done, pending) = Loop.RunUntilComplete(Co.Wait(new Future<int>[] { ok, failing }));

        Assert.That(done, Is.EquivalentTo(new Future<int>[] { ok, failing }));
        Assert.That(pending, Is.Empty);
        Assert.That(Loop.Time(), Is.EqualTo(0.2).Within(1e-9));
        Assert.That(failing.Exception(), Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public void EmptySet_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Loop.RunUntilComplete(Co.Wait(Array.Empty<Future<int>>())));
    }

    [Test]
    public void UndefinedReturnWhen_IsRejected()
    {
        var f = Loop.CreateFuture<int>();

        Assert.Throws<ArgumentException>(() => Loop.RunUntilComplete(Co.Wait(new[] { f }, returnWhen: (ReturnWhen)42)));
    }

    [Test]
    public void Duplicates_AreCollapsed()
    {
        var t = Loop.CreateTask(After(0.1, 1));

        var result = Loop.RunUntilComplete(Co.Wait(new Future<int>[] { t, t, t }));

        Assert.That(result.Done, Has.Count.EqualTo(1));
    }

    [Test]
    public void FirstCompleted_ReturnsWhenAnyIsDone_LeavingTheOthersRunning()
    {
        var fast = Loop.CreateTask(After(0.1, 1));
        var slow = Loop.CreateTask(After(0.5, 2));

        var (done, pending) = Loop.RunUntilComplete(Co.Wait(new Future<int>[] { fast, slow }, returnWhen: ReturnWhen.FirstCompleted));

        Assert.That(done, Is.EquivalentTo(new[] { fast }));
        Assert.That(pending, Is.EquivalentTo(new[] { slow }));
        Assert.That(Loop.Time(), Is.EqualTo(0.1).Within(1e-9));
        Assert.That(slow.Cancelled, Is.False);
    }

    [Test]
    public void FirstCompleted_CanReturnSeveralDoneFutures_WhenTheyFinishInTheSameIteration()
    {
        var a = Loop.CreateTask(After(0.1, 1));
        var b = Loop.CreateTask(After(0.1, 2));

        var result = Loop.RunUntilComplete(Co.Wait(new Future<int>[] { a, b }, returnWhen: ReturnWhen.FirstCompleted));

        Assert.That(result.Done, Has.Count.EqualTo(2), "bpo-83852: FIRST_COMPLETED may return more than one");
    }

    [Test]
    public void FirstException_ReturnsAtTheFirstFailure()
    {
        var failing = Loop.CreateTask(FailAfter(0.1));
        var slow = Loop.CreateTask(After(1, 2));

        var (done, pending) = Loop.RunUntilComplete(Co.Wait(new Future<int>[] { failing, slow }, returnWhen: ReturnWhen.FirstException));

        Assert.That(done, Is.EquivalentTo(new[] { failing }));
        Assert.That(pending, Is.EquivalentTo(new[] { slow }));
        Assert.That(Loop.Time(), Is.EqualTo(0.1).Within(1e-9));
        failing.Exception();
    }

    [Test]
    public void FirstException_DoesNotCountACancellation_AndOtherwiseWaitsForAll()
    {
        var cancelled = Loop.CreateTask(After(0.1, 1));
        var slow = Loop.CreateTask(After(0.5, 2));
        Loop.CallLater(0.05, () => cancelled.Cancel());

        var (done, pending) = Loop.RunUntilComplete(Co.Wait(new Future<int>[] { cancelled, slow }, returnWhen: ReturnWhen.FirstException));

        Assert.That(done, Has.Count.EqualTo(2));
        Assert.That(pending, Is.Empty);
        Assert.That(Loop.Time(), Is.EqualTo(0.5).Within(1e-9));
    }

    [Test]
    public void Timeout_ReturnsThePendingFutures_WithoutCancellingThem()
    {
        var fast = Loop.CreateTask(After(0.1, 1));
        var slow = Loop.CreateTask(After(1, 2));

        var (done, pending) = Loop.RunUntilComplete(Co.Wait(new Future<int>[] { fast, slow }, seconds: 0.3));

        Assert.That(Loop.Time(), Is.EqualTo(0.3).Within(1e-9));
        Assert.That(done, Is.EquivalentTo(new[] { fast }));
        Assert.That(pending, Is.EquivalentTo(new[] { slow }));
        Assert.That(Loop.RunUntilComplete(slow), Is.EqualTo(2));
    }

    [Test]
    public void CancellingTheWaitingTask_DoesNotCancelTheAwaitedTasks()
    {
        var inner = Loop.CreateTask(After(0.2, 1));
        async Coroutine Outer() => await Co.Wait(new Future<int>[] { inner });
        var outer = Loop.CreateTask(Outer());
        RunIterations(2);

        outer.Cancel();

        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(outer));
        Assert.That(Loop.RunUntilComplete(inner), Is.EqualTo(1));
    }
}
