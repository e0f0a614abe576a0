namespace Coroutines;

/// <summary>A last-in, first-out queue for coroutines (asyncio's <c>LifoQueue</c>); see <see cref="AsyncQueue{T}"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class AsyncLifoQueue<T> : AsyncQueue<T>
{
    private readonly List<T> _stack = new();

    /// <summary>Creates a stack-ordered queue holding at most <paramref name="maxSize"/> items; zero or less means unbounded.</summary>
    public AsyncLifoQueue(int maxSize = 0) : base(maxSize, fifo: false) { }

    private protected override int StoredCount => _stack.Count;

    private protected override void StoreItem(T item) => _stack.Add(item);

    private protected override T TakeItem()
    {
        var item = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return item;
    }
}
