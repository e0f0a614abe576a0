using System.Collections;

namespace Coroutines;

/// <summary>
/// What <see cref="Loop.AsCompleted{T}(IEnumerable{Future{T}}, double?)"/> returns (asyncio 3.13's <c>as_completed</c>).
/// <list type="bullet">
/// <item><c>foreach (var next in sequence) { var result = await next; }</c>: each coroutine yields the result of the
/// next input to complete, whatever order you await them in.</item>
/// <item><c>await foreach (var future in sequence)</c>: yields the input futures themselves (tasks for coroutine
/// inputs) in completion order.</item>
/// </list>
/// After the timeout, the next await throws <see cref="TimeoutException"/>; the inputs still running are not
/// cancelled. Iteration can stop and resume: the sequence remembers how many inputs it has handed out.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
public sealed class AsCompletedSequence<T> : IEnumerable<Coroutine<T>>, IAsyncEnumerable<Future<T>>
{
    private readonly AsyncQueue<Future<T>?> _done = new();
    private readonly HashSet<Future<T>> _todo = new(ReferenceEqualityComparer.Instance);
    private readonly Action<Future<T>> _onDone;
    private readonly TimerHandle? _timeout;
    private int _notYetHandedOut;

    internal AsCompletedSequence(EventLoop loop, IEnumerable<Future<T>> futures, double? timeout)
    {
        _onDone = OnDone;
        foreach (var future in futures)
        {
            if (!ReferenceEquals(future.Loop, loop))
                throw new ArgumentException("Every future passed to AsCompleted must belong to the same event loop.", nameof(futures));
            _todo.Add(future);
        }
        _notYetHandedOut = _todo.Count;
        foreach (var future in _todo)
            future.AddDoneCallback(_onDone);
        if (timeout is double seconds && _todo.Count > 0)
            _timeout = loop.CallLater(seconds, OnTimeout);
    }

    /// <summary>How many inputs have not been handed out yet.</summary>
    public int Remaining => _notYetHandedOut;

    /// <summary>Coroutines that each yield the result of the next input to complete.</summary>
    public IEnumerator<Coroutine<T>> GetEnumerator()
    {
        while (_notYetHandedOut > 0)
        {
            _notYetHandedOut--;
            yield return NextResultAsync();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The enumerator <c>await foreach</c> uses: its <c>MoveNextAsync</c> is a coroutine, so a cancellation of the
    /// iterating task interrupts the wait.</summary>
    public Enumerator GetAsyncEnumerator() => new(this);

    IAsyncEnumerator<Future<T>> IAsyncEnumerable<Future<T>>.GetAsyncEnumerator(CancellationToken cancellationToken) =>
        new TaskBasedEnumerator(this, cancellationToken);

    private void OnDone(Future<T> future)
    {
        if (!_todo.Remove(future))
            return;
        _done.PutNowait(future);
        if (_todo.Count == 0)
            _timeout?.Cancel();
    }

    private void OnTimeout()
    {
        foreach (var future in _todo)
        {
            future.RemoveDoneCallback(_onDone);
            _done.PutNowait(null);   // one "timed out" marker per input that will never be handed out
        }
        _todo.Clear();
    }

    private async Coroutine<Future<T>> NextFutureAsync()
    {
        var next = await _done.Get();
        return next ?? throw new TimeoutException("AsCompleted timed out before every input completed.");
    }

    private async Coroutine<T> NextResultAsync()
    {
        var future = await NextFutureAsync();
        return future.Result();
    }

    /// <summary>The pattern-based async enumerator of <see cref="AsCompletedSequence{T}"/>.</summary>
    public sealed class Enumerator
    {
        private readonly AsCompletedSequence<T> _sequence;

        internal Enumerator(AsCompletedSequence<T> sequence) => _sequence = sequence;

        /// <summary>The input future that completed last.</summary>
        public Future<T> Current { get; private set; } = null!;

        /// <summary>Waits for the next input to complete; false once all were handed out.</summary>
        /// <exception cref="TimeoutException">The timeout passed first.</exception>
        public async Coroutine<bool> MoveNextAsync()
        {
            if (_sequence._notYetHandedOut == 0)
                return false;
            _sequence._notYetHandedOut--;
            Current = await _sequence.NextFutureAsync();
            return true;
        }
    }

    /// <summary>The <see cref="IAsyncEnumerator{T}"/> for code outside coroutines: each step runs as a loop task.</summary>
    private sealed class TaskBasedEnumerator(AsCompletedSequence<T> sequence, CancellationToken cancellationToken) : IAsyncEnumerator<Future<T>>
    {
        public Future<T> Current { get; private set; } = null!;

        public async ValueTask<bool> MoveNextAsync()
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sequence._notYetHandedOut == 0)
                return false;
            sequence._notYetHandedOut--;
            var step = EventLoop.Current.CreateTask(sequence.NextFutureAsync());
            var completion = new TaskCompletionSource<Future<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
            step.AddDoneCallback(done =>
            {
                if (done.Cancelled)
                    completion.TrySetCanceled();
                else if (done.Exception() is { } error)
                    completion.TrySetException(error);
                else
                    completion.TrySetResult(done.Result());
            });
            using (cancellationToken.Register(() => step.Loop.CallSoonThreadSafe(() => step.Cancel())))
                Current = await completion.Task.ConfigureAwait(false);
            return true;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
