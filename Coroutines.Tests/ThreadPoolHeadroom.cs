namespace Coroutines.Tests;

/// <summary>
/// Runs once before every test of the assembly. Several tests block thread-pool threads on purpose (synchronous reads
/// off the loop, Task code that waits), and on a 2-core machine the pool then adds threads only about once a second.
/// Virtual-time tests that await a foreign <c>Task</c> wait for its thread-pool continuation for one second of real
/// time before the idle loop jumps its clock (the loop cannot know the Task is not one it would complete itself), so a
/// starved pool turned them into order-dependent failures. Headroom keeps each test independent of the ones before it.
/// </summary>
[SetUpFixture]
public sealed class ThreadPoolHeadroom
{
    private const int MinimumThreads = 32;

    [OneTimeSetUp]
    public void GiveThePoolHeadroom()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinimumThreads), Math.Max(completionPorts, MinimumThreads));
    }
}
