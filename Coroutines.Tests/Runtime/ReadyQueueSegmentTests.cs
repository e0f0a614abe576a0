namespace Coroutines.Tests.Runtime;

/// <summary>
/// The ready queue's segments: FIFO order and handle cancellation across segment boundaries, a queue that empties
/// exactly at a boundary, the segment table growing while the head is not at its start, and segments recycled
/// through the pool instead of allocated again.
/// </summary>
public class ReadyQueueSegmentTests
{
    private const int Segment = ReadyQueue.SegmentLength;

    private static readonly object Callback = new();

    /// <summary>Enqueues <paramref name="count"/> entries whose state is their running number, from <paramref name="first"/>.</summary>
    private static List<long> EnqueueNumbered(ReadyQueue queue, int first, int count)
    {
        var sequences = new List<long>(count);
        for (int i = 0; i < count; i++)
            sequences.Add(queue.Enqueue(Callback, first + i, WorkKind.RefState));
        return sequences;
    }

    private static List<int> DequeueStates(ReadyQueue queue, int count)
    {
        var states = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            queue.Dequeue(out var item);
            states.Add(item.State is int number ? number : -1);
        }
        return states;
    }

    [Test]
    public void ABurstOfFiveSegments_ComesOutInFifoOrder_WithConsecutiveSequences()
    {
        var queue = new ReadyQueue();
        int count = 5 * Segment + 17;

        var sequences = EnqueueNumbered(queue, 0, count);

        Assert.That(queue.Count, Is.EqualTo(count));
        Assert.That(sequences.Zip(sequences.Skip(1), (a, b) => b - a), Is.All.EqualTo(1));
        Assert.That(DequeueStates(queue, count), Is.EqualTo(Enumerable.Range(0, count)));
        Assert.That(queue.Count, Is.Zero);
    }

    [Test]
    public void AQueueKeptPartlyFull_PassesManySegmentsThrough_InOrder_AndReusesItsSegments()
    {
        var queue = new ReadyQueue();
        int inFlight = Segment + Segment / 2, total = 40 * Segment, next = 0, expected = 0;
        next += EnqueueNumbered(queue, next, inFlight).Count;
        while (next < total)
        {
            next += EnqueueNumbered(queue, next, 100).Count;
            foreach (int state in DequeueStates(queue, 100))
                Assert.That(state, Is.EqualTo(expected++));
        }
        foreach (int state in DequeueStates(queue, queue.Count))
            Assert.That(state, Is.EqualTo(expected++));

        Assert.That(expected, Is.EqualTo(next));
        Assert.That(next, Is.GreaterThanOrEqualTo(total));
        Assert.That(queue.SegmentsAllocated, Is.LessThanOrEqualTo(4), "segments the head passed were reused, not allocated anew");
    }

    [Test]
    public void ASecondBurstOfTheSameSize_AllocatesNoSegment()
    {
        var queue = new ReadyQueue();
        int count = 8 * Segment;
        EnqueueNumbered(queue, 0, count);
        DequeueStates(queue, count);
        int allocated = queue.SegmentsAllocated;
        int pooled = queue.PooledSegments;

        EnqueueNumbered(queue, 0, count);
        var states = DequeueStates(queue, count);

        Assert.That(states, Is.EqualTo(Enumerable.Range(0, count)));
        Assert.That(queue.SegmentsAllocated, Is.EqualTo(allocated));
        Assert.That(queue.PooledSegments, Is.EqualTo(pooled));
        Assert.That(pooled, Is.GreaterThanOrEqualTo(8));
    }

    [Test]
    public void HandlesCancelEntriesInAnySegment_AndTheSkippedOnesStayCancelled()
    {
        var queue = new ReadyQueue();
        int count = 3 * Segment + 5;
        var sequences = EnqueueNumbered(queue, 0, count);
        var victims = Enumerable.Range(0, count).Where(i => i % 7 == 3 || i == Segment - 1 || i == Segment).ToHashSet();

        foreach (int victim in victims)
            Assert.That(queue.TryCancel(sequences[victim]), Is.True);

        Assert.That(queue.TryCancel(sequences[3]), Is.False, "already cancelled");
        Assert.That(queue.IsPending(sequences[Segment + 2]), Is.True);
        Assert.That(queue.IsCancelled(sequences[Segment]), Is.True);
        var kinds = new List<WorkKind>();
        for (int i = 0; i < count; i++)
        {
            queue.Dequeue(out var item);
            kinds.Add(item.Kind);
        }
        Assert.That(kinds.Select((kind, i) => kind == WorkKind.Cancelled == victims.Contains(i)), Is.All.True);
        Assert.That(queue.IsCancelled(sequences[victims.Max()]), Is.True, "the newest skipped entries are still known as cancelled");
        Assert.That(queue.IsPending(sequences[Segment + 2]), Is.False, "ran, so no longer pending");
    }

    [Test]
    public void AQueueThatEmptiesExactlyAtASegmentBoundary_TakesNewEntriesInOrder()
    {
        var queue = new ReadyQueue();
        int first = Segment - 1;   // sequences start at 1: these fill segment 0 to its last slot
        EnqueueNumbered(queue, 0, first);
        DequeueStates(queue, first);
        Assert.That(queue.Count, Is.Zero);

        var sequences = EnqueueNumbered(queue, first, 3);

        Assert.That(sequences[0], Is.EqualTo(Segment), "the next entry opens segment 1");
        Assert.That(DequeueStates(queue, 3), Is.EqualTo(new[] { first, first + 1, first + 2 }));
        Assert.That(queue.TryCancel(sequences[0]), Is.False, "already run");
    }

    [Test]
    public void TheSegmentTableGrows_WhileTheHeadIsFarFromItsStart()
    {
        var queue = new ReadyQueue();
        int moved = 6 * Segment + 300;
        EnqueueNumbered(queue, 0, moved);
        DequeueStates(queue, moved);   // the head now sits in segment 6, so the table wraps around

        int burst = 20 * Segment;
        var sequences = EnqueueNumbered(queue, 0, burst);

        Assert.That(queue.TryCancel(sequences[burst - 1]), Is.True, "an entry in the newest segment is found by its sequence");
        var states = DequeueStates(queue, burst);
        Assert.That(states.Take(burst - 1), Is.EqualTo(Enumerable.Range(0, burst - 1)));
        Assert.That(states[^1], Is.EqualTo(-1), "the cancelled entry lost its state");
    }

    [Test]
    public void ClearAtAnyPoint_DropsEverything_AndSequencesContinue()
    {
        var queue = new ReadyQueue();
        var before = EnqueueNumbered(queue, 0, 2 * Segment + 10);
        DequeueStates(queue, Segment / 2);

        queue.Clear();

        Assert.That(queue.Count, Is.Zero);
        Assert.That(queue.IsPending(before[^1]), Is.False);
        var after = EnqueueNumbered(queue, 100, 2 * Segment);
        Assert.That(after[0], Is.EqualTo(before[^1] + 1));
        Assert.That(DequeueStates(queue, 2 * Segment), Is.EqualTo(Enumerable.Range(100, 2 * Segment)));
    }

    [Test]
    public void ALoopRunsABurstSpanningSegments_InFifoOrder_SkippingCancelledHandles()
    {
        using var loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        var ran = new List<int>();
        var handles = new List<Handle>();
        int count = 4 * Segment + 3;
        for (int i = 0; i < count; i++)
            handles.Add(loop.CallSoon(static s => s.ran.Add(s.i), (ran, i)));
        for (int i = Segment - 2; i < count; i += Segment)
            handles[i].Cancel();
        loop.CallSoon(loop.Stop);

        loop.RunForever();

        var expected = Enumerable.Range(0, count).Where(i => (i - (Segment - 2)) % Segment != 0 || i < Segment - 2).ToList();
        Assert.That(ran, Is.EqualTo(expected));
        Assert.That(handles[Segment - 2].Cancelled, Is.True);
    }
}
