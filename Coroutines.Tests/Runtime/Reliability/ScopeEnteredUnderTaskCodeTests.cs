using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>
/// A coroutine awaited from an <c>async Task</c> method runs inline up to its first suspension, inside the step of
/// whichever task called the <c>Task</c> code, and then becomes a task of its own. A timeout, a cancel scope
/// or task group it enters before that suspension belongs to the task that goes on running it: the deadline (or a
/// child's failure) cancels that task, never the one that happened to be stepping, and leaves nothing behind in it.
/// </summary>
public class ScopeEnteredUnderTaskCodeTests : LoopTestBase
{
    [SetUp]
    public void JumpPastForeignAwaitsQuickly()
    {
        // The outer task awaits a Task, which holds the virtual clock for this long of real time before it jumps.
        Loop.ForeignAwaitPatience = TimeSpan.FromMilliseconds(20);
    }

    private static async Task<string> TaskCode(Func<Coroutine<string>> scoped)
    {
        try
        {
            return await scoped();
        }
        catch (TimeoutException)
        {
            return "timed out";
        }
    }

    /// <summary>
    /// Runs <paramref name="scoped"/> under <c>Task</c> code from a task and checks what it gave and when, then that the
    /// task is untouched: not cancelling, and a later sleep in it is not cut short by a scope left behind.
    /// </summary>
    private void AssertUnderTaskCode(Func<Coroutine<string>> scoped, string outcome, double at)
    {
        async Coroutine<(string, double, int, double)> Outer()
        {
            var result = await TaskCode(scoped);
            double end = Loop.Time();
            int cancelling = Loop.CurrentTask!.Cancelling();
            await Sleep(5);
            return (result, end, cancelling, Loop.Time() - end);
        }

        var (actual, actualAt, outerCancelling, laterSleep) = Loop.RunUntilComplete(Outer());

        Assert.That(actual, Is.EqualTo(outcome));
        Assert.That(actualAt, Is.EqualTo(at).Within(1e-9), "when the scoped coroutine ended");
        Assert.That(outerCancelling, Is.Zero, "the task that ran the Task code was neither cancelled nor left cancelling");
        Assert.That(laterSleep, Is.EqualTo(5).Within(1e-9), "nothing the scope did stays in the task that ran the Task code");
    }

    private static async Coroutine<string> SleepLong()
    {
        await Sleep(10);
        return "finished";
    }

    [Test]
    public void ATimeoutEnteredBeforeTheFirstSuspension_FiresAtItsDeadlineInTheTaskThatRunsTheCoroutine()
    {
        // The deadline cuts the 10-second sleep short.
        AssertUnderTaskCode(() => Timeout(1, _ => SleepLong()), "timed out", at: 1);
    }

    [Test]
    public void ATimeoutThatDoesNotExpire_LeavesTheBodysResultAndNoCancellation()
    {
        AssertUnderTaskCode(() => Timeout(20, _ => SleepLong()), "finished", at: 10);
    }

    [Test]
    public void AFailAfterScopeEnteredBeforeTheFirstSuspension_CancelsTheTaskThatRunsTheCoroutine()
    {
        AssertUnderTaskCode(() => FailAfter(1, _ => SleepLong()), "timed out", at: 1);
    }

    [Test]
    public void AMoveOnAfterScopeEnteredBeforeTheFirstSuspension_AbsorbsItsOwnCancellation()
    {
        async Coroutine<string> MoveOn()
        {
            var scope = await MoveOnAfter(1, async _ => await SleepLong());
            return scope.CancelledCaught ? "moved on" : "ran to the end";
        }

        AssertUnderTaskCode(MoveOn, "moved on", at: 1);
    }

    [Test]
    public void ATaskGroupEnteredBeforeTheFirstSuspension_InterruptsTheBodyInTheTaskThatRunsIt()
    {
        static async Coroutine FailAfterASecond()
        {
            await Sleep(1);
            throw new FormatException("child failed");
        }
        static async Coroutine<string> GroupWithAFailingChild()
        {
            try
            {
                await TaskGroup.Run(async group =>
                {
                    _ = group.CreateTask(FailAfterASecond());
                    await Sleep(10);
                });
                return "no error";
            }
            catch (AggregateException error)
            {
                return error.InnerExceptions.Single().Message;
            }
        }

        // The child's failure cuts the body's sleep short.
        AssertUnderTaskCode(GroupWithAFailingChild, "child failed", at: 1);
    }

    [Test]
    public void AScopeEnteredBelowAnotherInlineFrame_MovesWithTheChain()
    {
        // The Timeout is not the awaited coroutine itself but a frame it awaits inline: the whole chain moves.
        async Coroutine<string> Wrapper() => await Timeout(1, _ => SleepLong());

        AssertUnderTaskCode(Wrapper, "timed out", at: 1);
    }
}
