using System.Runtime.CompilerServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>Awaits a <see cref="Future"/> without reading a typed result.</summary>
public readonly struct FutureAwaiter : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly Future _future;

    internal FutureAwaiter(Future future) => _future = future;

    /// <summary>Whether the future is done (an <c>await</c> then continues without suspending).</summary>
    /// <remarks>
    /// A done future reads the same from any thread, so the await continues; a pending one may only be awaited on its
    /// loop's thread, since registering the continuation would race with the loop.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The future is pending and its loop runs on another thread (Task code that continued on the thread pool).</exception>
    public bool IsCompleted => _future.IsDoneOrAwaitableHere();

    /// <summary>Rethrows the future's exception, or <see cref="CancelledError"/> if it was cancelled.</summary>
    [System.Diagnostics.StackTraceHidden]
    public void GetResult()
    {
        TaskStepper.ThrowIfCancelledOnResume();   // the running task's, whatever loop the future belongs to
        _future.ThrowIfNotSuccessful();
    }

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame) => frame.RequireTask().SuspendOnFuture(frame, _future);

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _future.AddContinuation(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _future.AddContinuation(continuation);
}

/// <summary>Awaits a <see cref="Future{T}"/> and yields its result.</summary>
/// <typeparam name="T">The result type.</typeparam>
public readonly struct FutureAwaiter<T> : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly Future<T> _future;

    internal FutureAwaiter(Future<T> future) => _future = future;

    /// <summary>Whether the future is done.</summary>
    /// <remarks>
    /// A done future reads the same from any thread, so the await continues; a pending one may only be awaited on its
    /// loop's thread, since registering the continuation would race with the loop.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The future is pending and its loop runs on another thread (Task code that continued on the thread pool).</exception>
    public bool IsCompleted => _future.IsDoneOrAwaitableHere();

    /// <summary>The future's result; throws its exception, or <see cref="CancelledError"/>.</summary>
    [System.Diagnostics.StackTraceHidden]
    public T GetResult()
    {
        TaskStepper.ThrowIfCancelledOnResume();   // the running task's, whatever loop the future belongs to
        if (_future.State == FutureState.Finished && _future.ExceptionUnchecked is null)
            return _future.ResultUnchecked;
        return _future.Result();
    }

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame) => frame.RequireTask().SuspendOnFuture(frame, _future);

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _future.AddContinuation(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _future.AddContinuation(continuation);
}
