using CsCheck;

namespace Coroutines.Tests.Runtime;

/// <summary>
/// The ready queue (a growable ring buffer with O(1) handle cancellation) against a model: random sequences
/// of CallSoon, Handle.Cancel and single iterations run exactly the callbacks not cancelled, in FIFO order,
/// and Cancel/Cancelled answer as asyncio's Handle does.
/// </summary>
public class ReadyQueuePropertyTests
{
    private enum Op { Schedule, Cancel, Iterate }

    private static readonly Gen<(Op Op, int Target)> Step =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, int.MaxValue], (kind, target) =>
            (kind < 6 ? Op.Schedule : kind < 8 ? Op.Cancel : Op.Iterate, target));

    [Test]
    public void RandomCallSoonCancelSequences_RunTheNonCancelledCallbacksInFifoOrder()
    {
        Step.Array[1, 1500].Sample(steps =>
        {
            using var loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
            var ran = new List<int>();
            var handles = new List<Handle>();
            var expectedRan = new List<int>();
            var pending = new List<int>();          // model: scheduled, not yet run, not cancelled
            var cancelled = new HashSet<int>();
            int lastCancelled = -1;
            foreach (var (op, target) in steps)
            {
                switch (op)
                {
                    case Op.Schedule:
                        int id = handles.Count;
                        handles.Add(loop.CallSoon(static s => s.ran.Add(s.id), (ran, id)));
                        pending.Add(id);
                        break;
                    case Op.Cancel when handles.Count > 0:
                        int victim = target % handles.Count;
                        bool expected = pending.Remove(victim);
                        if (expected)
                        {
                            cancelled.Add(victim);
                            lastCancelled = victim;
                        }
                        if (handles[victim].Cancel() != expected)
                            return false;
                        break;
                    case Op.Iterate:
                        loop.Stop();
                        loop.RunForever();
                        expectedRan.AddRange(pending);
                        pending.Clear();
                        break;
                }
            }
            loop.Stop();
            loop.RunForever();
            expectedRan.AddRange(pending);
            // Handle.Cancelled is exact for handles never cancelled; for cancelled ones it is remembered for the 64
            // most recent skips (documented on Handle.Cancelled), so only the latest cancellation is checked.
            return ran.SequenceEqual(expectedRan)
                && Enumerable.Range(0, handles.Count).Where(i => !cancelled.Contains(i)).All(i => !handles[i].Cancelled)
                && (cancelled.Count == 0 || handles[lastCancelled].Cancelled);
        }, iter: 300);
    }
}
