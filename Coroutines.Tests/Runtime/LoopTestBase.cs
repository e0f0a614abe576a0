using Coroutines;

namespace Coroutines.Tests.Runtime;

/// <summary>Gives each test a fresh virtual-time loop, set as current, and collects exception-handler reports.</summary>
public abstract class LoopTestBase
{
    protected EventLoop Loop = null!;
    protected List<ExceptionContext> Reports = null!;

    [SetUp]
    public void CreateLoop()
    {
        Loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        Reports = new List<ExceptionContext>();
        Loop.SetExceptionHandler((_, context) => Reports.Add(context));
        EventLoop.SetCurrent(Loop);
    }

    [TearDown]
    public void CloseLoop()
    {
        EventLoop.SetCurrent(null);
        if (!Loop.IsRunning)
            Loop.Close();
    }

    /// <summary>Runs the loop until <paramref name="seconds"/> of loop time have passed (a sleeping task).</summary>
    protected void RunFor(double seconds)
    {
        static async Coroutine SleepFor(double seconds) => await Coroutines.Loop.Sleep(seconds);
        Loop.RunUntilComplete(SleepFor(seconds));
    }

    /// <summary>Runs exactly <paramref name="iterations"/> loop iterations.</summary>
    protected void RunIterations(int iterations = 1)
    {
        for (int i = 0; i < iterations; i++)
        {
            Loop.Stop();
            Loop.RunForever();
        }
    }
}
