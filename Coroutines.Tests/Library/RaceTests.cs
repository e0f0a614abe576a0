using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>Loop.Race: the first finisher wins, the losers are cancelled and awaited.</summary>
public class RaceTests : LoopTestBase
{
    private readonly List<string> _cleanedUp = new();

    [SetUp]
    public void ForgetCleanups() => _cleanedUp.Clear();

    private async Coroutine<string> Contestant(string name, double seconds)
    {
        try
        {
            await Co.Sleep(seconds);
            return name;
        }
        finally
        {
            _cleanedUp.Add(name);
        }
    }

    [Test]
    public void TheFirstToFinishWins()
    {
        Assert.That(Loop.RunUntilComplete(Co.Race(Contestant("slow", 1), Contestant("fast", 0.1))), Is.EqualTo("fast"));
    }

    [Test]
    public void TheLosersAreCancelledAndAwaitedBeforeRaceReturns()
    {
        var slow = Loop.CreateTask(SlowToCancel());
        var fast = Loop.CreateTask(Contestant("fast", 0.1));
        bool loserDoneWhenRaceReturned = false;
        async Coroutine<string> Main()
        {
            var winner = await Co.Race(slow, fast);
            loserDoneWhenRaceReturned = slow.Done;
            return winner;
        }

        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo("fast"));
        Assert.That(loserDoneWhenRaceReturned, Is.True);
        Assert.That(slow.Cancelled, Is.True);
        Assert.That(Loop.Time(), Is.EqualTo(0.6).Within(1e-9), "the loser's cleanup took 0.5 s and Race waited for it");

        async Coroutine<string> SlowToCancel()
        {
            try
            {
                await Co.Sleep(10);
                return "slow";
            }
            catch (CancelledError)
            {
                await Co.Sleep(0.5);
                throw;
            }
        }
    }

    [Test]
    public void AFailureThatFinishesFirst_IsThrown_AfterTheLosersAreCleanedUp()
    {
        async Coroutine<string> Failing()
        {
            await Co.Sleep(0.1);
            throw new FormatException();
        }

        Assert.Throws<FormatException>(() => Loop.RunUntilComplete(Co.Race(Failing(), Contestant("slow", 1))));
        Assert.That(_cleanedUp, Is.EqualTo(new[] { "slow" }));
    }

    [Test]
    public void CancellingTheRacingTask_CancelsAndAwaitsEveryContestant()
    {
        async Coroutine<string> Main() => await Co.Race(Contestant("a", 1), Contestant("b", 2));
        var task = Loop.CreateTask(Main());
        Loop.CallLater(0.1, () => task.Cancel());

        Assert.Throws<CancelledError>(() => Loop.RunUntilComplete(task));
        Assert.That(_cleanedUp, Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(Loop.AllTasks(), Is.Empty);
    }

    [Test]
    public void NoContestants_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Co.Race(Array.Empty<Coroutine<int>>()));
    }
}
