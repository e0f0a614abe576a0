using System.Runtime.CompilerServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>Returned by <see cref="Loop.Sleep(TimeSpan)"/>: suspends the coroutine for a delay of loop time.</summary>
public readonly struct SleepAwaitable
{
    private readonly double _seconds;

    internal SleepAwaitable(double seconds) => _seconds = seconds;

    /// <summary>Gets the awaiter.</summary>
    /// <exception cref="InvalidOperationException">No event loop runs on this thread (Task code that continued on the thread pool).</exception>
    public SleepAwaiter GetAwaiter()
    {
        // Checked at the await, not in OnCompleted: .NET's Task builders rethrow an exception from OnCompleted on the
        // thread pool, which ends the process; thrown here, it faults the awaiting Task instead.
        _ = EventLoop.Running;
        return new(_seconds);
    }
}

/// <summary>The awaiter of <see cref="SleepAwaitable"/>. The wait is one pooled timer: no allocation in steady state.</summary>
public readonly struct SleepAwaiter : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly double _seconds;

    internal SleepAwaiter(double seconds) => _seconds = seconds;

    /// <summary>Always false: even a zero sleep yields for one iteration, as asyncio's <c>sleep(0)</c>.</summary>
    public bool IsCompleted => false;

    /// <summary>Throws <see cref="CancelledError"/> if the task was cancelled while it slept.</summary>
    [System.Diagnostics.StackTraceHidden]
    public void GetResult() => TaskStepper.ThrowIfCancelledOnResume();

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame)
    {
        var task = frame.RequireTask();
        if (_seconds <= 0)
            task.SuspendForOneIteration(frame);
        else
            task.SuspendUntil(frame, task.Loop.Time() + _seconds);
    }

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => Schedule(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => Schedule(continuation);

    private void Schedule(Action continuation)
    {
        var loop = EventLoop.Running;
        if (_seconds <= 0)
            loop.CallSoon(continuation);
        else
            loop.CallLater(_seconds, continuation);
    }
}

/// <summary>Returned by <see cref="Loop.Sleep{T}(TimeSpan, T)"/>: sleeps, then yields a given result.</summary>
/// <typeparam name="T">The result type.</typeparam>
public readonly struct SleepAwaitable<T>
{
    private readonly double _seconds;
    private readonly T _result;

    internal SleepAwaitable(double seconds, T result)
    {
        _seconds = seconds;
        _result = result;
    }

    /// <summary>Gets the awaiter.</summary>
    /// <exception cref="InvalidOperationException">No event loop runs on this thread; see <see cref="SleepAwaitable.GetAwaiter"/>.</exception>
    public SleepAwaiter<T> GetAwaiter()
    {
        _ = EventLoop.Running;
        return new(_seconds, _result);
    }
}

/// <summary>The awaiter of <see cref="SleepAwaitable{T}"/>.</summary>
/// <typeparam name="T">The result type.</typeparam>
public readonly struct SleepAwaiter<T> : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly SleepAwaiter _sleep;
    private readonly T _result;

    internal SleepAwaiter(double seconds, T result)
    {
        _sleep = new SleepAwaiter(seconds);
        _result = result;
    }

    /// <summary>Always false.</summary>
    public bool IsCompleted => false;

    /// <summary>The result given to <c>Sleep</c>.</summary>
    [System.Diagnostics.StackTraceHidden]
    public T GetResult()
    {
        _sleep.GetResult();
        return _result;
    }

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame) => _sleep.AwaitBy(frame);

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _sleep.OnCompleted(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _sleep.UnsafeOnCompleted(continuation);
}
