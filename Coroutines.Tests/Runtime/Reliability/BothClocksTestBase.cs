namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>
/// A fresh loop per test, real-time or virtual-time as the fixture says: the behaviour these tests assert does not
/// depend on time, so it must hold on both clocks. Exception-handler reports are collected.
/// </summary>
public abstract class BothClocksTestBase(bool virtualTime)
{
    protected EventLoop Loop = null!;
    protected List<ExceptionContext> Reports = null!;

    protected bool VirtualTime => virtualTime;

    protected EventLoopOptions Options => new() { VirtualTime = virtualTime };

    [SetUp]
    public void CreateLoop()
    {
        Loop = EventLoop.New(Options);
        Reports = new List<ExceptionContext>();
        Loop.SetExceptionHandler((_, context) => Reports.Add(context));
    }

    [TearDown]
    public void CloseLoop()
    {
        if (!Loop.IsRunning)
            Loop.Close();
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a thread of its own with a <paramref name="stackSize"/>-byte stack and fails
    /// the test if it does not finish within <paramref name="timeout"/> (a watchdog for code that could hang).
    /// Exceptions thrown by the body are rethrown here.
    /// </summary>
    protected static void RunOnThread(Action body, TimeSpan timeout, int stackSize = 0)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, stackSize) { IsBackground = true, Name = "test body" };
        thread.Start();
        if (!thread.Join(timeout))
            Assert.Fail($"The test body did not finish within {timeout.TotalSeconds} s: it hangs.");
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }
}
