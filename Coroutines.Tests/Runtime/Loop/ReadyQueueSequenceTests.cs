using Coroutines;

namespace Coroutines.Tests.Runtime.Loop;

/// <summary>
/// Handles refer to ready-queue entries by sequence number, which the queue derives from an entry's position
/// (slots do not store it). These pin that the right entry is cancelled and remembered.
/// </summary>
public class ReadyQueueSequenceTests : LoopTestBase
{
    [Test]
    public void CancellingOneHandle_SkipsExactlyThatCallback_AndItStaysCancelledAfterTheLoopSkippedIt()
    {
        var ran = new List<int>();
        var handles = new List<Handle>();
        for (int i = 0; i < 5; i++)
        {
            int n = i;
            handles.Add(Loop.CallSoon(() => ran.Add(n)));
        }

        Assert.That(handles[2].Cancel(), Is.True);
        RunIterations(1);

        Assert.That(ran, Is.EqualTo(new[] { 0, 1, 3, 4 }));
        Assert.That(handles[2].Cancelled, Is.True);
        Assert.That(handles.Where((_, i) => i != 2).Select(h => h.Cancelled), Is.All.False);
    }

    [Test]
    public void Sequences_StayRightAcrossRingGrowthAndWrapAround()
    {
        // Wrap the ring part-way, then grow it past its initial capacity with entries still queued.
        for (int i = 0; i < 200; i++)
            Loop.CallSoon(() => { });
        RunIterations(1);
        var ran = new List<int>();
        var handles = new List<Handle>();
        for (int i = 0; i < 1000; i++)
        {
            int n = i;
            handles.Add(Loop.CallSoon(() => ran.Add(n)));
        }
        var cancelled = new HashSet<int> { 0, 57, 255, 256, 999 };
        foreach (int i in cancelled)
            Assert.That(handles[i].Cancel(), Is.True);

        RunIterations(1);

        Assert.That(ran, Is.EqualTo(Enumerable.Range(0, 1000).Where(i => !cancelled.Contains(i))));
        Assert.That(cancelled.Select(i => handles[i].Cancelled), Is.All.True);
        Assert.That(handles[1].Cancelled, Is.False);
        Assert.That(handles[0].Cancel(), Is.False, "an entry the loop has already dropped cannot be cancelled again");
    }
}
