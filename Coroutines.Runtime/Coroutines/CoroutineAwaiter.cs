using System.Runtime.CompilerServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>Awaits a <see cref="Coroutine"/>: runs it inline in the awaiting task, like <c>await coro</c> in asyncio.</summary>
public readonly struct CoroutineAwaiter : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly Coroutine _coroutine;

    internal CoroutineAwaiter(Coroutine coroutine) => _coroutine = coroutine;

    /// <summary>Starts the coroutine (a coroutine is cold) and tells whether it already finished.</summary>
    public bool IsCompleted => _coroutine.StartForAwait();

    /// <summary>Rethrows the coroutine's exception, if it threw.</summary>
    [System.Diagnostics.StackTraceHidden]
    public void GetResult() => _coroutine.ThrowIfFailed();

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame) => _coroutine.SetParent(frame);

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _coroutine.SetForeignContinuation(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _coroutine.SetForeignContinuation(continuation);
}

/// <summary>Awaits a <see cref="Coroutine{T}"/> and yields its result.</summary>
/// <typeparam name="T">The result type.</typeparam>
public readonly struct CoroutineAwaiter<T> : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly Coroutine<T> _coroutine;

    internal CoroutineAwaiter(Coroutine<T> coroutine) => _coroutine = coroutine;

    /// <summary>Starts the coroutine and tells whether it already finished.</summary>
    public bool IsCompleted => _coroutine.StartForAwait();

    /// <summary>The coroutine's result; rethrows its exception.</summary>
    [System.Diagnostics.StackTraceHidden]
    public T GetResult() => _coroutine.GetResultOrThrow();

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame) => _coroutine.SetParent(frame);

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _coroutine.SetForeignContinuation(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _coroutine.SetForeignContinuation(continuation);
}
