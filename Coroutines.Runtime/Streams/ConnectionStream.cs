namespace Coroutines;

/// <summary>
/// A stream connection as a .NET <see cref="Stream"/> (from <see cref="AsyncStreamReader.AsStream"/> and
/// <see cref="AsyncStreamWriter.AsStream"/>), so code written for streams (an <c>SslStream</c>, a
/// <c>System.IO.Pipelines</c> reader, a JSON serializer) can use the connection from a coroutine.
/// </summary>
/// <remarks>
/// Call it on the loop's thread, as everything on a connection. Asynchronous reads return at once when the
/// reader has data (no allocation), else they wait on the loop; asynchronous writes return at once unless the
/// transport's buffer is above its high-water mark, then they wait like <see cref="AsyncStreamWriter.Drain"/>.
/// Synchronous reads are served from buffered data only: blocking the loop's thread for more would deadlock
/// the loop that delivers it, so they throw when nothing is buffered. Disposing closes the writer.
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
        try
        {
            if (reader.TryReadNow(buffer.Span, out int count))
                return new ValueTask<int>(count);
        }
        catch (Exception e)
        {
            return ValueTask.FromException<int>(e);
        }
        return RunOnLoop(reader.ReadAsync(buffer), cancellationToken);
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads what is buffered already; 0 at the end of the stream.</summary>
    /// <exception cref="InvalidOperationException">Nothing is buffered: waiting would block the loop (use <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>).</exception>
    public override int Read(Span<byte> buffer)
    {
        var reader = RequireReader();
        if (reader.TryReadNow(buffer, out int count))
            return count;
        throw new InvalidOperationException("No data is buffered and a synchronous read would block the event loop; use ReadAsync.");
    }

    /// <inheritdoc cref="Read(Span{byte})"/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var writer = RequireWriter();
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled(cancellationToken);
        writer.Write(buffer.Span);
        return MustDrain(writer) ? new ValueTask(RunOnLoop(DrainAsVoid(writer), cancellationToken).AsTask()) : ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Writes without waiting (the transport buffers what the socket does not take).</summary>
    public override void Write(ReadOnlySpan<byte> buffer) => RequireWriter().Write(buffer);

    /// <inheritdoc cref="Write(ReadOnlySpan{byte})"/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Waits until the transport's buffer is at or below its high-water mark (<see cref="AsyncStreamWriter.Drain"/>).</summary>
    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        var writer = RequireWriter();
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
            _writer?.Close();
        }
        base.Dispose(disposing);
    }

    private static bool MustDrain(AsyncStreamWriter writer) =>
        writer.IsClosing || writer.Transport.GetWriteBufferSize() > writer.Transport.GetWriteBufferLimits().High;

    private static async Coroutine<bool> DrainAsVoid(AsyncStreamWriter writer)
    {
        await writer.Drain();
        return true;
    }

    // The task runs on the loop; its completion is delivered on the loop's thread, where the awaiting
    // stream code continues inline (no thread hop, so that code keeps calling this stream on the loop).
    private ValueTask<T> RunOnLoop<T>(Coroutine<T> coroutine, CancellationToken cancellationToken)
    {
        var task = _loop.CreateTask(coroutine);
        var completion = new TaskCompletionSource<T>();
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
        return new ValueTask<T>(completion.Task);
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
