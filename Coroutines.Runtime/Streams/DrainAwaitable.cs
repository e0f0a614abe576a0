using System.Runtime.CompilerServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>
/// Returned by <see cref="AsyncStreamWriter.Drain"/>. When the connection is healthy and its write buffer is below
/// the high-water mark, awaiting it completes without suspending and allocates nothing; otherwise it runs the full
/// drain (a coroutine) inline. Nothing happens until it is awaited.
/// </summary>
public readonly struct DrainAwaitable
{
    private readonly AsyncStreamWriter _writer;

    internal DrainAwaitable(AsyncStreamWriter writer) => _writer = writer;

    /// <summary>Gets the awaiter: decides, at the <c>await</c>, whether the drain has to wait.</summary>
    public DrainAwaiter GetAwaiter() => _writer.CanSkipDrain ? default : new(_writer.DrainCore());

    /// <summary>The drain as a coroutine, to schedule it as a task or pass it where a coroutine is expected.</summary>
    public Coroutine AsCoroutine() => _writer.DrainCore();
}

/// <summary>The awaiter of <see cref="AsyncStreamWriter.Drain"/>.</summary>
public readonly struct DrainAwaiter : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly Coroutine? _drain;   // null: nothing to wait for

    internal DrainAwaiter(Coroutine drain) => _drain = drain;

    /// <summary>True when there is nothing to wait for, or the drain finished without suspending.</summary>
    public bool IsCompleted => _drain is null || new CoroutineAwaiter(_drain).IsCompleted;

    /// <summary>Rethrows the drain's error (the connection's error, or a lost connection).</summary>
    public void GetResult()
    {
        if (_drain is not null)
            new CoroutineAwaiter(_drain).GetResult();
    }

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame) => new CoroutineAwaiter(_drain!).AwaitBy(frame);

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => new CoroutineAwaiter(_drain!).OnCompleted(continuation);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => new CoroutineAwaiter(_drain!).UnsafeOnCompleted(continuation);
}
