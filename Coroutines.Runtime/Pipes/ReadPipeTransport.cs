using System.Runtime.InteropServices;
using Coroutines.IO;
using Coroutines.Native;

namespace Coroutines.Pipes;

/// <summary>
/// The reading end of a pipe, a FIFO or a character device (asyncio's <c>_UnixReadPipeTransport</c>): one read per
/// readiness report into the loop's shared buffer, handed to <see cref="Protocol.DataReceived"/>; at end of file the
/// protocol's <see cref="Protocol.EofReceived"/> and then <see cref="BaseProtocol.ConnectionLost"/> follow through the loop.
/// </summary>
internal sealed unsafe class ReadPipeTransport : PipeTransportBase, IReadTransport
{
    private bool _closing;
    private bool _paused;

    // spawnedPipe: fd is a pipe end the child spawner made (already non-blocking, certainly watchable).
    public ReadPipeTransport(EventLoop loop, Protocol protocol, int fd, SafeHandle? ownedHandle, bool spawnedPipe = false)
        : base(loop, protocol, fd, ownedHandle, watchNow: true, spawnedPipe)
    {
    }

    /// <summary>Schedules the protocol's <c>ConnectionMade</c>, then the start of reading, then <paramref name="waiter"/>'s result (asyncio's order).</summary>
    public void Start(Future<bool>? waiter)
    {
        Loop.CallSoon(static t => t.GetProtocol().ConnectionMade(t), this);
        Loop.CallSoon(static t => t.UpdateInterest(), this);
        if (waiter is not null)
            Loop.CallSoon(static w => w.TrySetResult(true), waiter);
    }

    public override bool IsClosing => _closing;

    public bool IsReading => !_paused && !_closing;

    public void PauseReading()
    {
        if (_closing || _paused)
            return;
        _paused = true;
        UpdateInterest();
    }

    public void ResumeReading()
    {
        if (_closing || !_paused)
            return;
        _paused = false;
        UpdateInterest();
    }

    public override void Close()
    {
        if (_closing)
            return;
        _closing = true;
        Release(null);
    }

    public override void OnIoReady(IoInterest ready)
    {
        var buffer = Loop.TransportReadBuffer;
        nint count;
        fixed (byte* start = buffer)
            count = PosixNative.Read(Fd, start, buffer.Length);
        if (count > 0)
        {
            try
            {
                ((Protocol)GetProtocol()).DataReceived(buffer.AsSpan(0, (int)count));
            }
            catch (Exception e)
            {
                _closing = true;
                FatalError(e, "Fatal error: protocol.DataReceived() call failed.");
            }
        }
        else if (count == 0)
        {
            _closing = true;
            Loop.CallSoon(static t => t.DeliverEof(), this);
            Release(null);
        }
        else if (Marshal.GetLastPInvokeError() is not (PosixNative.EAGAIN or PosixNative.EINTR))
        {
            _closing = true;
            FatalError(LastError("read"), "Fatal read error on pipe transport");
        }
    }

    public override string ToString() => $"<ReadPipeTransport fd={Fd} {(_closing ? "closing" : _paused ? "paused" : "reading")}>";

    private void DeliverEof()
    {
        try
        {
            ((Protocol)GetProtocol()).EofReceived();   // a read pipe closes at end of file whatever the answer (as asyncio)
        }
        catch (Exception e)
        {
            ReportFatalError(e, "Fatal error: protocol.EofReceived() call failed.");
        }
    }

    private void UpdateInterest()
    {
        if (!Released)
            Watch.SetInterest(_paused || _closing ? IoInterest.None : IoInterest.Read);
    }
}
