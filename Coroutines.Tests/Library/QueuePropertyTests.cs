using CsCheck;
using Coroutines.Tests.Runtime;

namespace Coroutines.Tests.Library;

/// <summary>
/// Random interleavings of puts, gets, cancellations and loop iterations: every item put successfully comes out
/// exactly once, in the queue's order, and the lock never has two holders and serves waiters in FIFO order.
/// </summary>
public class QueuePropertyTests
{
    private enum Op { Put, Get, Cancel, Iterate, PutNowait, GetNowait }

    private static readonly Gen<Op[]> Scripts = Gen.Enum<Op>().Array[1, 60];

    [Test]
    public void Fifo_EveryItemExactlyOnce_InOrder() =>
        Scripts.Select(Gen.Int[0, 3], Gen.Int[0, 1000]).Sample((script, maxSize, seed) => RunQueueScript(new AsyncQueue<int>(maxSize), script, seed, ordered: true), iter: 300);

    [Test]
    public void Lifo_EveryItemExactlyOnce() =>
        Scripts.Select(Gen.Int[0, 3], Gen.Int[0, 1000]).Sample((script, maxSize, seed) => RunQueueScript(new AsyncLifoQueue<int>(maxSize), script, seed, ordered: false), iter: 200);

    [Test]
    public void Priority_EveryItemExactlyOnce() =>
        Scripts.Select(Gen.Int[0, 3], Gen.Int[0, 1000]).Sample((script, maxSize, seed) => RunQueueScript(new AsyncPriorityQueue<int>(maxSize), script, seed, ordered: false), iter: 200);

    [Test]
    public void Lock_OneHolderAtATime_FifoAmongWaitersThatWereNotCancelled() =>
        Gen.Int[0, 3].Array[1, 60].Select(Gen.Int[0, 1000]).Sample((script, seed) => RunLockScript(script, seed), iter: 300);

    private static bool RunQueueScript(AsyncQueue<int> queue, Op[] script, int seed, bool ordered)
    {
        using var loop = QuietLoop();
        var random = new Random(seed);
        var accepted = new List<int>();     // items whose put completed, in acceptance order
        var taken = new List<int>();        // items whose get completed, in completion order
        var pending = new List<Future>();
        int next = 0;

        async Coroutine Putter(int item)
        {
            await queue.Put(item);
            accepted.Add(item);
        }
        async Coroutine Getter() => taken.Add(await queue.Get());

        foreach (var op in script)
        {
            switch (op)
            {
                case Op.Put:
                    pending.Add(loop.CreateTask(Putter(next++)));
                    break;
                case Op.Get:
                    pending.Add(loop.CreateTask(Getter()));
                    break;
                case Op.Cancel:
                    pending.RemoveAll(f => f.Done);
                    if (pending.Count > 0)
                        pending[random.Next(pending.Count)].Cancel();
                    break;
                case Op.PutNowait:
                    if (!queue.IsFull)
                    {
                        queue.PutNowait(next);
                        accepted.Add(next++);
                    }
                    break;
                case Op.GetNowait:
                    try
                    {
                        taken.Add(queue.GetNowait());
                    }
                    catch (QueueEmptyException)
                    {
                    }
                    break;
                case Op.Iterate:
                    RunOneIteration(loop);
                    break;
            }
        }
        // Let every wake-up chain run out: each hand-over takes one iteration.
        for (int i = 0; i < 3 * script.Length + 10; i++)
            RunOneIteration(loop);
        // No lost wake-up: once things settle, nobody waits for an item while one is stored, or for room while there is some.
        bool noLostWakeUp = (queue.QueuedGetters == 0 || queue.IsEmpty) && (queue.QueuedPutters == 0 || queue.IsFull);
        // Drain: whatever is still stored, then release waiters by shutting down.
        var remaining = new List<int>();
        for (int guard = 0; ; guard++)
        {
            if (guard > 100)
                return false;   // items stayed reserved for getters that never came back: a lost wake-up
            try
            {
                remaining.Add(queue.GetNowait());
            }
            catch (QueueEmptyException)
            {
                if (queue.IsEmpty)
                    break;
                RunOneIteration(loop);   // items reserved for woken getters: let them resume
            }
        }
        queue.Shutdown();
        for (int i = 0; i < 5; i++)
            RunOneIteration(loop);
        foreach (var f in pending)
        {
            if (f.Done && !f.Cancelled)
                f.Exception();   // mark shutdown failures retrieved
        }

        var output = taken.Concat(remaining).ToList();
        bool exactlyOnce = output.OrderBy(x => x).SequenceEqual(accepted.OrderBy(x => x));
        bool inOrder = !ordered || output.SequenceEqual(accepted);
        return noLostWakeUp && exactlyOnce && inOrder;
    }

    private static bool RunLockScript(int[] script, int seed)
    {
        using var loop = QuietLoop();
        var random = new Random(seed);
        var l = new AsyncLock();
        int holders = 0;
        bool overlap = false;
        var requested = new List<int>();
        var granted = new List<int>();
        var tasks = new List<CoroutineTask>();
        var cancelled = new HashSet<int>();
        int next = 0;

        async Coroutine Worker(int id)
        {
            using (await l.Acquire())
            {
                granted.Add(id);
                if (++holders > 1)
                    overlap = true;
                try
                {
                    await Coroutines.Loop.Yield();
                }
                finally
                {
                    holders--;
                }
            }
        }

        foreach (var op in script)
        {
            switch (op)
            {
                case 0:
                case 1:
                    requested.Add(next);
                    tasks.Add(loop.CreateTask(Worker(next++)));
                    break;
                case 2:
                    var live = tasks.Where(t => !t.Done).ToList();
                    if (live.Count > 0)
                    {
                        var victim = live[random.Next(live.Count)];
                        victim.Cancel();
                        cancelled.Add(tasks.IndexOf(victim));
                    }
                    break;
                default:
                    RunOneIteration(loop);
                    break;
            }
        }
        for (int i = 0; i < 4 * script.Length + 10; i++)
            RunOneIteration(loop);

        var expected = requested.Where(id => !cancelled.Contains(id)).ToList();
        var grantedUncancelled = granted.Where(id => !cancelled.Contains(id)).ToList();
        return !overlap && !l.Locked && tasks.All(t => t.Done) && grantedUncancelled.SequenceEqual(expected);
    }

    /// <summary>A virtual-time loop whose reports (shut-down waiters, cancelled leftovers) are expected and kept quiet.</summary>
    private static EventLoop QuietLoop()
    {
        var loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        loop.SetExceptionHandler((_, _) => { });
        return loop;
    }

    private static void RunOneIteration(EventLoop loop)
    {
        loop.Stop();
        loop.RunForever();
    }
}
