namespace Coroutines.Tests.Runtime.Reliability;

/// <summary>
/// Nothing accepted is dropped without a word: <c>Close()</c> reports the <c>CallSoonThreadSafe</c> callbacks it
/// drops, with their count, and <c>Shutdown()</c> (which <c>EventLoop.Run</c> ends with) runs every callback it
/// accepted before closing, refusing other threads' calls from the moment it begins.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public class ShutdownTests(bool virtualTime) : BothClocksTestBase(virtualTime)
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(1);

    private void PostFromAnotherThread(int count, Action callback) =>
        RunOnThread(() =>
        {
            for (int i = 0; i < count; i++)
                Loop.CallSoonThreadSafe(callback);
        }, Watchdog);

    [Test]
    public void CloseReportsThreadSafeCallbacksThatNeverRanWithTheirCount()
    {
        int ran = 0;
        PostFromAnotherThread(5, () => ran++);

        Loop.Close();

        Assert.That(ran, Is.Zero);
        Assert.That(Reports, Has.Count.EqualTo(1));
        Assert.That(Reports[0].Message, Does.StartWith("5 callback(s) accepted by CallSoonThreadSafe never ran"));
        Assert.That(Reports[0].Extra["dropped_callbacks"], Is.EqualTo(5));
    }

    [Test]
    public void CloseReportsNothingWhenEveryThreadSafeCallbackRan()
    {
        int ran = 0;
        PostFromAnotherThread(5, () => ran++);
        Loop.Stop();
        Loop.RunForever();

        Loop.Close();

        Assert.That(ran, Is.EqualTo(5));
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void ShutdownRunsTheThreadSafeCallbacksItAcceptedBeforeClosing()
    {
        int ran = 0;
        PostFromAnotherThread(5, () => ran++);
        Loop.CallSoon(() => ran += 10);

        Loop.Shutdown();

        Assert.That(ran, Is.EqualTo(15));
        Assert.That(Loop.IsClosed, Is.True);
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void ShutdownRefusesOtherThreadsCallsOnceItHasBegun()
    {
        Exception? refused = null;
        bool lateCallbackRan = false;
        // Runs in Shutdown's last iteration: another thread's call now must fail loudly rather than be dropped.
        Loop.CallSoon(() => RunOnThread(() => refused = Capture.Exception(() => Loop.CallSoonThreadSafe(() => lateCallbackRan = true)), Watchdog));

        Loop.Shutdown();

        Assert.That(refused, Is.TypeOf<ObjectDisposedException>());
        Assert.That(lateCallbackRan, Is.False);
        Assert.That(Reports, Is.Empty);
    }

    /// <summary>Four threads post as fast as they can while the loop's main coroutine ends and the loop closes.</summary>
    private static (int Ran, int Accepted) PostWhileTheLoopEnds(Action<Func<Coroutine>> runMain)
    {
        int ran = 0;
        int accepted = 0;
        var posters = new List<Task>();
        async Coroutine Main()
        {
            var loop = EventLoop.Running;
            using var started = new CountdownEvent(4);
            for (int t = 0; t < 4; t++)
            {
                posters.Add(Task.Factory.StartNew(() =>
                {
                    int mine = 0;
                    started.Signal();
                    try
                    {
                        for (int i = 0; i < 1_000_000; i++)
                        {
                            loop.CallSoonThreadSafe(() => ran++);
                            mine++;
                        }
                    }
                    catch (ObjectDisposedException)
                    {
                        // refused: the loop is shutting down or closed
                    }
                    Interlocked.Add(ref accepted, mine);
                }, TaskCreationOptions.LongRunning));
            }
            await loop.RunInExecutor(() => started.Wait());
            for (int i = 0; i < 20; i++)
                await Coroutines.Loop.Yield();
        }
        runMain(Main);
        Assert.That(Task.WaitAll(posters.ToArray(), Watchdog), Is.True, "the posting threads stop once the loop refuses them");
        return (ran, accepted);
    }

    [Test]
    public void ShutdownRunsEveryCallAcceptedWhileOtherThreadsPostAsTheLoopEnds()
    {
        var (ran, accepted) = PostWhileTheLoopEnds(main =>
        {
            Loop.RunUntilComplete(main());
            Loop.Shutdown();
        });

        Assert.That(ran, Is.EqualTo(accepted));
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void EventLoopRunRunsEveryCallAcceptedWhileOtherThreadsPostAsItsMainReturns()
    {
        var (ran, accepted) = PostWhileTheLoopEnds(main => EventLoop.Run(main(), Options));

        Assert.That(ran, Is.EqualTo(accepted));
    }
}
