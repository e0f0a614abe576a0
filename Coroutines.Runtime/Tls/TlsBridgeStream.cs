using System.Threading.Tasks.Sources;
using Coroutines.Streams;

namespace Coroutines.Tls;

/// <summary>
/// The in-memory duplex under an <see cref="System.Net.Security.SslStream"/>: ciphertext the socket transport
/// received is read from here, and ciphertext the <c>SslStream</c> writes goes straight to the socket transport.
/// Everything happens on the loop thread: a read with nothing buffered stays pending until the transport
/// delivers, and completes synchronously inside that delivery. When a read is pending and nothing is buffered,
/// the transport receives directly into the <c>SslStream</c>'s own buffer (no copy).
/// </summary>
internal sealed class TlsBridgeStream : Stream, IValueTaskSource<int>
{
    private readonly IWriteTransport _transport;
    private ManualResetValueTaskSourceCore<int> _readSource;
    private ByteBuffer _incoming;
    private Memory<byte> _pendingRead;
    private bool _readPending;
    private bool _lentPendingBuffer;
    private bool _eof;
    private Exception? _error;

    public TlsBridgeStream(IWriteTransport transport) => _transport = transport;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Memory for the socket transport to receive ciphertext into.</summary>
    public Memory<byte> GetReceiveBuffer(int sizeHint)
    {
        if (_readPending && _incoming.Length == 0 && !_pendingRead.IsEmpty)
        {
            _lentPendingBuffer = true;
            return _pendingRead;
        }
        _lentPendingBuffer = false;
        return _incoming.GetFreeMemory(Math.Max(sizeHint, 16 * 1024));
    }

    /// <summary>The transport filled <paramref name="count"/> bytes of the memory <see cref="GetReceiveBuffer"/> lent it.</summary>
    public void ReceiveBufferUpdated(int count)
    {
        if (_lentPendingBuffer)
        {
            _lentPendingBuffer = false;
            CompleteRead(count);
            return;
        }
        _incoming.Advance(count);
        if (_readPending)
            CompleteRead(CopyOut(_pendingRead.Span));
    }

    /// <summary>The peer closed its sending side: a pending and every later read returns 0 once the buffer is empty.</summary>
    public void FeedEof()
    {
        _eof = true;
        if (_readPending && _incoming.Length == 0)
            CompleteRead(0);
    }

    /// <summary>The connection failed: reads throw <paramref name="error"/> once the buffer is empty.</summary>
    public void Fail(Exception error)
    {
        _error ??= error;
        if (_readPending && _incoming.Length == 0)
        {
            _readPending = false;
            _pendingRead = default;
            _readSource.SetException(error);
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_readPending)
            return ValueTask.FromException<int>(new InvalidOperationException("A TLS read is already pending."));
        if (buffer.IsEmpty || _incoming.Length > 0)
            return new ValueTask<int>(CopyOut(buffer.Span));
        if (_error is not null)
            return ValueTask.FromException<int>(_error);
        if (_eof)
            return new ValueTask<int>(0);
        _readSource.Reset();
        _pendingRead = buffer;
        _readPending = true;
        return new ValueTask<int>(this, _readSource.Version);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The TLS bridge reads only asynchronously: a synchronous read would block the loop.");

    public override void Write(byte[] buffer, int offset, int count) => _transport.Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _transport.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _transport.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _transport.Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _incoming.Release();
        base.Dispose(disposing);
    }

    int IValueTaskSource<int>.GetResult(short token) => _readSource.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _readSource.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _readSource.OnCompleted(continuation, state, token, flags);

    private void CompleteRead(int count)
    {
        _readPending = false;
        _pendingRead = default;
        _readSource.SetResult(count);
    }

    private int CopyOut(Span<byte> destination)
    {
        int count = Math.Min(destination.Length, _incoming.Length);
        _incoming.Span[..count].CopyTo(destination);
        _incoming.Consume(count);
        return count;
    }
}
