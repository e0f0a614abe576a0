using System.Runtime.CompilerServices;
using Coroutines.Tests.Runtime;

namespace Coroutines.Tests.Generator;

/// <summary>
/// Generated machines know where they wait (task stacks and dumps show file, line and await text) and map user
/// code back to the user's file with #line, so stack traces point at the user's line.
/// </summary>
public partial class AwaitSiteTests : LoopTestBase
{
    [Coroutine]
    private static async Coroutine<int> Leaf()
    {
        await Coroutines.Loop.Sleep(5); // SITE-LEAF
        return 1;
    }

    [Coroutine]
    private static async Coroutine<int> Parent()
    {
        int value = await LeafAsync(); // SITE-PARENT
        return value + 1;
    }

    [Coroutine]
    private static async Coroutine Thrower()
    {
        await Coroutines.Loop.Yield();
        throw new InvalidOperationException("from user code"); // THROW-LINE
    }

    /// <summary>An async sequence of one element whose first MoveNextAsync and DisposeAsync wait for the test.</summary>
    internal sealed class GatedNumbers : IAsyncEnumerable<int>, IAsyncEnumerator<int>
    {
        public TaskCompletionSource<bool> Next { get; } = new();
        public TaskCompletionSource Disposed { get; } = new();
        public int Current => 7;
        public IAsyncEnumerator<int> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;
        public ValueTask<bool> MoveNextAsync() => new(Next.Task);
        public ValueTask DisposeAsync() => new(Disposed.Task);
    }

    [Coroutine]
    private static async Coroutine<int> SumOf(GatedNumbers numbers)
    {
        int sum = 0;
        await foreach (var n in numbers) // SITE-AWAIT-FOREACH
            sum += n;
        return sum;
    }

    [Coroutine]
    private static async Coroutine Use(GatedNumbers resource)
    {
        await using (resource) // SITE-AWAIT-USING
            await Coroutines.Loop.Yield();
    }

    private static async Coroutine<int> CompilerLeaf()
    {
        await Coroutines.Loop.Sleep(5);
        return 1;
    }

    [Test]
    public void GetStackShowsTheAwaitChainWithSourceLines()
    {
        var task = Loop.CreateTask(ParentAsync());
        RunIterations(1);
        var stack = task.GetStack();
        Assert.That(stack, Has.Count.EqualTo(2));
        Assert.That(stack[0].Coroutine, Is.EqualTo("AwaitSiteTests.Leaf"));
        Assert.That(stack[0].Site!.Line, Is.EqualTo(LineOf("SITE-LEAF")));
        Assert.That(stack[0].Site!.Text, Is.EqualTo("Coroutines.Loop.Sleep(5)"));
        Assert.That(stack[1].Coroutine, Is.EqualTo("AwaitSiteTests.Parent"));
        Assert.That(stack[1].Site!.Line, Is.EqualTo(LineOf("SITE-PARENT")));
        Assert.That(Loop.DumpTasks(), Does.Contain($"AwaitSiteTests.cs:{LineOf("SITE-LEAF")} await Coroutines.Loop.Sleep(5)"));
        Loop.RunUntilComplete(task);
        Assert.That(task.GetStack(), Is.Empty);
    }

    [Test]
    public void ACoroutineWaitingInAwaitForeachShowsTheLoopsHeader()
    {
        var numbers = new GatedNumbers();
        var task = Loop.CreateTask(SumOfAsync(numbers));
        RunIterations(1);
        var site = task.GetStack().Single().Site!;
        Assert.That(site.Text, Is.EqualTo("foreach (var n in numbers)"), "MoveNextAsync");
        Assert.That(site.Line, Is.EqualTo(LineOf("SITE-AWAIT-FOREACH")));
        Assert.That(Loop.DumpTasks(), Does.Contain($"AwaitSiteTests.cs:{LineOf("SITE-AWAIT-FOREACH")} await foreach (var n in numbers)"));

        numbers.Next.SetResult(false);
        RunIterations(2);
        Assert.That(task.GetStack().Single().Site!.Text, Is.EqualTo("foreach (var n in numbers)"), "DisposeAsync");
        numbers.Disposed.SetResult();
        Assert.That(Loop.RunUntilComplete(task), Is.EqualTo(0));
    }

    [Test]
    public void ACoroutineWaitingToDisposeInAwaitUsingShowsTheStatement()
    {
        var resource = new GatedNumbers();
        var task = Loop.CreateTask(UseAsync(resource));
        RunIterations(2);
        var site = task.GetStack().Single().Site!;
        Assert.That(site.Text, Is.EqualTo("using (resource)"));
        Assert.That(site.Line, Is.EqualTo(LineOf("SITE-AWAIT-USING")));
        Assert.That(Loop.DumpTasks(), Does.Contain("await using (resource)"));
        resource.Disposed.SetResult();
        Loop.RunUntilComplete(task);
    }

    [Test]
    public void CompilerPathCoroutinesShowTheirNameWithoutALine()
    {
        var task = Loop.CreateTask(CompilerLeaf());
        RunIterations(1);
        var entry = task.GetStack().Single();
        Assert.That(entry.Coroutine, Does.Contain("CompilerLeaf"));
        Assert.That(entry.Site, Is.Null);
    }

    [Test]
    public void RunningOrFinishedMachinesReportNoSite()
    {
        var coroutine = LeafAsync();
        Assert.That(coroutine.CurrentAwaitSite, Is.Null, "not started");
        Loop.RunUntilComplete(coroutine);
        Assert.That(coroutine.CurrentAwaitSite, Is.Null, "finished");
    }

    [Test]
    public void StackTracesPointAtTheUsersLine()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loop.RunUntilComplete(ThrowerAsync()));
        Assert.That(error!.StackTrace, Does.Contain($"AwaitSiteTests.cs:line {LineOf("THROW-LINE")}"));
    }

    [Test]
    public void AwaitingAMachineAllocatesOnlyTheMachine()
    {
        Loop.RunUntilComplete(ParentAsync());   // warm up: JIT, pooled timers
        long before = GC.GetAllocatedBytesForCurrentThread();
        var coroutine = LeafAsync();
        long afterCreate = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(afterCreate - before, Is.LessThanOrEqualTo(120), "one machine object");
        Assert.That(coroutine, Is.InstanceOf<Coroutines.CompilerServices.CoroutineMachine<int>>());
    }

    private static int LineOf(string marker, [CallerFilePath] string path = "")
    {
        var lines = File.ReadAllLines(path);
        return Array.FindIndex(lines, l => l.Contains("// " + marker)) + 1;
    }
}
