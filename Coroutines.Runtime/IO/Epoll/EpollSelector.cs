using System.Net.Sockets;
using System.Runtime.InteropServices;
using static Coroutines.IO.Epoll.LinuxNative;

namespace Coroutines.IO.Epoll;

/// <summary>
/// The Linux backend: one epoll instance per loop, level-triggered like asyncio's selectors, and an eventfd that
/// <see cref="EventLoop.CallSoonThreadSafe(Action)"/> writes to wake a loop blocked in <c>epoll_wait</c>. The event array
/// is native memory allocated once, so a poll allocates nothing.
/// </summary>
internal sealed unsafe class EpollSelector : IoSelector
{
    private const int MaxEvents = 256;
    private const ulong WakeToken = ulong.MaxValue;

    private readonly FileDescriptorHandle _epoll;
    private readonly FileDescriptorHandle _wake;
    private readonly byte* _events;
    private bool _disposed;

    public EpollSelector(EventLoop loop) : base(loop)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("The epoll I/O backend needs Linux; use IoBackend.Portable (or Auto) on this platform.");
        int epfd = EpollCreate1(EPOLL_CLOEXEC);
        if (epfd < 0)
            throw Error("epoll_create1");
        _epoll = new FileDescriptorHandle(epfd);
        int efd = EventFd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (efd < 0)
        {
            var error = Error("eventfd");
            _epoll.Dispose();
            throw error;
        }
        _wake = new FileDescriptorHandle(efd);
        Control(EPOLL_CTL_ADD, efd, EPOLLIN, WakeToken);
        _events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * EventSize));
    }

    public override bool SupportsFds => true;

    public override bool WaitsInPoll => true;

    protected override void OnWatchCreated(IoWatch watch)
    {
        // A descriptor joins the epoll set only when it first waits for something, because epoll reports errors and
        // hang-ups even with an empty mask, and a watch with no interest must hear nothing. A plain descriptor is tried
        // now, so one epoll cannot watch (a regular file) is refused by WatchFd rather than by a later SetInterest; a pipe
        // or pidfd the loop made itself cannot fail that check, and a child's two saved epoll_ctl calls each add up.
        if (watch.Socket is null && !watch.KnownPollable)
        {
            Control(EPOLL_CTL_ADD, (int)watch.Fd, 0, 0);
            Control(EPOLL_CTL_DEL, (int)watch.Fd, 0, 0);
        }
    }

    protected override void ApplyInterest(IoWatch watch, IoInterest previous)
    {
        var interest = watch.Interest;
        if (interest == IoInterest.None)
        {
            if (watch.InKernel)
            {
                watch.InKernel = false;
                Remove(watch);
            }
            return;
        }
        uint events = (interest.HasFlag(IoInterest.Read) ? EPOLLIN : 0) | (interest.HasFlag(IoInterest.Write) ? EPOLLOUT : 0);
        ulong token = (ulong)(uint)watch.Slot | ((ulong)watch.Generation << 32);
        if (!watch.InKernel)
        {
            Control(EPOLL_CTL_ADD, (int)watch.Fd, events, token);
            watch.InKernel = true;
        }
        else
        {
            Control(EPOLL_CTL_MOD, (int)watch.Fd, events, token);
        }
    }

    protected override void OnWatchClosed(IoWatch watch)
    {
        if (!watch.InKernel)
            return;
        watch.InKernel = false;
        if (!_disposed)
            Remove(watch);
    }

    private void Remove(IoWatch watch)
    {
        // The descriptor may already be closed (the kernel then dropped it from the set by itself): not an error.
        if (EpollCtl(_epoll.Fd, EPOLL_CTL_DEL, (int)watch.Fd, null) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is not (EBADF or ENOENT))
                throw Error("epoll_ctl(EPOLL_CTL_DEL)", errno);
        }
    }

    public override int Poll(int timeoutMilliseconds)
    {
        int count = EpollWait(_epoll.Fd, _events, MaxEvents, timeoutMilliseconds);
        if (count < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR)
                return 0;
            throw Error("epoll_wait", errno);
        }
        int dispatched = 0;
        int size = EventSize, dataOffset = EventDataOffset;
        for (int i = 0; i < count; i++)
        {
            byte* e = _events + i * size;
            uint events = *(uint*)e;   // offset 0: aligned in both layouts
            ulong token = ReadUnaligned(e + dataOffset);
            if (token == WakeToken)
                continue;   // drained by ConsumeWake, which the loop calls after every blocking poll
            var watch = Resolve((int)(uint)token, (uint)(token >> 32));
            if (watch is null)
                continue;   // closed earlier in this pass
            var ready = IoInterest.None;
            if ((events & (EPOLLERR | EPOLLHUP)) != 0)
                ready = IoInterest.Read | IoInterest.Write;
            if ((events & (EPOLLIN | EPOLLPRI | EPOLLRDHUP)) != 0)
                ready |= IoInterest.Read;
            if ((events & EPOLLOUT) != 0)
                ready |= IoInterest.Write;
            Dispatch(watch, ready);
            dispatched++;
        }
        return dispatched;
    }

    private static ulong ReadUnaligned(byte* p) => System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(p);

    public override void Wake()
    {
        ulong one = 1;
        // EAGAIN means the counter is already non-zero: the loop will wake anyway.
        Write(_wake.Fd, &one, sizeof(ulong));
    }

    public override void ConsumeWake()
    {
        ulong value;
        Read(_wake.Fd, &value, sizeof(ulong));   // non-blocking: EAGAIN when there was nothing to clear
    }

    private void Control(int op, int fd, uint events, ulong token)
    {
        byte* e = stackalloc byte[16];
        *(uint*)e = events;
        System.Runtime.CompilerServices.Unsafe.WriteUnaligned(e + EventDataOffset, token);
        if (EpollCtl(_epoll.Fd, op, fd, e) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (op == EPOLL_CTL_ADD && errno == EPERM)
                throw new ArgumentException($"File descriptor {fd} cannot be watched by epoll (a regular file or directory is always ready; read it directly).", nameof(fd));
            if (op == EPOLL_CTL_ADD && errno == EBADF)
                throw new ArgumentException($"File descriptor {fd} is not open.", nameof(fd));
            throw Error("epoll_ctl", errno);
        }
    }

    private static IOException Error(string call, int errno = -1)
    {
        if (errno < 0)
            errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).", errno);
    }

    protected override void DisposeBackend()
    {
        _disposed = true;
        NativeMemory.Free(_events);
        _wake.Dispose();
        _epoll.Dispose();
    }
}
