using System.Diagnostics;
using Coroutines;

namespace Tutorial;

/// <summary>Tutorial example 5: ten tasks on one loop.</summary>
public static class TasksExample
{
    public static void Run()
    {
        var clock = Stopwatch.StartNew();
        EventLoop.Run(GeneratorTask());
        Console.WriteLine($"(ten 2-second sleeps took {clock.Elapsed.TotalSeconds:0.0} s in all: they ran concurrently)");
    }

    private static async Coroutine TaskEx(int n)
    {
        // The tutorial calls time.sleep(2) here. That blocks the loop's only thread, so the ten tasks
        // run one after another (20 s) and nothing else can run meanwhile; Thread.Sleep(2000) is the same
        // mistake in C#, and the CORO002 analyzer flags it. Awaiting Loop.Sleep suspends only this coroutine.
        await Loop.Sleep(TimeSpan.FromSeconds(2));
        Console.WriteLine($"Loop event is processing coroutine no: {n}");
    }

    private static async Coroutine GeneratorTask()
    {
        var tasks = new List<CoroutineTask>();
        for (int i = 0; i < 10; i++)
            tasks.Add(Loop.EnsureFuture(TaskEx(i)));
        // The tutorial never awaits its tasks (and forgets to await asyncio.sleep(2)), so it only prints in
        // this order because time.sleep blocks. Awaiting each task makes the order a guarantee.
        foreach (var task in tasks)
            await task;
        Console.WriteLine("All given tasks are completed");
    }
}
