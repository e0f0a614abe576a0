using Coroutines.Tests.Runtime;
using Co = Coroutines.Loop;

namespace Coroutines.Tests.Library;

/// <summary>asyncio semantics 3.10: as_completed.</summary>
public class AsCompletedTests : LoopTestBase
{
    private static async Coroutine<string> After(double seconds, string value)
    {
        await Co.Sleep(seconds);
        return value;
    }

    [Test]
    public void PlainIteration_TheKthAwaitGivesTheKthCompletedResult()
    {
        async Coroutine<List<string>> Main()
        {
            var results = new List<string>();
            foreach (var next in Co.AsCompleted(new[] { After(0.3, "c"), After(0.1, "a"), After(0.2, "b") }))
                results.Add(await next);
            return results;
        }

        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void PlainIteration_AwaitedInReverse_StillFollowsCompletionOrder()
    {
        async Coroutine<List<string>> Main()
        {
            var awaitables = Co.AsCompleted(new[] { After(0.3, "c"), After(0.1, "a"), After(0.2, "b") }).ToList();
            var results = new List<string>();
            for (int i = awaitables.Count - 1; i >= 0; i--)
                results.Add(await awaitables[i]);
            return results;
        }

        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void AsyncIteration_YieldsTheOriginalFutures()
    {
        var slow = Loop.CreateTask(After(0.2, "slow"));
        var fast = Loop.CreateTask(After(0.1, "fast"));
        async Coroutine<List<Future<string>>> Main()
        {
            var seen = new List<Future<string>>();
            await foreach (var future in Co.AsCompleted(new Future<string>[] { slow, fast }))
                seen.Add(future);
            return seen;
        }

        var order = Loop.RunUntilComplete(Main());

        Assert.That(order[0], Is.SameAs(fast));
        Assert.That(order[1], Is.SameAs(slow));
    }

    [Test]
    public void TheIAsyncEnumerableView_AlsoYieldsTheOriginalsInCompletionOrder()
    {
        var slow = Loop.CreateTask(After(0.2, "slow"));
        var fast = Loop.CreateTask(After(0.1, "fast"));
        async Coroutine<List<Future<string>>> Main()
        {
            var seen = new List<Future<string>>();
            IAsyncEnumerable<Future<string>> sequence = Co.AsCompleted(new Future<string>[] { slow, fast });
            await foreach (var future in sequence)
                seen.Add(future);
            return seen;
        }

        var order = Loop.RunUntilComplete(Main());

        Assert.That(order, Is.EqualTo(new Future<string>[] { fast, slow }));
    }

    [Test]
    public void DuplicateInputs_AreCollapsed()
    {
        var c = After(0.1, "x");

        Assert.That(Co.AsCompleted(new[] { c, c, After(0.2, "spam") }).Count(), Is.EqualTo(2));
    }

    [Test]
    public void Timeout_MakesTheNextAwaitThrow_AndCancelsNothing()
    {
        var slow = Loop.CreateTask(After(1, "slow"));
        var results = new List<string>();
        async Coroutine Main()
        {
            foreach (var next in Co.AsCompleted(new Future<string>[] { Loop.CreateTask(After(0.1, "fast")), slow }, seconds: 0.5))
                results.Add(await next);
        }

        Assert.Throws<TimeoutException>(() => Loop.RunUntilComplete(Main()));
        Assert.That(results, Is.EqualTo(new[] { "fast" }));
        Assert.That(Loop.Time(), Is.EqualTo(0.5).Within(1e-9));
        Assert.That(slow.Cancelled, Is.False);
        Assert.That(Loop.RunUntilComplete(slow), Is.EqualTo("slow"));
    }

    [Test]
    public void IterationCanStopAndResume()
    {
        async Coroutine<List<string>> Main()
        {
            var sequence = Co.AsCompleted(new[] { After(0.1, "a"), After(0.2, "b"), After(0.3, "c") });
            var results = new List<string>();
            foreach (var next in sequence)
            {
                results.Add(await next);
                break;
            }
            foreach (var next in sequence)
                results.Add(await next);
            return results;
        }

        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo(new[] { "a", "b", "c" }));
    }
}
