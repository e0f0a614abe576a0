using Coroutines;

namespace Tutorial;

/// <summary>Tutorial example 2: a coroutine sleeps, then sets a future's result.</summary>
public static class FutureExample
{
    public static void Run()
    {
        using var loop = EventLoop.New();
        EventLoop.SetCurrent(loop);
        var future = new Future<string>(loop);
        // Keep the task: a dropped task reference is CORO011 (asyncio keeps only weak references to tasks).
        var producer = Loop.EnsureFuture(MyFunction(future));
        loop.RunUntilComplete(future);
        loop.RunUntilComplete(producer);
        Console.WriteLine(future.Result());
        EventLoop.SetCurrent(null);
    }

    private static async Coroutine MyFunction(Future<string> future)
    {
        await Loop.Sleep(TimeSpan.FromSeconds(2));
        future.SetResult("This text is printed using future class methods!");
    }
}
