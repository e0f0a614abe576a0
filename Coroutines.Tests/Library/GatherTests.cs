using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 3.6: gather.</summary>
public class GatherTests : LoopTestBase
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
    public void Results_FollowArgumentOrder_NotCompletionOrder()
    {
        var results = Loop.RunUntilComplete(Co.Gather(After(0.03, 1), After(0.01, 2), After(0.02, 3)));

        Assert.That(results, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(Loop.Time(), Is.EqualTo(0.03).Within(1e-9));
    }

    [Test]
    public void SameCoroutinePassedSeveralTimes_RunsOnce_AndItsResultRepeats()
    {
        int runs = 0;
        async Coroutine<string> Counted(string value)
        {
            runs++;
            await Co.Yield();
            return value;
        }
        var c = Counted("abc");

        var results = Loop.RunUntilComplete(Co.Gather(c, c, Counted("def"), c));

        Assert.That(results, Is.EqualTo(new[] { "abc", "abc", "def", "abc" }));
        Assert.That(runs, Is.EqualTo(2));
    }

    [Test]
    public void NoArguments_GivesAnAlreadyDoneFutureWithAnEmptyResult()
    {
        var gathered = Co.Gather(Array.Empty<Future<int>>());

        Assert.That(gathered.Done, Is.True);
        Assert.That(gathered.Result(), Is.Empty);
    }

    [Test]
    public void FirstException_IsTheOutcomeAtOnce_AndSiblingsKeepRunning()
    {
        var sibling = Loop.CreateTask(After(0.2, 7));
        var gathered = Co.Gather(Loop.CreateTask(FailAfter(0.1, new InvalidOperationException("boom"))), sibling);

        var error = Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(gathered));

        Assert.That(error!.Message, Is.EqualTo("boom"));
        Assert.That(Loop.Time(), Is.EqualTo(0.1).Within(1e-9));
        Assert.That(sibling.Done, Is.False);
        Assert.That(Loop.RunUntilComplete(sibling), Is.EqualTo(7));
    }

    [Test]
    public void LaterFailures_AfterTheFirst_AreMarkedRetrieved_AndNeverReported()
    {
        var gathered = Co.Gather(FailAfter(0.1, new InvalidOperationException("first")), FailAfter(0.2, new ArgumentException("second")));
        Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(gathered));

        Loop.RunUntilComplete(Co.Sleep(0.5).AsCoroutine());
        Loop.Close();

        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void GatherOutcomes_PutsExceptionsInTheList_AndWaitsForEveryChild()
    {
        var first = new InvalidOperationException("a");
        var second = new ArgumentException("b");

        var outcomes = Loop.RunUntilComplete(Co.GatherOutcomes(After(0.1, 3), After(0.2, 1), FailAfter(0.05, first), FailAfter(0.3, second)));

        Assert.That(outcomes.Select(o => o.Succeeded ? (object)o.Value : o.Exception!), Is.EqualTo(new object[] { 3, 1, first, second }));
        Assert.That(Loop.Time(), Is.EqualTo(0.3).Within(1e-9));
    }

    [Test]
    public void ChildCancelled_EndsTheGatherWithACancelledErrorException_NotInTheCancelledState()
    {
        var child = Loop.CreateFuture<int>();
        var gathered = Co.Gather(child, Loop.CreateFuture<int>());
        child.Cancel();
        RunIterations(2);

        Assert.That(gathered.Done, Is.True);
        Assert.That(gathered.Cancelled, Is.False);
        Assert.That(gathered.Exception(), Is.InstanceOf<CancelledError>());
    }

    [Test]
    public void ChildCancelled_WithOutcomes_GivesACancelledOutcomeAtItsPosition()
    {
        var child = Loop.CreateFuture<int>();
        var other = Loop.CreateFuture<int>();
        var gathered = Co.GatherOutcomes(other, child);
        child.Cancel();
        other.SetResult(5);
        RunIterations(2);

        var outcomes = gathered.Result();
        Assert.That(outcomes[0].Value, Is.EqualTo(5));
        Assert.That(outcomes[1].Cancelled, Is.True);
        Assert.That(outcomes[1].Exception, Is.InstanceOf<CancelledError>());
    }

    [TestCase(false)]
    [TestCase(true)]
    public void CancellingTheGather_CancelsChildren_AndEndsWithACancelledErrorException(bool outcomes)
    {
        var a = Loop.CreateTask(After(1, 1));
        var b = Loop.CreateTask(After(2, 2));
        Future gathered = outcomes ? Co.GatherOutcomes(a, b) : Co.Gather(a, b);
        RunIterations(1);

        Assert.That(gathered.Cancel("stop"), Is.True);
        RunIterations(3);

        Assert.That(a.Cancelled && b.Cancelled, Is.True);
        Assert.That(gathered.Done, Is.True);
        Assert.That(gathered.Cancelled, Is.False, "asyncio: a cancelled gather is not in the cancelled state");
        var error = Assert.Throws<CancelledError>(() => gathered.ResultObject());
        Assert.That(error!.CancelMessage, Is.EqualTo("stop"));
    }

    [Test]
    public void CancellingTheTaskAwaitingGather_CancelsTheChildren()
    {
        int proof = 0;
        async Coroutine Child()
        {
            await Co.Sleep(10);
            proof++;
        }
        var children = new[] { Loop.CreateTask(Child()), Loop.CreateTask(Child()) };
        async Coroutine Outer() => await Co.Gather<VoidResult>(children);
        var outer = Loop.CreateTask(Outer());
        RunIterations(2);

        outer.Cancel();
        RunIterations(4);

        Assert.That(outer.Cancelled, Is.True);
        Assert.That(children.All(c => c.Cancelled), Is.True);
        Assert.That(proof, Is.EqualTo(0));
    }

    [Test]
    public void CancellingATaskInsideGatherOutcomes_RaisesCancelledErrorWithTheMessage()
    {
        // Section 7, bug 9: return_exceptions used to swallow the cancellation of the gather itself.
        async Coroutine Outer() => await Co.GatherOutcomes(After(10, 1));
        var outer = Loop.CreateTask(Outer());
        RunIterations(2);

        outer.Cancel("my message");

        var error = Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(outer));
        Assert.That(error!.CancelMessage, Is.EqualTo("my message"));
        Assert.That(outer.Cancelled, Is.True);
    }

    [Test]
    public void CancelAfterEveryChildIsDone_ReturnsFalse_AndKeepsTheResult()
    {
        var gathered = Co.Gather(After(0.1, 1), After(0.1, 2));
        Loop.RunUntilComplete(gathered);

        Assert.That(gathered.Cancel(), Is.False);
        Assert.That(gathered.Result(), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void FuturesOfDifferentLoops_AreRejected()
    {
        using var other = EventLoop.New(new EventLoopOptions { VirtualTime = true });

        Assert.Throws<ArgumentException>(() => Co.Gather(Loop.CreateFuture<int>(), other.CreateFuture<int>()));
    }

    [Test]
    public void UntypedGather_MixesResultTypes()
    {
        async Coroutine<string> Text() { await Co.Yield(); return "x"; }
        async Coroutine Nothing() => await Co.Yield();

        var results = Loop.RunUntilComplete(Co.Gather(After(0, 4), Text(), Nothing()));

        Assert.That(results, Is.EqualTo(new object?[] { 4, "x", VoidResult.Value }));
    }
}

internal static class SleepTestExtensions
{
    public static async Coroutine AsCoroutine(this SleepAwaitable sleep) => await sleep;
}
