namespace Coroutines;

/// <summary>A growable ring buffer with O(1) push at the back and pop at the front: the storage of <see cref="AsyncQueue{T}"/>.</summary>
internal sealed class Deque<T>
{
    private T[] _items = new T[8];
    private int _head;
    private int _count;

    public int Count => _count;

    public void PushBack(T item)
    {
        if (_count == _items.Length)
            Grow();
        _items[(_head + _count) & (_items.Length - 1)] = item;
        _count++;
    }

    public T PopFront()
    {
        var item = _items[_head];
        _items[_head] = default!;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return item;
    }

    private void Grow()
    {
        var larger = new T[_items.Length * 2];
        for (int i = 0; i < _count; i++)
            larger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = larger;
        _head = 0;
    }
}
