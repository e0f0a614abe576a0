using System.Runtime.CompilerServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>Implemented by the primitives whose waits <see cref="WaitAwaiter{TResult}"/> completes.</summary>
internal interface IWaitCompletion<out TResult>
{
    /// <summary>
    /// The queued <paramref name="waiter"/> resumed: settle the primitive's bookkeeping and return the outcome, or throw
    /// (a cancellation, or the primitive's own error), passing on whatever the waiter was promised.
    /// </summary>
    TResult CompleteWait(Waiter<bool> waiter);
}

/// <summary>
/// The awaiter of the synchronisation primitives and queue gets: either the outcome was available at once (no
/// allocation, no suspension), or the caller waits on a queued waiter and the primitive completes the wait.
/// </summary>
/// <typeparam name="TResult">What the await yields.</typeparam>
public readonly struct WaitAwaiter<TResult> : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly IWaitCompletion<TResult>? _owner;
    private readonly Waiter<bool>? _waiter;
    private readonly TResult _immediate;

    /// <summary>An outcome available at once.</summary>
    internal WaitAwaiter(TResult immediate)
    {
        _owner = null;
        _waiter = null;
        _immediate = immediate;
    }

    /// <summary>A queued wait that <paramref name="owner"/> completes.</summary>
    internal WaitAwaiter(IWaitCompletion<TResult> owner, Waiter<bool> waiter)
    {
        _owner = owner;
        _waiter = waiter;
        _immediate = default!;
    }

    /// <summary>True when the outcome was available without waiting.</summary>
    public bool IsCompleted => _waiter is null;

    /// <summary>The outcome.</summary>
    /// <exception cref="CancelledError">The task was cancelled while waiting.</exception>
    [System.Diagnostics.StackTraceHidden]
    public TResult GetResult() => _waiter is null ? _immediate : _owner!.CompleteWait(_waiter);

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame) => frame.RequireTask().SuspendOnFuture(frame, _waiter!);

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _waiter!.AddContinuation(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _waiter!.AddContinuation(continuation);
}
