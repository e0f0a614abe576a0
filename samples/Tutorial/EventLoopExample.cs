using Coroutines;

namespace Tutorial;

/// <summary>Tutorial example 1: call_soon a function that prints, then stops the loop.</summary>
public static class EventLoopExample
{
    public static void Run()
    {
        using var loop = EventLoop.New();
        loop.CallSoon(LoopText, loop);   // the state overload: no closure
        loop.RunForever();
    }

    private static void LoopText(EventLoop loop)
    {
        Console.WriteLine("Printing this text through the event loop");
        loop.Stop();
    }
}
