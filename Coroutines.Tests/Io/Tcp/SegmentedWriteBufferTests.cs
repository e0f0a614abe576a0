using Coroutines.Transports;

namespace Coroutines.Tests.Io.Tcp;

/// <summary>The transport's write buffer: order, partial consumption, gathering, and segments released as they drain.</summary>
public sealed class SegmentedWriteBufferTests
{
    private static byte[] Drain(SegmentedWriteBuffer buffer, int step)
    {
        var output = new List<byte>();
        while (!buffer.IsEmpty)
        {
            var first = buffer.First;
            int take = Math.Min(step, first.Length);
            output.AddRange(first[..take].ToArray());
            buffer.Consume(take);
        }
        return output.ToArray();
    }

    [Test]
    public void AppendedBytes_ComeOutInOrder_WhateverTheConsumedSteps([Values(7, 4096, 100_000)] int step)
    {
        var buffer = new SegmentedWriteBuffer();
        var expected = new List<byte>();
        var random = new Random(step);
        for (int i = 0; i < 40; i++)
        {
            var chunk = new byte[random.Next(1, 20_000)];
            random.NextBytes(chunk);
            buffer.Append(chunk);
            expected.AddRange(chunk);
        }
        Assert.That(buffer.Length, Is.EqualTo(expected.Count));
        Assert.That(Drain(buffer, step), Is.EqualTo(expected.ToArray()));
        Assert.That(buffer.Length, Is.Zero);
        Assert.That(buffer.SegmentCount, Is.Zero, "drained segments go back to the pool");
    }

    [Test]
    public void SmallWrites_ShareASegment_LargeOnesGetTheirOwn()
    {
        var buffer = new SegmentedWriteBuffer();
        for (int i = 0; i < 100; i++)
            buffer.Append(new byte[10]);
        Assert.That(buffer.SegmentCount, Is.EqualTo(1));
        buffer.Append(new byte[1 << 20]);
        Assert.That(buffer.SegmentCount, Is.EqualTo(2), "the large write fills the first segment, then gets one of its own");
        Assert.That(buffer.Length, Is.EqualTo(1000 + (1 << 20)));
    }

    [Test]
    public void Gather_StopsAtTheIovecLimit()
    {
        var buffer = new SegmentedWriteBuffer();
        for (int i = 0; i < SegmentedWriteBuffer.MaxGatheredSegments + 10; i++)
            buffer.Append(new byte[64 * 1024]);
        var gather = new List<ArraySegment<byte>>();
        buffer.Gather(gather);
        Assert.That(gather, Has.Count.EqualTo(SegmentedWriteBuffer.MaxGatheredSegments));
    }

    [Test]
    public void Clear_DropsEverything()
    {
        var buffer = new SegmentedWriteBuffer();
        buffer.Append(new byte[100_000]);
        buffer.Clear();
        Assert.That(buffer.IsEmpty, Is.True);
        Assert.That(buffer.SegmentCount, Is.Zero);
        buffer.Append([1, 2, 3]);
        Assert.That(buffer.First.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }
}
