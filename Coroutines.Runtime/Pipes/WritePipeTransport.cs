using System.Runtime.InteropServices;
using Coroutines.IO;
using Coroutines.Native;
using Coroutines.Transports;

namespace Coroutines.Pipes;

/// <summary>
/// The writing end of a pipe, a FIFO or a character device (asyncio's <c>_UnixWritePipeTransport</c>): writes go out at
/// once when the buffer is empty, the rest is buffered and flushed on writability, with asyncio's flow control. For a pipe
/// the transport also watches for readability, which on a write end means the reader went away: it then closes (with
/// <c>EPIPE</c> if data was still waiting).
/// </summary>
internal sealed unsafe class WritePipeTransport : PipeTransportBase, IWriteTransport
{
    private readonly OutgoingBytes _buffer = new();
    private readonly bool _watchesReaderGone;
    private WriteFlowControl _flow;
    private bool _closing;
    private bool _eofWritten;
    private DroppedWriteCounter _droppedWrites;

    // spawnedPipe: fd is a pipe end the child spawner made (already non-blocking, certainly watchable).
    public WritePipeTransport(EventLoop loop, BaseProtocol protocol, int fd, SafeHandle? ownedHandle, bool spawnedPipe = false)
        : this(loop, protocol, fd, ownedHandle, spawnedPipe || PosixNative.FileType(fd) is PosixNative.S_IFIFO or PosixNative.S_IFSOCK, spawnedPipe)
    {
    }

    private WritePipeTransport(EventLoop loop, BaseProtocol protocol, int fd, SafeHandle? ownedHandle, bool watchesReaderGone, bool spawnedPipe)
        : base(loop, protocol, fd, ownedHandle, watchNow: watchesReaderGone, spawnedPipe)
    {
        _watchesReaderGone = watchesReaderGone;
    }

    /// <summary>Schedules the protocol's <c>ConnectionMade</c> and then <paramref name="waiter"/>'s result (asyncio's order).</summary>
    public void Start(Future<bool>? waiter)
    {
        if (_watchesReaderGone)
            Watch.SetInterest(IoInterest.Read);
        Loop.CallSoon(static t => t.GetProtocol().ConnectionMade(t), this);
        if (waiter is not null)
            Loop.CallSoon(static w => w.TrySetResult(true), waiter);
    }

    public override bool IsClosing => _closing;

    public bool CanWriteEof => true;

    public int GetWriteBufferSize() => _buffer.Count;

    public (int Low, int High) GetWriteBufferLimits() => _flow.Limits;

    public void SetWriteBufferLimits(int? high = null, int? low = null) => _flow.SetLimits(high, low, _buffer.Count, this, Loop);

    public void Write(ReadOnlySpan<byte> data)
    {
        if (_eofWritten)
            throw new InvalidOperationException("Cannot call Write() after WriteEof().");
        if (data.IsEmpty)
            return;
        if (_closing || Released)
        {
            _droppedWrites.Drop(Loop, "pipe closed by peer or os.write(pipe, data) raised exception.");
            return;
        }
        if (_buffer.Count == 0)
        {
            nint written;
            fixed (byte* start = data)
                written = PosixNative.Write(Fd, start, data.Length);
            if (written < 0)
            {
                if (Marshal.GetLastPInvokeError() is not (PosixNative.EAGAIN or PosixNative.EINTR))
                {
                    _droppedWrites.CountFailure();
                    FatalError(LastError("write"), "Fatal write error on pipe transport");
                    return;
                }
                written = 0;
            }
            if (written == data.Length)
                return;
            data = data[(int)written..];
            Watch.SetInterest(Watch.Interest | IoInterest.Write);
        }
        _buffer.Append(data);
        _flow.AfterGrow(_buffer.Count, this, Loop);
    }

    public void WriteLines(IEnumerable<ReadOnlyMemory<byte>> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        foreach (var buffer in buffers)
            Write(buffer.Span);
    }

    public void WriteEof()
    {
        if (_closing)
            return;
        _closing = true;
        _eofWritten = true;
        if (_buffer.Count == 0)
            Release(null);
        else if (_watchesReaderGone)
            Watch.SetInterest(IoInterest.Write);   // keep flushing; readiness of the reader no longer matters
    }

    public override void Close()
    {
        if (!_closing)
            WriteEof();
    }

    public void Abort()
    {
        _closing = true;
        Release(null);
    }

    public override void OnIoReady(IoInterest ready)
    {
        if ((ready & IoInterest.Write) != 0)
        {
            Flush();
        }
        else if ((ready & IoInterest.Read) != 0)
        {
            // A write end turns "readable" only when the reader closed (EPOLLERR / EPOLLHUP).
            if (_buffer.Count > 0)
            {
                _closing = true;
                FatalError(new IOException("Broken pipe: the reading end was closed.", PosixNative.EPIPE), "Fatal write error on pipe transport");
            }
            else
            {
                Close();
                if (!Released)
                    Release(null);
            }
        }
    }

    public override string ToString() => $"<WritePipeTransport fd={Fd} {(_closing ? "closing" : "open")} buffered={_buffer.Count}>";

    protected override void OnRelease()
    {
        _closing = true;
        _buffer.Clear();
    }

    private void Flush()
    {
        var pending = _buffer.Pending;
        nint written;
        fixed (byte* start = pending)
            written = PosixNative.Write(Fd, start, pending.Length);
        if (written < 0)
        {
            if (Marshal.GetLastPInvokeError() is PosixNative.EAGAIN or PosixNative.EINTR)
                return;
            _droppedWrites.CountFailure();
            _closing = true;
            FatalError(LastError("write"), "Fatal write error on pipe transport");
            return;
        }
        _buffer.Consume((int)written);
        _flow.AfterShrink(_buffer.Count, this, Loop);
        if (_buffer.Count > 0 || Released)
            return;
        Watch.SetInterest(_watchesReaderGone && !_closing ? IoInterest.Read : IoInterest.None);
        if (_closing)
            Release(null);
    }
}
