using System.Buffers;

namespace Coroutines.Transports;

/// <summary>
/// The bytes a stream transport could not send at once, in order, in segments rented from
/// <see cref="ArrayPool{T}.Shared"/>. It holds memory only while the peer is slow: a drained segment goes straight
/// back to the pool, so a connection whose writes leave at once owns no buffer at all.
/// </summary>
/// <remarks>Not thread-safe; the loop thread owns it.</remarks>
internal sealed class SegmentedWriteBuffer
{
    /// <summary>The smallest segment rented: small writes share one, large ones get a segment of their own size.</summary>
    private const int MinimumSegmentSize = 16 * 1024;

    /// <summary>At most this many segments leave in one gathered send (well under every platform's IOV_MAX).</summary>
    public const int MaxGatheredSegments = 64;

    private readonly Queue<Segment> _segments = new();
    private Segment? _tail;

    /// <summary>The bytes waiting to be sent.</summary>
    public int Length { get; private set; }

    /// <summary>Whether nothing waits.</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>How many segments hold unsent bytes.</summary>
    public int SegmentCount => _segments.Count;

    /// <summary>Copies <paramref name="data"/> to the end of the buffer (the caller's memory is never kept).</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_tail is null || _tail.End == _tail.Array.Length)
            {
                _tail = new Segment(ArrayPool<byte>.Shared.Rent(Math.Max(MinimumSegmentSize, data.Length)));
                _segments.Enqueue(_tail);
            }
            int count = Math.Min(data.Length, _tail.Array.Length - _tail.End);
            data[..count].CopyTo(_tail.Array.AsSpan(_tail.End));
            _tail.End += count;
            Length += count;
            data = data[count..];
        }
    }

    /// <summary>The unsent bytes of the first segment.</summary>
    public ReadOnlySpan<byte> First => _segments.TryPeek(out var head) ? head.Array.AsSpan(head.Start, head.End - head.Start) : default;

    /// <summary>Fills <paramref name="target"/> (cleared first) with up to <see cref="MaxGatheredSegments"/> unsent segments, in order.</summary>
    public void Gather(List<ArraySegment<byte>> target)
    {
        target.Clear();
        foreach (var segment in _segments)
        {
            target.Add(new ArraySegment<byte>(segment.Array, segment.Start, segment.End - segment.Start));
            if (target.Count == MaxGatheredSegments)
                break;
        }
    }

    /// <summary>Drops the first <paramref name="count"/> bytes (they were sent); drained segments return to the pool.</summary>
    public void Consume(int count)
    {
        Length -= count;
        while (count > 0)
        {
            var head = _segments.Peek();
            int available = head.End - head.Start;
            if (count < available)
            {
                head.Start += count;
                return;
            }
            count -= available;
            Release(_segments.Dequeue());
        }
    }

    /// <summary>Drops everything (an abort) and returns the segments to the pool.</summary>
    public void Clear()
    {
        while (_segments.TryDequeue(out var segment))
            Release(segment);
        Length = 0;
    }

    private void Release(Segment segment)
    {
        if (ReferenceEquals(segment, _tail))
            _tail = null;
        ArrayPool<byte>.Shared.Return(segment.Array);
    }

    /// <summary>A rented array and the unsent range inside it.</summary>
    private sealed class Segment(byte[] array)
    {
        public readonly byte[] Array = array;
        public int Start;
        public int End;
    }
}
