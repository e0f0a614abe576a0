using System.Buffers;

namespace Coroutines.Pipes;

/// <summary>
/// The bytes a writing transport could not send yet: one contiguous pooled array, appended at the end and consumed from
/// the front, compacted when it must grow. Copies what it is given (a caller's buffer is never kept or mutated).
/// </summary>
internal sealed class OutgoingBytes
{
    private byte[] _array = [];
    private int _start;
    private int _end;

    public int Count => _end - _start;

    public ReadOnlySpan<byte> Pending => _array.AsSpan(_start, _end - _start);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_array.Length - _end < data.Length)
            MakeRoom(data.Length);
        data.CopyTo(_array.AsSpan(_end));
        _end += data.Length;
    }

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
            _start = _end = 0;
    }

    /// <summary>Empties the buffer and gives its array back to the pool.</summary>
    public void Clear()
    {
        _start = _end = 0;
        if (_array.Length > 0)
            ArrayPool<byte>.Shared.Return(_array);
        _array = [];
    }

    private void MakeRoom(int needed)
    {
        int count = Count;
        if (_array.Length >= count + needed && _start > 0)
        {
            _array.AsSpan(_start, count).CopyTo(_array);
        }
        else
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(count + needed, Math.Max(4096, _array.Length * 2)));
            _array.AsSpan(_start, count).CopyTo(larger);
            if (_array.Length > 0)
                ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
        _start = 0;
        _end = count;
    }
}
