using System.Runtime.CompilerServices;
using Coroutines.CompilerServices;

namespace Coroutines.Streams;

/// <summary>
/// What the reader's own coroutines await when they need more data: the task parks on the reader (no future per
/// wait) until data, the end of the stream or an error is fed.
/// </summary>
internal readonly struct DataWaitAwaitable(AsyncStreamReader reader, string caller) : ICriticalNotifyCompletion, ILoopAwaiter
{
    public DataWaitAwaitable GetAwaiter() => this;

    /// <summary>Always waits; begins the wait here, so a rejected wait throws at the <c>await</c>.</summary>
    public bool IsCompleted
    {
        get
        {
            reader.BeginWait(caller);
            return false;
        }
    }

    /// <summary>Throws <see cref="CancelledError"/> if the task was cancelled, or the error the wait was woken with.</summary>
    public void GetResult()
    {
        TaskStepper.ThrowIfCancelledOnResume(reader.Loop);
        reader.EndWait();
    }

    public void AwaitBy(Coroutine frame) => reader.Park(frame);

    public void OnCompleted(Action continuation) => reader.Park(continuation);

    public void UnsafeOnCompleted(Action continuation) => reader.Park(continuation);
}
