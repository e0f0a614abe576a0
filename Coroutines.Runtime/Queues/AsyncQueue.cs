using System.Runtime.CompilerServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>
/// A first-in, first-out queue for coroutines (asyncio's <c>Queue</c>): <c>await queue.Put(x)</c> waits while the
/// queue is full, <c>await queue.Get()</c> while it is empty; <see cref="TaskDone"/> and <see cref="Join"/> track
/// processing; <see cref="Shutdown"/> ends it.
/// </summary>
/// <remarks>
/// <para>Cancellation never loses an item or a wake-up (the bugs asyncio had here). An item put while getters wait
/// is stored and reserved for the first waiting getter until it resumes (a loop iteration later); a slot freed while
/// putters wait is reserved for the first waiting putter the same way. A woken waiter that is cancelled before it
/// resumes passes its reservation to the next waiter. Unlike asyncio, where a bystander's <c>get_nowait</c> can take
/// the item a woken getter was promised (which then waits again), <see cref="GetNowait"/> and <see cref="PutNowait"/>
/// treat reserved items and slots as taken. Every take removes the head of the queue, so items leave in the order
/// (FIFO, LIFO or priority) of the queue at the moment they are taken.</para>
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
public class AsyncQueue<T> : IWaitCompletion<T>
{
    private readonly Deque<T>? _fifo;
    private WaiterList<bool> _getters;
    private WaiterList<bool> _putters;
    private readonly AsyncEvent _finished = new();
    private EventLoop? _loop;
    private int _reservedSlots;    // free slots promised to woken putters
    private int _reservedItems;    // stored items promised to woken getters
    private int _unfinished;
    private bool _shutDown;

    /// <summary>Creates a queue holding at most <paramref name="maxSize"/> items; zero or less means unbounded.</summary>
    public AsyncQueue(int maxSize = 0) : this(maxSize, fifo: true) { }

    private protected AsyncQueue(int maxSize, bool fifo)
    {
        MaxSize = maxSize;
        if (fifo)
            _fifo = new Deque<T>();
        _finished.Set();
    }

    /// <summary>The capacity; zero or less means unbounded.</summary>
    public int MaxSize { get; }

    /// <summary>The number of items in the queue (asyncio's <c>qsize()</c>).</summary>
    public int Count => StoredCount;

    /// <summary>Whether the queue holds no item.</summary>
    public bool IsEmpty => StoredCount == 0;

    /// <summary>Whether a put would wait: the queue holds <see cref="MaxSize"/> items (counting slots reserved for woken putters).</summary>
    public bool IsFull => MaxSize > 0 && StoredCount + _reservedSlots >= MaxSize;

    /// <summary>Whether <see cref="Shutdown"/> was called.</summary>
    public bool IsShutDown => _shutDown;

    /// <summary>Items put and not yet marked done with <see cref="TaskDone"/>.</summary>
    public int UnfinishedTasks => _unfinished;

    /// <summary>Getters queued and not yet resumed (for invariant checks in tests).</summary>
    internal int QueuedGetters => _getters.Count;

    /// <summary>Putters queued and not yet resumed (for invariant checks in tests).</summary>
    internal int QueuedPutters => _putters.Count;

    /// <summary>Puts an item, waiting while the queue is full.</summary>
    /// <exception cref="QueueShutDownException">The queue was shut down (also while waiting).</exception>
    public QueuePut<T> Put(T item) => new(this, item);

    /// <summary>Takes the next item, waiting while the queue is empty.</summary>
    /// <exception cref="QueueShutDownException">The queue was shut down and is empty (also while waiting).</exception>
    public QueueGet<T> Get() => new(this);

    /// <summary>Puts an item without waiting.</summary>
    /// <exception cref="QueueFullException">The queue is full.</exception>
    /// <exception cref="QueueShutDownException">The queue was shut down.</exception>
    public void PutNowait(T item)
    {
        if (_shutDown)
            throw new QueueShutDownException();
        if (IsFull)
            throw new QueueFullException();
        Accept(item);
    }

    /// <summary>Takes the next item without waiting.</summary>
    /// <exception cref="QueueEmptyException">The queue is empty.</exception>
    /// <exception cref="QueueShutDownException">The queue was shut down and is empty.</exception>
    public T GetNowait()
    {
        if (StoredCount <= _reservedItems)
            throw _shutDown && StoredCount == 0 ? new QueueShutDownException() : new QueueEmptyException();
        return TakeAndWakePutter();
    }

    /// <summary>Marks one item taken from the queue as processed (asyncio's <c>task_done()</c>).</summary>
    /// <exception cref="InvalidOperationException">Called more often than items were put.</exception>
    public void TaskDone()
    {
        if (_unfinished <= 0)
            throw new InvalidOperationException("TaskDone() called too many times.");
        if (--_unfinished == 0)
            _finished.Set();
    }

    /// <summary>Waits until every item put has been marked done with <see cref="TaskDone"/>.</summary>
    public EventWait Join() => _finished.Wait();

    /// <summary>
    /// Shuts the queue down (asyncio 3.13's <c>shutdown</c>): puts throw <see cref="QueueShutDownException"/>, gets throw
    /// it once the queue is empty, and every waiting getter and putter is woken with it. With
    /// <paramref name="immediate"/> the remaining items are discarded too, each counting as done for <see cref="Join"/>.
    /// </summary>
    public void Shutdown(bool immediate = false)
    {
        _shutDown = true;
        if (immediate)
        {
            while (StoredCount > 0)
            {
                TakeItem();
                if (_unfinished > 0)
                    _unfinished--;
            }
            if (_unfinished == 0)
                _finished.Set();
            _reservedItems = 0;   // woken getters find the queue empty and see the shutdown
        }
        foreach (var getter in _getters.DrainAll())
        {
            if (!getter.Done)
                getter.SetException(new QueueShutDownException());
        }
        foreach (var putter in _putters.DrainAll())
        {
            if (!putter.Done)
                putter.SetException(new QueueShutDownException());
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"<{GetType().Name.Split('`')[0]} maxsize={MaxSize} count={StoredCount}"
        + (_getters.Count > 0 ? $" getters[{_getters.Count}]" : "")
        + (_putters.Count > 0 ? $" putters[{_putters.Count}]" : "")
        + (_unfinished > 0 ? $" tasks={_unfinished}" : "")
        + (_shutDown ? " shutdown" : "") + ">";

    // ---- storage: FIFO here, overridden by the LIFO and priority queues ----

    private protected virtual int StoredCount => _fifo!.Count;

    private protected virtual void StoreItem(T item) => _fifo!.PushBack(item);

    private protected virtual T TakeItem() => _fifo!.PopFront();

    // ---- the protocol the awaiters use ----

    internal WaitAwaiter<T> GetOrEnqueue()
    {
        EventLoop.ThrowIfAwaitedOffItsLoop(_loop, this);
        if (StoredCount > _reservedItems)
            return new WaitAwaiter<T>(TakeAndWakePutter());
        if (_shutDown && StoredCount == 0)
            throw new QueueShutDownException();
        var getter = new Waiter<bool>(LoopBinding.Bind(ref _loop, this));
        _getters.Enqueue(getter);
        return new WaitAwaiter<T>(this, getter);
    }

    [System.Diagnostics.StackTraceHidden]
    T IWaitCompletion<T>.CompleteWait(Waiter<bool> getter)
    {
        _getters.Remove(getter);
        bool granted = getter.State == FutureState.Finished && getter.ExceptionUnchecked is null;
        if (granted && _reservedItems > 0)
            _reservedItems--;
        try
        {
            TaskStepper.ThrowIfCancelledOnResume(getter.Loop);
            getter.ThrowIfNotSuccessful();
        }
        catch (CancelledError) when (granted)
        {
            WakeGetters();   // the item reserved for us goes to the next getter: nobody loses it
            throw;
        }
        if (StoredCount == 0)
            throw new QueueShutDownException();   // an immediate shutdown discarded the item we were promised
        return TakeAndWakePutter();
    }

    internal Waiter<bool>? TryPutOrEnqueue(T item)
    {
        EventLoop.ThrowIfAwaitedOffItsLoop(_loop, this);
        if (_shutDown)
            throw new QueueShutDownException();
        if (!IsFull)
        {
            Accept(item);
            return null;
        }
        var putter = new Waiter<bool>(LoopBinding.Bind(ref _loop, this));
        _putters.Enqueue(putter);
        return putter;
    }

    [System.Diagnostics.StackTraceHidden]
    internal void CompletePut(Waiter<bool> putter, T item)
    {
        _putters.Remove(putter);
        bool granted = putter.State == FutureState.Finished && putter.ExceptionUnchecked is null;
        if (granted)
            _reservedSlots--;
        try
        {
            TaskStepper.ThrowIfCancelledOnResume(putter.Loop);
            putter.ThrowIfNotSuccessful();
            if (_shutDown)
                throw new QueueShutDownException();
        }
        catch (CancelledError) when (granted)
        {
            WakePutters();   // the slot reserved for us goes to the next putter
            throw;
        }
        Accept(item);
    }

    private void Accept(T item)
    {
        _unfinished++;
        _finished.Clear();
        StoreItem(item);
        WakeGetters();
    }

    private T TakeAndWakePutter()
    {
        var item = TakeItem();
        WakePutters();
        return item;
    }

    private void WakePutters()
    {
        while (_putters.Count > 0 && !IsFull && _putters.DequeuePending() is { } putter)
        {
            _reservedSlots++;
            putter.SetResult(true);
        }
    }

    private void WakeGetters()
    {
        while (_getters.Count > 0 && StoredCount > _reservedItems && _getters.DequeuePending() is { } getter)
        {
            _reservedItems++;
            getter.SetResult(true);
        }
    }
}

/// <summary>Returned by <see cref="AsyncQueue{T}.Get"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public readonly struct QueueGet<T>
{
    private readonly AsyncQueue<T> _queue;

    internal QueueGet(AsyncQueue<T> queue) => _queue = queue;

    /// <summary>Takes an item now if there is one, else queues the caller.</summary>
    /// <exception cref="InvalidOperationException">The queue's loop runs on another thread (Task code that continued on the thread pool).</exception>
    public WaitAwaiter<T> GetAwaiter() => _queue.GetOrEnqueue();
}

/// <summary>Returned by <see cref="AsyncQueue{T}.Put"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public readonly struct QueuePut<T>
{
    private readonly AsyncQueue<T> _queue;
    private readonly T _item;

    internal QueuePut(AsyncQueue<T> queue, T item)
    {
        _queue = queue;
        _item = item;
    }

    /// <summary>Puts the item now if there is room, else queues the caller.</summary>
    /// <exception cref="InvalidOperationException">The queue's loop runs on another thread (Task code that continued on the thread pool).</exception>
    public QueuePutAwaiter<T> GetAwaiter() => new(_queue, _queue.TryPutOrEnqueue(_item), _item);
}

/// <summary>The awaiter of <see cref="QueuePut{T}"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public readonly struct QueuePutAwaiter<T> : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly AsyncQueue<T> _queue;
    private readonly Waiter<bool>? _putter;
    private readonly T _item;

    internal QueuePutAwaiter(AsyncQueue<T> queue, Waiter<bool>? putter, T item)
    {
        _queue = queue;
        _putter = putter;
        _item = item;
    }

    /// <summary>True when the item was put without waiting.</summary>
    public bool IsCompleted => _putter is null;

    /// <summary>Completes the put (a waiting putter stores its item now).</summary>
    [System.Diagnostics.StackTraceHidden]
    public void GetResult()
    {
        if (_putter is not null)
            _queue.CompletePut(_putter, _item);
    }

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame) => frame.RequireTask().SuspendOnFuture(frame, _putter!);

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _putter!.AddContinuation(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _putter!.AddContinuation(continuation);
}
