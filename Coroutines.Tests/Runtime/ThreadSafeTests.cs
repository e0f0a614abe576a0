namespace Coroutines.Tests.Runtime;

/// <summary>asyncio: <c>call_soon_threadsafe</c>, and the loop under concurrent posting.</summary>
public class ThreadSafeTests : LoopTestBase
{
    [Test]
    public void CallSoonThreadSafe_FromAnotherThread_IsOrderedBeforeALaterCallSoon()
    {
        var log = new List<string>();
        var thread = new Thread(() => Loop.CallSoonThreadSafe(() => log.Add("thread")));
        thread.Start();
        thread.Join();
        Loop.CallSoon(() => log.Add("same-thread"));

        RunIterations(1);

        Assert.That(log, Is.EqualTo(new[] { "thread", "same-thread" }));
    }

    [Test]
    public void CallSoonThreadSafe_WakesALoopBlockedWithNothingToDo()
    {
        var future = Loop.CreateFuture<string>();
        Loop.CallSoon(() =>
        {
            // The loop has nothing ready and no timer: it blocks until another thread posts.
            new Thread(() => Loop.CallSoonThreadSafe(() => future.SetResult("woken"))).Start();
        });

        Assert.That(Loop.RunUntilComplete(future), Is.EqualTo("woken"));
    }

    [Test]
    public void CallSoonThreadSafe_WakesALoopBlockedWaitingForItsNextTimer()
    {
        // A real clock: the loop would otherwise sleep an hour for its timer. Nothing about elapsed time is asserted.
        using var loop = EventLoop.New();
        bool timerRan = false;
        loop.CallLater(3600, () => timerRan = true);
        var future = loop.CreateFuture<int>();
        loop.CallSoon(() => new Thread(() => loop.CallSoonThreadSafe(() => future.SetResult(1))).Start());

        Assert.That(loop.RunUntilComplete(future), Is.EqualTo(1));
        Assert.That(timerRan, Is.False);
    }

    [Test]
    public void CallSoonThreadSafe_NullCallback_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Loop.CallSoonThreadSafe(null!));
        Assert.Throws<ArgumentNullException>(() => Loop.CallSoonThreadSafe<int>(null!, 1));
    }

    [Test]
    public void CallSoonThreadSafe_OneMillionPostsFromTwoThreads_NoneLostAndOrderKeptPerThread()
    {
        const int PerThread = 500_000;
        var received = new int[2];
        var outOfOrder = new int[2];
        var done = Loop.CreateFuture<bool>();

        void Receive((int Thread, int Sequence) post)
        {
            if (post.Sequence != received[post.Thread])
                outOfOrder[post.Thread]++;
            received[post.Thread] = post.Sequence + 1;
            if (received[0] == PerThread && received[1] == PerThread)
                done.TrySetResult(true);
        }

        void Post(int thread)
        {
            for (int i = 0; i < PerThread; i++)
                Loop.CallSoonThreadSafe(Receive, (thread, i));
        }

        // Start the posters from inside the loop so they post while it runs.
        Loop.CallSoon(() =>
        {
            new Thread(() => Post(0)).Start();
            new Thread(() => Post(1)).Start();
        });

        Assert.That(Loop.RunUntilComplete(done), Is.True);
        Assert.That(received, Is.EqualTo(new[] { PerThread, PerThread }));
        Assert.That(outOfOrder, Is.EqualTo(new[] { 0, 0 }));
    }

    [Test]
    public void CallbackExceptions_FromThreadSafePosts_ReachTheHandlerAndTheLoopKeepsRunning()
    {
        const int Posts = 1000;
        int ran = 0;
        var done = Loop.CreateFuture<int>();
        Loop.CallSoon(() => new Thread(() =>
        {
            for (int i = 0; i < Posts; i++)
            {
                int n = i;
                Loop.CallSoonThreadSafe(() =>
                {
                    ran++;
                    if (n == Posts - 1) done.SetResult(ran);
                    if (n % 2 == 0) throw new InvalidOperationException($"post {n}");
                });
            }
        }).Start());

        Assert.That(Loop.RunUntilComplete(done), Is.EqualTo(Posts));
        Assert.That(Reports, Has.Count.EqualTo(Posts / 2));
        Assert.That(Reports.All(r => r.Exception is InvalidOperationException), Is.True);
    }
}
