using static Coroutines.Loop;

namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>
/// asyncio 3.11's <c>create_task(coro, context=ctx)</c>: a task given an <see cref="ExecutionContext"/> runs every
/// step in it, whatever context the creator has; without one it takes the creator's.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public class ExplicitTaskContextTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    private static readonly AsyncLocal<string?> Tag = new();

    /// <summary>A context in which <see cref="Tag"/> holds <paramref name="value"/>; the caller's own value is left as it was.</summary>
    private static ExecutionContext ContextWithTag(string value)
    {
        var before = Tag.Value;
        Tag.Value = value;
        var context = ExecutionContext.Capture()!;
        Tag.Value = before;
        return context;
    }

    private static async Coroutine<List<string?>> RecordTagAcrossSuspensions()
    {
        var seen = new List<string?> { Tag.Value };
        await Yield();
        seen.Add(Tag.Value);
        await Sleep(0.01);
        seen.Add(Tag.Value);
        return seen;
    }

    [Test]
    public void CreateTaskWithAContext_RunsEveryStepInThatContext()
    {
        var given = ContextWithTag("given");
        async Coroutine<List<string?>> Main()
        {
            Tag.Value = "creator";
            return await Loop.CreateTask(RecordTagAcrossSuspensions(), context: given);
        }

        var seen = Loop.RunUntilComplete(Main());

        Assert.That(seen, Is.EqualTo(new[] { "given", "given", "given" }));
    }

    [Test]
    public void CreateTaskWithoutAContext_RunsInTheCreatorsContext()
    {
        async Coroutine<List<string?>> Main()
        {
            Tag.Value = "creator";
            return await CreateTask(RecordTagAcrossSuspensions());
        }

        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo(new[] { "creator", "creator", "creator" }));
    }

    [Test]
    public void EagerTaskWithAContext_RunsItsFirstStepInThatContextAndGivesTheCreatorItsOwnBack()
    {
        var given = ContextWithTag("given");
        string? creatorAfterwards = null;
        async Coroutine<List<string?>> Main()
        {
            Tag.Value = "creator";
            var task = CreateEagerTask(RecordTagAcrossSuspensions(), context: given);
            creatorAfterwards = Tag.Value;
            return await task;
        }

        var seen = Loop.RunUntilComplete(Main());

        Assert.That(seen, Is.EqualTo(new[] { "given", "given", "given" }));
        Assert.That(creatorAfterwards, Is.EqualTo("creator"));
    }

    [Test]
    public void ValuesATaskSetsStayInTheTaskAndLeaveTheGivenContextUnchanged()
    {
        var given = ContextWithTag("given");
        async Coroutine<string?> SetThenRead()
        {
            Tag.Value = "set by the task";
            await Yield();
            return Tag.Value;
        }

        var first = Loop.RunUntilComplete(Loop.CreateTask(SetThenRead(), context: given));
        var second = Loop.RunUntilComplete(Loop.CreateTask(RecordTagAcrossSuspensions(), context: given));

        Assert.That(first, Is.EqualTo("set by the task"));
        Assert.That(second[0], Is.EqualTo("given"), "an ExecutionContext is immutable: the task's change made a new one");
        Assert.That(Tag.Value, Is.Null, "the task's context does not leak into the code that runs the loop");
    }

    [Test]
    public void TaskGroupCreateTaskWithAContext_RunsTheChildInThatContext()
    {
        var given = ContextWithTag("given");
        List<string?>? seen = null;
        async Coroutine Main()
        {
            Tag.Value = "creator";
            await TaskGroup.Run(async group =>
            {
                var child = group.CreateTask(RecordTagAcrossSuspensions(), context: given);
                seen = await child;
            });
        }

        Loop.RunUntilComplete(Main());

        Assert.That(seen, Is.EqualTo(new[] { "given", "given", "given" }));
    }
}
