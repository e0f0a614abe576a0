namespace Coroutines.Tests.Runtime;

/// <summary>asyncio: the future state table, cancellation with a message, awaiting.</summary>
public class FutureTests : LoopTestBase
{
    // ---- states ----

    [Test]
    public void NewFuture_IsPending()
    {
        var future = Loop.CreateFuture<int>();

        Assert.That(future.State, Is.EqualTo(FutureState.Pending));
        Assert.That(future.Done, Is.False);
        Assert.That(future.Cancelled, Is.False);
        Assert.That(future.Loop, Is.SameAs(Loop));
    }

    [Test]
    public void Pending_ResultAndException_ThrowInvalidState()
    {
        var future = Loop.CreateFuture<int>();

        Assert.Throws<InvalidStateException>(() => future.Result());
        Assert.Throws<InvalidStateException>(() => future.Exception());
        Assert.Throws<InvalidStateException>(() => future.ResultObject());
    }

    [Test]
    public void InvalidStateException_IsAnInvalidOperationException()
    {
        Assert.That(new InvalidStateException("x"), Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public void Pending_SetResult_FinishesWithTheValue()
    {
        var future = Loop.CreateFuture<string>();

        future.SetResult("v");

        Assert.That(future.State, Is.EqualTo(FutureState.Finished));
        Assert.That(future.Done, Is.True);
        Assert.That(future.Cancelled, Is.False);
        Assert.That(future.Result(), Is.EqualTo("v"));
        Assert.That(future.Exception(), Is.Null);
    }

    [Test]
    public void Pending_SetException_FinishesWithTheException()
    {
        var future = Loop.CreateFuture<int>();
        var error = new FormatException("e");

        future.SetException(error);

        Assert.That(future.State, Is.EqualTo(FutureState.Finished));
        Assert.That(future.Done, Is.True);
        Assert.That(future.Cancelled, Is.False);
        Assert.That(future.Exception(), Is.SameAs(error));
        Assert.That(Assert.Throws<FormatException>(() => future.Result()), Is.SameAs(error));
    }

    [Test]
    public void Pending_Cancel_ReturnsTrueAndBecomesCancelled()
    {
        var future = Loop.CreateFuture<int>();

        Assert.That(future.Cancel(), Is.True);

        Assert.That(future.State, Is.EqualTo(FutureState.Cancelled));
        Assert.That(future.Done, Is.True);
        Assert.That(future.Cancelled, Is.True);
    }

    [Test]
    public void FinishedWithResult_SetResultSetExceptionThrowInvalidState_CancelReturnsFalse()
    {
        var future = Loop.CreateFuture<int>();
        future.SetResult(1);

        Assert.Throws<InvalidStateException>(() => future.SetResult(2));
        Assert.Throws<InvalidStateException>(() => future.SetException(new FormatException()));
        Assert.That(future.Cancel(), Is.False);
        Assert.That(future.Result(), Is.EqualTo(1));
    }

    [Test]
    public void FinishedWithException_SetResultSetExceptionThrowInvalidState_CancelReturnsFalse()
    {
        var future = Loop.CreateFuture<int>();
        var error = new FormatException();
        future.SetException(error);

        Assert.Throws<InvalidStateException>(() => future.SetResult(2));
        Assert.Throws<InvalidStateException>(() => future.SetException(new TimeoutException()));
        Assert.That(future.Cancel(), Is.False);
        Assert.That(future.Exception(), Is.SameAs(error));
    }

    [Test]
    public void Cancelled_ResultAndExceptionThrowCancelledErrorWithTheMessage()
    {
        var future = Loop.CreateFuture<int>();
        future.Cancel("stop it");

        Assert.That(Assert.Throws<CancelledError>(() => future.Result())!.CancelMessage, Is.EqualTo("stop it"));
        Assert.That(Assert.Throws<CancelledError>(() => future.Exception())!.CancelMessage, Is.EqualTo("stop it"));
    }

    [Test]
    public void Cancelled_SetResultSetExceptionThrowInvalidState_CancelReturnsFalse()
    {
        var future = Loop.CreateFuture<int>();
        future.Cancel();

        Assert.Throws<InvalidStateException>(() => future.SetResult(2));
        Assert.Throws<InvalidStateException>(() => future.SetException(new FormatException()));
        Assert.That(future.Cancel(), Is.False);
        Assert.That(future.State, Is.EqualTo(FutureState.Cancelled));
    }

    [Test]
    public void SetException_Null_ThrowsArgumentNull()
    {
        var future = Loop.CreateFuture<int>();
        Assert.Throws<ArgumentNullException>(() => future.SetException(null!));
        Assert.That(future.Done, Is.False);
    }

    [Test]
    public void TrySetResult_OnACancelledFuture_IsANoOp()
    {
        var future = Loop.CreateFuture<int>();
        future.Cancel();

        Assert.That(future.TrySetResult(5), Is.False);
        Assert.That(future.Cancelled, Is.True);
        var pending = Loop.CreateFuture<int>();
        Assert.That(pending.TrySetResult(5), Is.True);
        Assert.That(pending.Result(), Is.EqualTo(5));
    }

    // ---- cancellation messages ----

    [Test]
    public void CancelledError_IsAnOperationCanceledException()
    {
        // asyncio's CancelledError derives from BaseException; ours is an OperationCanceledException so .NET code
        // recognises it (documented on CancelledError).
        Assert.That(new CancelledError(), Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void CancelWithoutMessage_GivesANullCancelMessage()
    {
        var future = Loop.CreateFuture<int>();
        future.Cancel();

        Assert.That(Assert.Throws<CancelledError>(() => future.Result())!.CancelMessage, Is.Null);
    }

    [Test]
    public void CancelWithANonStringMessage_RoundTripsTheObject()
    {
        var future = Loop.CreateFuture<int>();
        future.Cancel(5);

        var error = Assert.Throws<CancelledError>(() => future.Result());
        Assert.That(error!.CancelMessage, Is.EqualTo(5));
    }

    // ---- awaiting ----

    [Test]
    public void AwaitingADoneFuture_ReturnsWithoutYielding()
    {
        var future = Loop.CreateFuture<int>();
        future.SetResult(3);
        async Coroutine<int> Twice() => await future + await future;

        Assert.That(Loop.RunUntilComplete(Twice()), Is.EqualTo(6));
        Assert.That(Loop.Iterations, Is.EqualTo(2), "no await suspended: the task's first step finished it");
    }

    [Test]
    public void AwaitingAPendingFuture_ResumesOneIterationAfterItCompletes()
    {
        var future = Loop.CreateFuture<int>();
        var log = new List<string>();
        async Coroutine Waiter()
        {
            log.Add($"result {await future}");
        }
        Loop.CreateTask(Waiter());
        RunIterations(1);   // the task suspends on the future

        Loop.CallSoon(() =>
        {
            future.SetResult(9);
            Loop.CallSoon(() => log.Add("queued after SetResult"));
            log.Add("set");
        });
        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "set" }), "the wake-up goes through the ready queue");

        RunIterations(1);
        Assert.That(log, Is.EqualTo(new[] { "set", "result 9", "queued after SetResult" }),
            "the waiter's resumption was queued first, so it runs before a callback queued after SetResult");
    }

    [Test]
    public void AwaitingAFailedFuture_ThrowsItsException()
    {
        var future = Loop.CreateFuture<int>();
        async Coroutine<string> Waiter()
        {
            try
            {
                await future;
                return "no error";
            }
            catch (FormatException e)
            {
                return e.Message;
            }
        }
        var task = Loop.CreateTask(Waiter());
        Loop.CallSoon(() => future.SetException(new FormatException("failed")));

        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo("failed"));
    }

    [Test]
    public void AwaitingTheUntypedFuture_ThrowsItsExceptionOrCompletes()
    {
        Future ok = Loop.CreateFuture<int>();
        Future failed = Loop.CreateFuture<int>();
        ((Future<int>)ok).SetResult(1);
        failed.SetException(new FormatException());
        async Coroutine<string> Waiter()
        {
            await ok;
            try { await failed; }
            catch (FormatException) { return "caught"; }
            return "missed";
        }

        Assert.That(Loop.RunUntilComplete(Waiter()), Is.EqualTo("caught"));
    }

    [Test]
    public void AwaitingAFutureOfAnotherLoop_ThrowsIntoTheCoroutineAtTheAwaitOnTheNextStep()
    {
        using var other = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        var foreign = other.CreateFuture<int>();
        var log = new List<string>();
        async Coroutine<string> Waiter()
        {
            try
            {
                try
                {
                    await foreign;
                    return "no error";
                }
                finally
                {
                    log.Add("finally ran");
                }
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }
        var task = Loop.CreateTask(Waiter());
        RunIterations(1);
        Assert.That(task.Done, Is.False, "the error arrives on the next step, as asyncio throws it in");

        Assert.That(Loop.RunUntilComplete(task), Does.Contain("different loop"));
        Assert.That(log, Is.EqualTo(new[] { "finally ran" }));
    }

    // ---- repr ----

    [Test]
    public void ToString_DescribesTheState()
    {
        var pending = Loop.CreateFuture<int>();
        Assert.That(pending.ToString(), Is.EqualTo("<Future pending>"));
        pending.AddDoneCallback(_ => { });
        Assert.That(pending.ToString(), Is.EqualTo("<Future pending callbacks=1>"));

        var cancelled = Loop.CreateFuture<int>();
        cancelled.Cancel();
        Assert.That(cancelled.ToString(), Is.EqualTo("<Future cancelled>"));

        var finished = Loop.CreateFuture<int>();
        finished.SetResult(4);
        Assert.That(finished.ToString(), Is.EqualTo("<Future finished result=4>"));

        var failed = Loop.CreateFuture<int>();
        failed.SetException(new FormatException("bad"));
        Assert.That(failed.ToString(), Is.EqualTo("<Future finished exception=FormatException(bad)>"));
        failed.Exception();
    }
}
