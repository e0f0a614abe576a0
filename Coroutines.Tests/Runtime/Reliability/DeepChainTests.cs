namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>
/// A chain of 100,000 coroutines, each awaiting the next, run on a thread with a 1 MB stack (a Windows main thread's):
/// starting the chain, and a result, an exception or a cancellation climbing back up, take constant stack on the
/// compiler path (<c>async Coroutine</c>) and on the generated path (<c>[Coroutine]</c> machines).
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public partial class DeepChainTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    private const int Depth = 100_000;
    private const int OneMegabyte = 1024 * 1024;
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(2);

    public enum Path { Compiler, Generated }

    private static async Coroutine<int> CompilerChain(int depth, Future<int> leaf)
    {
        if (depth == 0)
            return await leaf;
        return await CompilerChain(depth - 1, leaf) + 1;
    }

    [Coroutine]
    private static async Coroutine<int> GeneratedChain(int depth, Future<int> leaf)
    {
        if (depth == 0)
            return await leaf;
        return await GeneratedChainAsync(depth - 1, leaf) + 1;
    }

    private static async Coroutine<int> CompilerSyncChain(int depth)
    {
        if (depth == 0)
            return 0;
        return await CompilerSyncChain(depth - 1) + 1;
    }

    [Coroutine]
    private static async Coroutine<int> GeneratedSyncChain(int depth)
    {
        if (depth == 0)
            return 0;
        return await GeneratedSyncChainAsync(depth - 1) + 1;
    }

    private static Coroutine<int> Chain(Path path, Future<int> leaf) =>
        path == Path.Compiler ? CompilerChain(Depth, leaf) : GeneratedChainAsync(Depth, leaf);

    [Test]
    public void AResultClimbsAChainThatNeverSuspends([Values] Path path)
    {
        int result = -1;
        RunOnThread(() =>
        {
            using var loop = EventLoop.New(Options);
            result = loop.RunUntilComplete(path == Path.Compiler ? CompilerSyncChain(Depth) : GeneratedSyncChainAsync(Depth));
        }, Watchdog, OneMegabyte);
        Assert.That(result, Is.EqualTo(Depth));
    }

    [Test]
    public void AResultClimbsFromASuspendedLeaf([Values] Path path)
    {
        int result = -1;
        RunOnThread(() =>
        {
            using var loop = EventLoop.New(Options);
            var leaf = loop.CreateFuture<int>();
            var task = loop.CreateTask(Chain(path, leaf));
            loop.CallSoon(() => loop.CallSoon(() => leaf.SetResult(7)));   // once the whole chain has suspended
            result = loop.RunUntilComplete(task);
        }, Watchdog, OneMegabyte);
        Assert.That(result, Is.EqualTo(Depth + 7));
    }

    [Test]
    public void AnExceptionClimbsFromASuspendedLeaf([Values] Path path)
    {
        Exception? error = null;
        RunOnThread(() =>
        {
            using var loop = EventLoop.New(Options);
            var leaf = loop.CreateFuture<int>();
            var task = loop.CreateTask(Chain(path, leaf));
            loop.CallSoon(() => loop.CallSoon(() => leaf.SetException(new InvalidOperationException("the leaf failed"))));
            error = Capture.Exception(() => loop.RunUntilComplete(task));
        }, Watchdog, OneMegabyte);
        Assert.That(error, Is.TypeOf<InvalidOperationException>().With.Message.EqualTo("the leaf failed"));
    }

    [Test]
    public void ACancellationClimbsFromASuspendedLeaf([Values] Path path)
    {
        Exception? error = null;
        bool cancelled = false;
        RunOnThread(() =>
        {
            using var loop = EventLoop.New(Options);
            var leaf = loop.CreateFuture<int>();
            var task = loop.CreateTask(Chain(path, leaf));
            loop.CallSoon(() => loop.CallSoon(() => task.Cancel("deep")));
            error = Capture.Exception(() => loop.RunUntilComplete(task));
            cancelled = task.Cancelled && leaf.Cancelled;
        }, Watchdog, OneMegabyte);
        Assert.That(error, Is.TypeOf<CancelledError>());
        Assert.That(cancelled, Is.True, "the task and the future its leaf awaited end cancelled");
    }
}
