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
