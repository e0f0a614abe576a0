using System.Buffers;

namespace Coroutines.Streams;

/// <summary>
/// A growable FIFO of bytes in one array rented from <see cref="ArrayPool{T}.Shared"/>: data is appended at the
/// tail and consumed at the head, the array is compacted or doubled only when the free tail is too small, and it
/// goes back to the pool once released. The one buffer a stream keeps; nothing is allocated per chunk.
/// </summary>
internal struct ByteBuffer
{
    private const int MinimumCapacity = 4096;

    private byte[]? _array;
    private int _head;
    private int _tail;

    /// <summary>How many unread bytes the buffer holds.</summary>
    public readonly int Length => _tail - _head;

    /// <summary>The unread bytes; valid until the next call that changes the buffer.</summary>
    public readonly ReadOnlySpan<byte> Span => _array is null ? default : _array.AsSpan(_head, _tail - _head);

    /// <summary>The unread bytes as memory; valid until the next call that changes the buffer.</summary>
    public readonly ReadOnlyMemory<byte> Memory => _array is null ? default : _array.AsMemory(_head, _tail - _head);

    /// <summary>Copies <paramref name="data"/> to the tail.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return;
        data.CopyTo(GetFreeMemory(data.Length).Span);
        _tail += data.Length;
    }

    /// <summary>
    /// Free memory at the tail of at least <paramref name="sizeHint"/> bytes (any size when it is ≤ 0), for a
    /// producer that writes in place and then calls <see cref="Advance"/>.
    /// </summary>
    public Memory<byte> GetFreeMemory(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_array is null)
        {
            _array = ArrayPool<byte>.Shared.Rent(Math.Max(needed, MinimumCapacity));
        }
        else if (_array.Length - _tail < needed)
        {
            int length = Length;
            if (_array.Length - length >= needed && _head > 0)
            {
                // Moving the unread bytes to the front frees enough room: no bigger array.
                _array.AsSpan(_head, length).CopyTo(_array);
            }
            else
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(length + needed, 2 * _array.Length));
                _array.AsSpan(_head, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_array);
                _array = bigger;
            }
            _head = 0;
            _tail = length;
        }
        return _array.AsMemory(_tail);
    }

    /// <summary>Marks <paramref name="count"/> bytes written into <see cref="GetFreeMemory"/>'s memory as data.</summary>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_array?.Length - _tail ?? 0))
            throw new ArgumentOutOfRangeException(nameof(count), count, "More bytes were reported than the free memory could hold.");
        _tail += count;
    }

    /// <summary>Puts <paramref name="data"/> before the unread bytes (rare: a read cancelled after its bytes arrived).</summary>
    public void Prepend(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return;
        if (_head < data.Length)
        {
            int length = Length;
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(length + data.Length, MinimumCapacity));
            if (length > 0)
                Span.CopyTo(bigger.AsSpan(data.Length));
            if (_array is not null)
                ArrayPool<byte>.Shared.Return(_array);
            _array = bigger;
            _head = data.Length;
            _tail = data.Length + length;
        }
        _head -= data.Length;
        data.CopyTo(_array.AsSpan(_head));
    }

    /// <summary>Drops the first <paramref name="count"/> unread bytes.</summary>
    public void Consume(int count)
    {
        _head += count;
        if (_head == _tail)
            _head = _tail = 0;
    }

    /// <summary>Copies the first <paramref name="count"/> unread bytes into a new array and drops them.</summary>
    public byte[] Take(int count)
    {
        if (count == 0)
            return [];
        var result = Span[..count].ToArray();
        Consume(count);
        return result;
    }

    /// <summary>Drops every unread byte.</summary>
    public void Clear() => _head = _tail = 0;

    /// <summary>Returns the array to the pool (the buffer is empty afterwards and may be used again).</summary>
    public void Release()
    {
        if (_array is not null)
            ArrayPool<byte>.Shared.Return(_array);
        _array = null;
        _head = _tail = 0;
    }
}
