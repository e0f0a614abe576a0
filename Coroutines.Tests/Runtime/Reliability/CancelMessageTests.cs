namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>
/// CPython 3.13 (test_tasks, cancel with several messages): while a cancellation is pending, the first request's
/// message wins, for the coroutine and for the task's awaiters alike.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public class CancelMessageTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    [Test]
    public void TheCoroutineAndTheAwaiterSeeTheFirstMessageOfTwoCancels()
    {
        object? seenInside = null;
        var gate = Loop.CreateFuture<int>();
        async Coroutine Waiter()
        {
            try
            {
                await gate;
            }
            catch (CancelledError e)
            {
                seenInside = e.CancelMessage;
                throw;
            }
        }
        var task = Loop.CreateTask(Waiter());
        Loop.CallSoon(() =>
        {
            task.Cancel("msg1");
            task.Cancel("msg2");
        });

        var error = Capture.Exception(() => Loop.RunUntilComplete(task));

        Assert.That(seenInside, Is.EqualTo("msg1"));
        Assert.That(error, Is.TypeOf<CancelledError>().With.Property(nameof(CancelledError.CancelMessage)).EqualTo("msg1"));
        Assert.That(task.Cancelling(), Is.EqualTo(2));
    }

    [Test]
    public void AfterUncancelANewRequestBringsItsOwnMessage()
    {
        object? seenInside = null;
        async Coroutine Waiter()
        {
            try
            {
                await Coroutines.Loop.Yield();
            }
            catch (CancelledError)
            {
                Coroutines.Loop.CurrentTask!.Uncancel();   // handled: the next request starts afresh
            }
            try
            {
                await Coroutines.Loop.Yield();
                await Coroutines.Loop.Yield();
            }
            catch (CancelledError e)
            {
                seenInside = e.CancelMessage;
            }
        }
        var task = Loop.CreateTask(Waiter());
        Loop.CallSoon(() => task.Cancel("first"));
        Loop.CallSoon(() => Loop.CallSoon(() => Loop.CallSoon(() => task.Cancel("second"))));

        Loop.RunUntilComplete(task);

        Assert.That(seenInside, Is.EqualTo("second"));
    }
}
