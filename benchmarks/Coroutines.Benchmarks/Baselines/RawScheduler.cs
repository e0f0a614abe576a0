using System.Runtime.CompilerServices;

namespace Coroutines.Benchmarks.Baselines;

/// <summary>
/// The floor for suspend + resume: a bare ring of continuations drained on one thread, with custom awaiters
/// that hand the compiler's cached <c>MoveNext</c> delegate straight to it. No cancellation, no exception
/// routing, no execution context: what remains is the cost of the C# async machinery itself.
/// </summary>
public sealed class RawScheduler
{
    private Action[] _ring = new Action[1024];
    private int _head;
    private int _count;

    /// <summary>Queues a continuation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Post(Action continuation)
    {
        if (_count == _ring.Length)
            Grow();
        _ring[(_head + _count) & (_ring.Length - 1)] = continuation;
        _count++;
    }

    /// <summary>Runs continuations until none is left.</summary>
    public void Drain()
    {
        while (_count > 0)
        {
            var next = _ring[_head];
            _ring[_head] = null!;
            _head = (_head + 1) & (_ring.Length - 1);
            _count--;
            next();
        }
    }

    /// <summary>An awaitable that requeues the awaiting method behind everything already queued (a yield).</summary>
    public YieldAwaitable Yield() => new(this);

    private void Grow()
    {
        var bigger = new Action[_ring.Length * 2];
        for (int i = 0; i < _count; i++)
            bigger[i] = _ring[(_head + i) & (_ring.Length - 1)];
        _ring = bigger;
        _head = 0;
    }

    /// <summary>See <see cref="Yield"/>.</summary>
    public readonly struct YieldAwaitable(RawScheduler scheduler) : ICriticalNotifyCompletion
    {
        /// <summary>The awaitable is its own awaiter.</summary>
        public YieldAwaitable GetAwaiter() => this;

        /// <summary>Always suspends.</summary>
        public bool IsCompleted => false;

        /// <summary>Nothing to return.</summary>
        public void GetResult() { }

        /// <inheritdoc/>
        public void OnCompleted(Action continuation) => scheduler.Post(continuation);

        /// <inheritdoc/>
        public void UnsafeOnCompleted(Action continuation) => scheduler.Post(continuation);
    }
}

/// <summary>
/// A reusable hand-off between two async methods on a <see cref="RawScheduler"/>: <see cref="Pass"/> wakes the
/// waiter (or leaves a token for it), awaiting waits for a token. The raw-awaiter ping-pong floor.
/// </summary>
public sealed class RawBaton(RawScheduler scheduler) : ICriticalNotifyCompletion
{
    private Action? _waiter;
    private bool _token;

    /// <summary>Hands the baton over: the waiter resumes on the scheduler.</summary>
    public void Pass()
    {
        var waiter = _waiter;
        if (waiter is null)
        {
            _token = true;
            return;
        }
        _waiter = null;
        scheduler.Post(waiter);
    }

    /// <summary>The baton is its own awaiter.</summary>
    public RawBaton GetAwaiter() => this;

    /// <summary>Whether a token is waiting (then the await continues at once and consumes it).</summary>
    public bool IsCompleted => _token;

    /// <summary>Consumes the token.</summary>
    public void GetResult() => _token = false;

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _waiter = continuation;

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _waiter = continuation;
}
