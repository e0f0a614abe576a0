namespace Coroutines.Tests.Runtime;

/// <summary>asyncio, done callbacks: always scheduled, registration order, removal counts.</summary>
public class FutureCallbackTests : LoopTestBase
{
    [Test]
    public void Callbacks_AreScheduledBySetResult_NeverCalledSynchronously()
    {
        var future = Loop.CreateFuture<int>();
        var bag = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            int n = i;
            future.AddDoneCallback(_ => bag.Add(n));
        }

        future.SetResult(1);
        Assert.That(bag, Is.Empty, "SetResult only schedules the callbacks");

        RunIterations(1);
        Assert.That(bag, Is.EqualTo(new[] { 0, 1, 2 }), "registration order");
    }

    [Test]
    public void Callbacks_AreScheduledByCancelAndSetException()
    {
        var cancelled = Loop.CreateFuture<int>();
        var failed = Loop.CreateFuture<int>();
        var log = new List<string>();
        cancelled.AddDoneCallback(f => log.Add($"cancelled={f.Cancelled}"));
        failed.AddDoneCallback(f => log.Add($"failed={f.Exception()!.GetType().Name}"));

        cancelled.Cancel();
        failed.SetException(new FormatException());
        Assert.That(log, Is.Empty);

        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "cancelled=True", "failed=FormatException" }));
    }

    [Test]
    public void Callback_ReceivesTheFutureAsItsOnlyArgument()
    {
        var future = Loop.CreateFuture<string>();
        Future? untyped = null;
        Future<string>? typed = null;
        future.AddDoneCallback((Future f) => untyped = f);
        future.AddDoneCallback((Future<string> f) => typed = f);
        future.SetResult("x");

        RunIterations(1);

        Assert.That(untyped, Is.SameAs(future));
        Assert.That(typed, Is.SameAs(future));
    }

    [Test]
    public void AddDoneCallback_OnADoneFuture_SchedulesItInsteadOfCallingIt()
    {
        var future = Loop.CreateFuture<int>();
        future.SetResult(1);
        bool ran = false;

        future.AddDoneCallback(_ => ran = true);
        Assert.That(ran, Is.False);

        RunIterations(1);
        Assert.That(ran, Is.True);
    }

    [Test]
    public void CallbackList_IsSnapshottedAtCompletion_SoMutatingItIsSafe()
    {
        var future = Loop.CreateFuture<int>();
        var log = new List<string>();
        Action<Future> second = _ => log.Add("second");
        future.AddDoneCallback(f =>
        {
            log.Add("first");
            f.RemoveDoneCallback(second);               // already scheduled: removing now changes nothing
            f.AddDoneCallback(_ => log.Add("added-late")); // the future is done: scheduled for the next iteration
        });
        future.AddDoneCallback(second);
        future.SetResult(1);

        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "first", "second" }));
        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "first", "second", "added-late" }));
    }

    [Test]
    public void RemoveDoneCallback_RemovesEveryRegistrationAndReturnsTheCount()
    {
        var future = Loop.CreateFuture<int>();
        var log = new List<string>();
        Action<Future> cb1 = _ => log.Add("cb1");
        Action<Future> cb2 = _ => log.Add("cb2");
        Action<Future> cb3 = _ => log.Add("cb3");

        future.AddDoneCallback(cb1);
        future.AddDoneCallback(cb2);
        Assert.That(future.RemoveDoneCallback(cb2), Is.EqualTo(1));
        Assert.That(future.RemoveDoneCallback(cb3), Is.EqualTo(0), "never added");

        future.AddDoneCallback(cb2);
        for (int i = 0; i < 5; i++)
            future.AddDoneCallback(cb1);
        Assert.That(future.RemoveDoneCallback(cb1), Is.EqualTo(6));

        future.SetResult(1);
        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "cb2" }));
    }

    [Test]
    public void RemoveDoneCallback_FirstThirdOrFirstAndSecond_LeavesTheOthersInOrder()
    {
        foreach (var remove in new[] { new[] { 0 }, new[] { 2 }, new[] { 0, 1 } })
        {
            var future = Loop.CreateFuture<int>();
            var log = new List<int>();
            var callbacks = Enumerable.Range(0, 4).Select(n => (Action<Future>)(_ => log.Add(n))).ToArray();
            foreach (var cb in callbacks)
                future.AddDoneCallback(cb);
            foreach (var index in remove)
                Assert.That(future.RemoveDoneCallback(callbacks[index]), Is.EqualTo(1));

            future.SetResult(0);
            RunIterations(1);

            Assert.That(log, Is.EqualTo(Enumerable.Range(0, 4).Except(remove)), $"removing {string.Join(",", remove)}");
        }
    }

    [Test]
    public void RemoveDoneCallback_TypedCallback_IsFoundByIdentity()
    {
        var future = Loop.CreateFuture<int>();
        int runs = 0;
        Action<Future<int>> typed = _ => runs++;
        future.AddDoneCallback(typed);
        future.AddDoneCallback(typed);

        Assert.That(future.RemoveDoneCallback(typed), Is.EqualTo(2));
        future.SetResult(1);
        RunIterations(1);
        Assert.That(runs, Is.Zero);
    }

    [Test]
    public void AddAndRemoveDoneCallback_Null_ThrowArgumentNull()
    {
        var future = Loop.CreateFuture<int>();
        Assert.Throws<ArgumentNullException>(() => future.AddDoneCallback((Action<Future>)null!));
        Assert.Throws<ArgumentNullException>(() => future.AddDoneCallback((Action<Future<int>>)null!));
        Assert.Throws<ArgumentNullException>(() => future.RemoveDoneCallback((Action<Future>)null!));
        Assert.Throws<ArgumentNullException>(() => future.RemoveDoneCallback((Action<Future<int>>)null!));
    }

    [Test]
    public void CallbackThatThrows_IsReportedAndTheOtherCallbacksStillRun()
    {
        var future = Loop.CreateFuture<int>();
        var log = new List<string>();
        future.AddDoneCallback(_ => throw new FormatException("callback failed"));
        future.AddDoneCallback(_ => log.Add("second"));
        future.SetResult(1);

        RunIterations(1);

        Assert.That(log, Is.EqualTo(new[] { "second" }));
        Assert.That(Reports.Single().Exception!.Message, Is.EqualTo("callback failed"));
    }
}
