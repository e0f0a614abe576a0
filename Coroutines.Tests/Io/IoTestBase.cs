namespace Coroutines.Tests.Io;

/// <summary>
/// A fresh real-time loop on the fixture's I/O backend for each test, with the exception handler's reports collected.
/// Waits are bounded by <see cref="RunUntilSet"/>'s guard timer, so a broken selector fails the test instead of hanging.
/// </summary>
public abstract class IoTestBase(IoBackend backend)
{
    protected readonly IoBackend Backend = backend;
    protected EventLoop Loop = null!;
    protected List<ExceptionContext> Reports = null!;

    [SetUp]
    public void CreateLoop()
    {
        Loop = EventLoop.New(new EventLoopOptions { IoBackend = Backend });
        Reports = new List<ExceptionContext>();
        Loop.SetExceptionHandler((_, context) => Reports.Add(context));
    }

    [TearDown]
    public void CloseLoop()
    {
        if (!Loop.IsRunning)
            Loop.Close();
    }

    /// <summary>Runs the loop until <paramref name="future"/> is done, failing after <paramref name="limitSeconds"/> of real time.</summary>
    protected T RunUntilSet<T>(Future<T> future, double limitSeconds = 10)
    {
        var guard = Loop.CallLater(limitSeconds, () =>
        {
            if (!future.Done)
                future.SetException(new TimeoutException($"The loop did not get there within {limitSeconds} s."));
        });
        try
        {
            return Loop.RunUntilComplete(future);
        }
        finally
        {
            guard.Cancel();
        }
    }

    /// <summary>Runs <paramref name="iterations"/> loop iterations without blocking.</summary>
    protected void RunIterations(int iterations)
    {
        for (int i = 0; i < iterations; i++)
        {
            Loop.Stop();
            Loop.RunForever();
        }
    }
}
