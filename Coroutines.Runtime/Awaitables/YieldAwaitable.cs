using System.Runtime.CompilerServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>Returned by <see cref="Loop.Yield"/>: suspends the coroutine for exactly one loop iteration.</summary>
public readonly struct YieldAwaitable
{
    /// <summary>Gets the awaiter.</summary>
    /// <exception cref="InvalidOperationException">No event loop runs on this thread (Task code that continued on the thread pool).</exception>
    public YieldAwaiter GetAwaiter()
    {
        // Checked at the await, as Sleep does: thrown from OnCompleted, .NET's Task builders would rethrow it on the
        // thread pool, which ends the process; thrown here, it faults the awaiting Task instead.
        _ = EventLoop.Running;
        return default;
    }
}

/// <summary>The awaiter of <see cref="YieldAwaitable"/> (asyncio's bare <c>yield</c> inside <c>sleep(0)</c>).</summary>
public readonly struct YieldAwaiter : ICriticalNotifyCompletion, ILoopAwaiter
{
    /// <summary>Always false: yielding always gives the other ready callbacks their turn.</summary>
    public bool IsCompleted => false;

    /// <summary>Throws <see cref="CancelledError"/> if the task was cancelled while it yielded.</summary>
    [System.Diagnostics.StackTraceHidden]
    public void GetResult() => TaskStepper.ThrowIfCancelledOnResume();

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame) => frame.RequireTask().SuspendForOneIteration(frame);

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => EventLoop.Running.CallSoon(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => EventLoop.Running.CallSoon(continuation);
}
