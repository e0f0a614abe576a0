namespace Coroutines;

/// <summary>
/// The loop-thread half of <see cref="EventLoop.RunCoroutineThreadSafe{T}(Coroutine{T}, CancellationToken)"/>: creates
/// the task and carries its outcome to a <see cref="TaskCompletionSource{TResult}"/>. Its continuations run
/// asynchronously, never inline on the loop thread.
/// </summary>
internal sealed class ThreadSafeCoroutineStart<T> : ILoopWork, IDroppedOnClose
{
    private readonly EventLoop _loop;
    private readonly Coroutine<T> _coroutine;
    private readonly CancellationToken _cancellationToken;
    private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ThreadSafeCoroutineStart(EventLoop loop, Coroutine<T> coroutine, CancellationToken cancellationToken)
    {
        _loop = loop;
        _coroutine = coroutine;
        _cancellationToken = cancellationToken;
    }

    public Task<T> Outcome => _outcome.Task;

    public void Execute()
    {
        CoroutineTask<T> task;
        try
        {
            task = _loop.CreateTask(_coroutine);
        }
        catch (Exception error)
        {
            _outcome.TrySetException(error);   // the coroutine was already awaited or scheduled
            return;
        }
        var registration = _cancellationToken.Register(() => _loop.TryCallSoonThreadSafe(static state => ((Future)state!).Cancel(), task));
        _loop.WaitedOnFromOtherThreads(this, pending: true);
        task.AddDoneCallback(done =>
        {
            _loop.WaitedOnFromOtherThreads(this, pending: false);
            registration.Dispose();
            if (done.Cancelled)
                _outcome.TrySetCanceled(_cancellationToken.IsCancellationRequested ? _cancellationToken : default);
            else if (done.Exception() is { } error)
                _outcome.TrySetException(error);
            else
                _outcome.TrySetResult(((Future<T>)done).Result());
        });
    }

    public void LoopClosedBeforeItRan() =>
        _outcome.TrySetException(new ObjectDisposedException(nameof(EventLoop),
            "The event loop was closed before the coroutine started: end the loop with Shutdown() (as EventLoop.Run does) to run what other threads posted first."));

    public void LoopClosedWhilePending() =>
        _outcome.TrySetException(new ObjectDisposedException(nameof(EventLoop),
            "The event loop was closed while the coroutine was still pending, so it will never finish: let it finish (or cancel it) before closing the loop; EventLoop.Run cancels pending tasks first."));

    public string Describe() => $"RunCoroutineThreadSafe({_coroutine})";
}
