using System.Runtime.CompilerServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>Returned by <see cref="AutoResetSignal.Wait"/>.</summary>
public readonly struct SignalAwaitable
{
    private readonly AutoResetSignal _signal;

    internal SignalAwaitable(AutoResetSignal signal) => _signal = signal;

    /// <summary>Gets the awaiter.</summary>
    public SignalAwaiter GetAwaiter() => new(_signal);
}

/// <summary>The awaiter of <see cref="AutoResetSignal.Wait"/>: parks the task itself on the signal, allocating nothing.</summary>
public readonly struct SignalAwaiter : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly AutoResetSignal _signal;

    internal SignalAwaiter(AutoResetSignal signal) => _signal = signal;

    /// <summary>True, consuming the set, when the signal is already set: the <c>await</c> then does not suspend.</summary>
    /// <exception cref="InvalidOperationException">Another coroutine is already waiting on the signal.</exception>
    /// <exception cref="InvalidOperationException">The signal's loop runs on another thread (Task code that continued on the thread pool).</exception>
    public bool IsCompleted
    {
        get
        {
            EventLoop.ThrowIfAwaitedOffItsLoop(_signal.Loop, _signal);
            return _signal.TryConsume();
        }
    }

    /// <summary>Throws <see cref="CancelledError"/> if the task was cancelled while it waited.</summary>
    [System.Diagnostics.StackTraceHidden]
    public void GetResult() => TaskStepper.ThrowIfCancelledOnResume(_signal.Loop);

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame)
    {
        var task = frame.RequireTask();
        if (!ReferenceEquals(task.Loop, _signal.Loop))
            throw new InvalidOperationException("The signal belongs to a different loop than the task waiting on it.");
        task.SuspendOnWaitSource(frame, _signal);
    }

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _signal.Park(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _signal.Park(continuation);
}
