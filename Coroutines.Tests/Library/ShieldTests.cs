using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 3.9: shield.</summary>
public class ShieldTests : LoopTestBase
{
    [Test]
    public void DoneInner_IsReturnedAsIs()
    {
        var inner = Loop.CreateFuture<int>();
        inner.SetResult(1);

        Assert.That(Co.Shield(inner), Is.SameAs(inner));
    }

    [Test]
    public void Outer_CopiesTheInnerResultAndException()
    {
        var ok = Loop.CreateFuture<int>();
        var failing = Loop.CreateFuture<int>();
        var outerOk = Co.Shield(ok);
        var outerFailing = Co.Shield(failing);

        ok.SetResult(3);
        failing.SetException(new FormatException());
        RunIterations(1);

        Assert.That(outerOk.Result(), Is.EqualTo(3));
        Assert.That(outerFailing.Exception(), Is.InstanceOf<FormatException>());
    }

    [Test]
    public void CancelledInner_CancelsTheOuter()
    {
        var inner = Loop.CreateFuture<int>();
        var outer = Co.Shield(inner);

        inner.Cancel();
        RunIterations(1);

        Assert.That(outer.Cancelled, Is.True);
    }

    [Test]
    public void CancellingTheAwaitingTask_DoesNotCancelTheInner()
    {
        int proof = 0;
        async Coroutine Inner()
        {
            await Co.Sleep(0.5);
            proof++;
        }
        var inner = Loop.CreateTask(Inner());
        async Coroutine Outer() => await Co.Shield<VoidResult>(inner);
        var outer = Loop.CreateTask(Outer());
        RunIterations(2);

        outer.Cancel();
        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(outer));
        Loop.RunUntilComplete(inner);

        Assert.That(proof, Is.EqualTo(1));
    }

    [Test]
    public void InnerFailingAfterTheOuterWasCancelled_IsMarkedRetrieved()
    {
        var inner = Loop.CreateFuture<int>();
        var outer = Co.Shield(inner);
        outer.Cancel();
        RunIterations(1);

        inner.SetException(new FormatException());
        RunIterations(1);

        Assert.That(inner.IsObserved, Is.True);
    }

    [Test]
    public void ShieldedGather_KeepsRunningWhenTheOuterIsCancelled()
    {
        var a = Loop.CreateTask(Co.Sleep(0.1, 1).Run());
        var b = Loop.CreateTask(Co.Sleep(0.2, 2).Run());
        var gathered = Co.Gather(a, b);
        var outer = Co.Shield(gathered);

        outer.Cancel();
        RunIterations(1);

        Assert.That(gathered.Cancelled, Is.False);
        Assert.That(Loop.RunUntilComplete(gathered), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void GatherOfShields_CancelledCancelsTheShieldsButNotTheInnerTasks()
    {
        var a = Loop.CreateTask(Co.Sleep(0.1, 1).Run());
        var b = Loop.CreateTask(Co.Sleep(0.2, 2).Run());
        var gathered = Co.Gather(Co.Shield(a), Co.Shield(b));
        RunIterations(1);

        gathered.Cancel();
        RunIterations(2);

        Assert.That(gathered.Exception(), Is.InstanceOf<CancelledError>());
        Assert.That(Loop.RunUntilComplete(a), Is.EqualTo(1));
        Assert.That(Loop.RunUntilComplete(b), Is.EqualTo(2));
    }
}

internal static class SleepResultExtensions
{
    public static async Coroutine<T> Run<T>(this SleepAwaitable<T> sleep) => await sleep;
}
