using System.Buffers;

namespace Coroutines;

/// <summary>
/// A stream connection as a .NET <see cref="Stream"/> (from <see cref="AsyncStreamReader.AsStream"/> and
/// <see cref="AsyncStreamWriter.AsStream"/>), so code written for streams (an <c>SslStream</c>, a
/// <c>System.IO.Pipelines</c> reader, a JSON serializer) can use the connection from a coroutine.
/// </summary>
/// <remarks>
/// <para>
/// On the loop's thread (a coroutine): asynchronous reads return at once when the reader has data (no
/// allocation), else they wait on the loop; asynchronous writes return at once unless the transport's buffer is
/// above its high-water mark, then they wait like <see cref="AsyncStreamWriter.Drain"/>. A synchronous read is
/// served from buffered data only: blocking the loop's thread for more would deadlock the loop that delivers it,
/// so it throws <see cref="InvalidOperationException"/> when nothing is buffered.
/// </para>
/// <para>
/// On any other thread, while the loop runs (stream code on the thread pool, a synchronous parser on a worker
/// thread): every operation is handed to the loop's thread, as <see cref="EventLoop.CallSoonThreadSafe(Action)"/>
/// does, and the caller waits as it would on a socket's <see cref="System.Net.Sockets.NetworkStream"/>: a
/// synchronous read blocks until data or the end of the stream arrives, a synchronous write blocks while the
/// transport's buffer is above its high-water mark. Disposing closes the writer.
/// </para>
/// </remarks>
public sealed class ConnectionStream : Stream
{
    private readonly AsyncStreamReader? _reader;
    private readonly AsyncStreamWriter? _writer;
    private readonly EventLoop _loop;
    private bool _disposed;

    internal ConnectionStream(AsyncStreamReader? reader, AsyncStreamWriter? writer, EventLoop loop)
    {
        _reader = reader;
        _writer = writer;
        _loop = loop;
    }

    /// <inheritdoc/>
    public override bool CanRead => _reader is not null && !_disposed;

    /// <inheritdoc/>
    public override bool CanWrite => _writer is not null && !_disposed;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException("A connection has no length.");

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException("A connection has no position.");
        set => throw new NotSupportedException("A connection has no position.");
    }

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var reader = RequireReader();
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled<int>(cancellationToken);
        if (OffLoopThread)
            return RunOnLoop(reader.ReadAsync(buffer).AsCoroutine(), cancellationToken);
        try
        {
            if (reader.TryReadNow(buffer.Span, out int count))
                return new ValueTask<int>(count);
        }
        catch (Exception e)
        {
            return ValueTask.FromException<int>(e);
        }
        return RunOnLoop(reader.ReadAsync(buffer).AsCoroutine(), cancellationToken);
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>
    /// Reads up to <paramref name="buffer"/>'s length; 0 at the end of the stream. On the loop's thread (or while the
    /// loop is not running) only what is buffered already; on another thread while the loop runs, it blocks until
    /// data or the end of the stream arrives.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// Nothing is buffered and the caller is on the loop's thread: waiting would block the loop that delivers the
    /// data, a deadlock (use <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>).
    /// </exception>
    public override int Read(Span<byte> buffer)
    {
        var reader = RequireReader();
        if (OffLoopThread)
            return ReadBlocking(reader, buffer);
        if (reader.TryReadNow(buffer, out int count))
            return count;
        throw new InvalidOperationException(
            "No data is buffered and a synchronous read on the loop's thread would block the event loop that delivers it (a deadlock); use ReadAsync.");
    }

    /// <inheritdoc cref="Read(Span{byte})"/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var writer = RequireWriter();
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled(cancellationToken);
        if (OffLoopThread)
            return new ValueTask(RunOnLoop(WriteAndDrain(writer, buffer), cancellationToken).AsTask());
        writer.Write(buffer.Span);
        return MustDrain(writer) ? new ValueTask(RunOnLoop(DrainAsVoid(writer), cancellationToken).AsTask()) : ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>
    /// On the loop's thread, writes without waiting (the transport buffers what the socket does not take); on
    /// another thread while the loop runs, hands the bytes to the loop and blocks while the transport's buffer is
    /// above its high-water mark.
    /// </summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var writer = RequireWriter();
        if (OffLoopThread)
            RunOnLoop(WriteAndDrain(writer, buffer.ToArray()), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        else
            writer.Write(buffer);
    }

    /// <inheritdoc cref="Write(ReadOnlySpan{byte})"/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Waits until the transport's buffer is at or below its high-water mark (<see cref="AsyncStreamWriter.Drain"/>).</summary>
    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        var writer = RequireWriter();
        if (OffLoopThread)
            return RunOnLoop(DrainAsVoid(writer), cancellationToken).AsTask();
        return MustDrain(writer) ? RunOnLoop(DrainAsVoid(writer), cancellationToken).AsTask() : Task.CompletedTask;
    }

    /// <summary>Does nothing: writes are handed to the transport at once.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A connection cannot seek.");

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("A connection has no length.");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (_writer is { } writer)
            {
                if (OffLoopThread)
                    _loop.CallSoonThreadSafe(writer.Close);
                else
                    writer.Close();
            }
        }
        base.Dispose(disposing);
    }

    /// <summary>True on a thread other than the loop's while the loop runs: the stream's work must be posted to the loop.</summary>
    private bool OffLoopThread => _loop.IsRunning && !ReferenceEquals(EventLoop.RunningOrNull, _loop);

    private int ReadBlocking(AsyncStreamReader reader, Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        // The span cannot travel to the loop's thread: the loop reads into a rented array, copied out here.
        byte[] rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            int count = RunOnLoop(reader.ReadAsync(rented.AsMemory(0, buffer.Length)).AsCoroutine(), CancellationToken.None)
                .AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, count).CopyTo(buffer);
            return count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static async Coroutine<bool> WriteAndDrain(AsyncStreamWriter writer, ReadOnlyMemory<byte> data)
    {
        writer.Write(data.Span);
        await writer.Drain();
        return true;
    }

    private static bool MustDrain(AsyncStreamWriter writer) =>
        writer.IsClosing || writer.Transport.GetWriteBufferSize() > writer.Transport.GetWriteBufferLimits().High;

    private static async Coroutine<bool> DrainAsVoid(AsyncStreamWriter writer)
    {
        await writer.Drain();
        return true;
    }

    // The task runs on the loop; its completion is delivered on the loop's thread, where the awaiting
    // stream code continues inline (no thread hop, so that code keeps calling this stream on the loop). From
    // another thread, the task is created on the loop's thread.
    private ValueTask<T> RunOnLoop<T>(Coroutine<T> coroutine, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>();
        if (OffLoopThread)
            _loop.CallSoonThreadSafe(() => StartOnLoop(coroutine, completion, cancellationToken));
        else
            StartOnLoop(coroutine, completion, cancellationToken);
        return new ValueTask<T>(completion.Task);
    }

    private void StartOnLoop<T>(Coroutine<T> coroutine, TaskCompletionSource<T> completion, CancellationToken cancellationToken)
    {
        var task = _loop.CreateTask(coroutine);
        CancellationTokenRegistration registration = default;
        if (cancellationToken.CanBeCanceled)
            registration = cancellationToken.Register(() => _loop.CallSoonThreadSafe(() => task.Cancel()));
        task.AddDoneCallback(done =>
        {
            registration.Dispose();
            if (done.Cancelled)
                completion.TrySetCanceled(cancellationToken);
            else if (done.Exception() is { } error)
                completion.TrySetException(error);
            else
                completion.TrySetResult(done.Result());
        });
    }

    private AsyncStreamReader RequireReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader ?? throw new NotSupportedException("This stream has no reader: it was made from a writer without one.");
    }

    private AsyncStreamWriter RequireWriter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer ?? throw new NotSupportedException("This stream is read-only: it was made from a reader.");
    }
}
