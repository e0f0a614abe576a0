using Coroutines;

namespace Tutorial;

/// <summary>Tutorial examples 3 and 4: the two ways to write a coroutine.</summary>
public static partial class CoroutineExamples
{
    // Example 3: Python's @asyncio.coroutine decorator becomes the [Coroutine] attribute. Coroutines.Generator
    // turns the body into a readable state-machine class, and every call of OperationCoroutine() runs it.
    [Coroutine]
    private static async Coroutine OperationCoroutine()
    {
        Console.WriteLine("This text is present inside the coroutine of the asyncio module!");
        await Loop.Yield();
    }

    // Example 4: `async def` becomes an ordinary async method returning Coroutine.
    private static async Coroutine OperationCoroutineAsyncDef()
    {
        Console.WriteLine("This text is present inside the coroutine of the asyncio module!");
        await Loop.Yield();
    }

    public static void RunAttributed()
    {
        using var loop = EventLoop.New();
        loop.RunUntilComplete(OperationCoroutine());
    }

    public static void RunAsyncMethod()
    {
        using var loop = EventLoop.New();
        loop.RunUntilComplete(OperationCoroutineAsyncDef());
    }
}
