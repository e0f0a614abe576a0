using System.Runtime.CompilerServices;
using Coroutines.CompilerServices;

namespace Coroutines;

/// <summary>
/// Returned by <see cref="AsyncStreamReader.ReadAsync"/>: awaiting it reads into the caller's memory, without
/// suspending when data is buffered and without allocating either way. Nothing happens until it is awaited.
/// </summary>
public readonly struct StreamReadAwaitable
{
    private readonly AsyncStreamReader _reader;
    private readonly Memory<byte> _destination;

    internal StreamReadAwaitable(AsyncStreamReader reader, Memory<byte> destination)
    {
        _reader = reader;
        _destination = destination;
    }

    /// <summary>Gets the awaiter.</summary>
    public StreamReadAwaiter GetAwaiter() => new(_reader, _destination);

    /// <summary>The read as a coroutine, to schedule it as a task or pass it where a coroutine is expected (it allocates one frame).</summary>
    public Coroutine<int> AsCoroutine() => Run(this);

    private static async Coroutine<int> Run(StreamReadAwaitable read) => await read;
}

/// <summary>The awaiter of <see cref="AsyncStreamReader.ReadAsync"/>: parks the task itself on the reader.</summary>
public readonly struct StreamReadAwaiter : ICriticalNotifyCompletion, ILoopAwaiter
{
    private readonly AsyncStreamReader _reader;
    private readonly Memory<byte> _destination;

    internal StreamReadAwaiter(AsyncStreamReader reader, Memory<byte> destination)
    {
        _reader = reader;
        _destination = destination;
    }

    /// <summary>True when the read completes without waiting: data or the end of the stream is buffered.</summary>
    /// <exception cref="InvalidOperationException">Another coroutine is already waiting for data on this reader.</exception>
    /// <exception cref="InvalidOperationException">The reader's loop runs on another thread (Task code that continued on the thread pool).</exception>
    public bool IsCompleted
    {
        get
        {
            EventLoop.ThrowIfAwaitedOffItsLoop(_reader.Loop, _reader);
            return _reader.IsReadReady(_destination.IsEmpty);
        }
    }

    /// <summary>
    /// Returns the bytes received into the destination while the read waited, or copies what is buffered into it;
    /// returns the count, 0 at the end of the stream.
    /// </summary>
    /// <exception cref="CancelledError">The task was cancelled while it waited.</exception>
    public int GetResult() => _reader.FinishRead(_destination);

    /// <inheritdoc/>
    public void AwaitBy(Coroutine frame) => _reader.Park(frame, _destination);

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _reader.Park(continuation, _destination);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _reader.Park(continuation, _destination);
}
