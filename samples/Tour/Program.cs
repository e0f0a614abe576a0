// The README's tour, compiled: dotnet run --project samples/Tour
using Coroutines;

Console.WriteLine($"{EventLoop.Run(Jobs.RunAll())} tasks done");   // asyncio.run: new loop, run, cancel leftovers, close

public static partial class Jobs
{
    [Coroutine]                                      // calls of TaskEx run the generated machine TaskExCoroutine
    public static async Coroutine TaskEx(int n)
    {
        await Loop.Sleep(TimeSpan.FromSeconds(2));   // suspends this coroutine only; Thread.Sleep here would
        Console.WriteLine($"coroutine no: {n}");     // freeze them all (analyzer CORO002, with a fix)
    }

    [Coroutine]
    public static async Coroutine<int> RunAll()
    {
        var tasks = Enumerable.Range(0, 3).Select(i => Loop.CreateTask(TaskEx(i))).ToList();
        await Loop.Yield();
        Console.Write(EventLoop.Running.DumpTasks());  // every pending task and the line it waits at
        foreach (var task in tasks)
            await task;                              // three 2-second sleeps take 2 seconds in all
        return tasks.Count;
    }
}
