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

    /// <summary>Runs <paramref name="scoped"/> under <c>Task</c> code from a task, then checks the task is untouched.</summary>
    private (string Outcome, double At, int OuterCancelling, string AfterwardsOuter) RunUnderTaskCode(Func<Coroutine<string>> scoped)
    {
        async Coroutine<(string, double, int, string)> Outer()
        {
            var outcome = await TaskCode(scoped);
            double at = Loop.Time();
            int cancelling = Loop.CurrentTask!.Cancelling();
            await Sleep(5);   // a scope left behind in this task would cancel this sleep
            return (outcome, at, cancelling, "slept");
        }
        return Loop.RunUntilComplete(Outer());
    }

    private static async Coroutine<string> SleepLong()
    {
        await Sleep(10);
        return "finished";
    }

    [Test]
    public void ATimeoutEnteredBeforeTheFirstSuspension_FiresAtItsDeadlineInTheTaskThatRunsTheCoroutine()
    {
        var (outcome, at, outerCancelling, afterwards) = RunUnderTaskCode(() => Timeout(1, _ => SleepLong()));

        Assert.That(outcome, Is.EqualTo("timed out"));
        Assert.That(at, Is.EqualTo(1).Within(1e-9), "the deadline cut the 10-second sleep short");
        Assert.That(outerCancelling, Is.Zero, "the task that ran the Task code was neither cancelled nor left cancelling");
        Assert.That(afterwards, Is.EqualTo("slept"));
    }

    [Test]
    public void ATimeoutThatDoesNotExpire_LeavesTheBodysResultAndNoCancellation()
    {
        var (outcome, at, outerCancelling, afterwards) = RunUnderTaskCode(() => Timeout(20, _ => SleepLong()));

        Assert.That(outcome, Is.EqualTo("finished"));
        Assert.That(at, Is.EqualTo(10).Within(1e-9));
        Assert.That(outerCancelling, Is.Zero);
        Assert.That(afterwards, Is.EqualTo("slept"));
    }

    [Test]
    public void AFailAfterScopeEnteredBeforeTheFirstSuspension_CancelsTheTaskThatRunsTheCoroutine()
    {
        var (outcome, at, outerCancelling, afterwards) = RunUnderTaskCode(() => FailAfter(1, _ => SleepLong()));

        Assert.That(outcome, Is.EqualTo("timed out"));
        Assert.That(at, Is.EqualTo(1).Within(1e-9));
        Assert.That(outerCancelling, Is.Zero);
        Assert.That(afterwards, Is.EqualTo("slept"), "the scope does not stay on the task that ran the Task code");
    }

    [Test]
    public void AMoveOnAfterScopeEnteredBeforeTheFirstSuspension_AbsorbsItsOwnCancellation()
    {
        async Coroutine<string> MoveOn()
        {
            var scope = await MoveOnAfter(1, async _ => await SleepLong());
            return scope.CancelledCaught ? "moved on" : "ran to the end";
        }

        var (outcome, at, outerCancelling, afterwards) = RunUnderTaskCode(MoveOn);

        Assert.That(outcome, Is.EqualTo("moved on"));
        Assert.That(at, Is.EqualTo(1).Within(1e-9));
        Assert.That(outerCancelling, Is.Zero);
        Assert.That(afterwards, Is.EqualTo("slept"));
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

        var (outcome, at, outerCancelling, afterwards) = RunUnderTaskCode(GroupWithAFailingChild);

        Assert.That(outcome, Is.EqualTo("child failed"));
        Assert.That(at, Is.EqualTo(1).Within(1e-9), "the child's failure cut the body's sleep short");
        Assert.That(outerCancelling, Is.Zero);
        Assert.That(afterwards, Is.EqualTo("slept"));
    }

    [Test]
    public void AScopeEnteredBelowAnotherInlineFrame_MovesWithTheChain()
    {
        // The Timeout is not the awaited coroutine itself but a frame it awaits inline: the whole chain moves.
        async Coroutine<string> Wrapper() => await Timeout(1, _ => SleepLong());

        var (outcome, at, outerCancelling, afterwards) = RunUnderTaskCode(Wrapper);

        Assert.That(outcome, Is.EqualTo("timed out"));
        Assert.That(at, Is.EqualTo(1).Within(1e-9));
        Assert.That(outerCancelling, Is.Zero);
        Assert.That(afterwards, Is.EqualTo("slept"));
    }
}
