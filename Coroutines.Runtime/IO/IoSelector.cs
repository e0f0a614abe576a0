using System.Net.Sockets;

namespace Coroutines.IO;

/// <summary>
/// A loop's readiness backend. It keeps the open watches (one per descriptor), tells the OS what each waits for, and
/// hands readiness to the watches' handlers on the loop thread. Subclasses are the epoll and portable backends.
/// </summary>
internal abstract class IoSelector : IDisposable
{
    private readonly Dictionary<nint, IoWatch> _byFd = new();
    private IoWatch?[] _slots = new IoWatch?[16];
    private readonly Stack<int> _freeSlots = new();
    private int _nextSlot;
    private uint _generation;
    private bool _disposed;

    protected IoSelector(EventLoop loop) => Loop = loop;

    protected EventLoop Loop { get; }

    /// <summary>Whether plain file descriptors (pipes, eventfd, pidfd) can be watched.</summary>
    public abstract bool SupportsFds { get; }

    /// <summary>
    /// Whether the loop blocks inside <see cref="Poll"/> (the selector wakes for readiness and thread-safe calls alike);
    /// otherwise readiness arrives as thread-safe calls and the loop waits on its monitor.
    /// </summary>
    public abstract bool WaitsInPoll { get; }

    /// <summary>
    /// Whether readiness the OS already signalled is still on its way to the loop (a backend that learns of it through
    /// completions on other threads), so the loop is not idle yet: virtual time must not jump meanwhile.
    /// </summary>
    public virtual bool ReadinessInTransit() => false;

    /// <summary>Open watches whose interest is not <see cref="IoInterest.None"/>: the ones that can report something.</summary>
    public int ActiveWatchCount { get; private set; }

    /// <summary>Open watches.</summary>
    public int WatchCount => _byFd.Count;

    public IoWatch Watch(Socket socket, IIoReadyHandler handler)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(_disposed, socket);
        nint fd = socket.SafeHandle.DangerousGetHandle();
        return Register(new IoWatch(this, fd, socket, handler));
    }

    /// <param name="fd">The descriptor.</param>
    /// <param name="handler">Hears its readiness.</param>
    /// <param name="knownPollable">The loop made the descriptor itself (a pipe end, a pidfd), so the backend need not check now that it can be watched.</param>
    public IoWatch Watch(int fd, IIoReadyHandler handler, bool knownPollable = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        ArgumentNullException.ThrowIfNull(handler);
        if (!SupportsFds)
            throw new PlatformNotSupportedException(
                "This loop's I/O backend watches sockets only; watching a plain file descriptor needs the epoll backend (Linux, IoBackend.Epoll).");
        return Register(new IoWatch(this, fd, null, handler) { KnownPollable = knownPollable });
    }

    private IoWatch Register(IoWatch watch)
    {
        if (_byFd.TryGetValue(watch.Fd, out var existing))
            throw new InvalidOperationException(
                $"File descriptor {watch.Fd} is already registered with this loop (by {existing.Handler.GetType().Name}); " +
                "a socket or descriptor can have one watch at a time: close the other one (or remove its reader/writer) first.");
        int slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _nextSlot++;
        if (slot == _slots.Length)
            Array.Resize(ref _slots, _slots.Length * 2);
        watch.Slot = slot;
        watch.Generation = ++_generation;
        OnWatchCreated(watch);   // may throw (a descriptor the OS cannot watch): nothing is recorded yet
        _slots[slot] = watch;
        _byFd.Add(watch.Fd, watch);
        return watch;
    }

    /// <summary>The open watch of <paramref name="fd"/>, if any.</summary>
    public bool TryGetWatch(nint fd, out IoWatch watch) => _byFd.TryGetValue(fd, out watch!);

    internal void OnInterestChanged(IoWatch watch, IoInterest previous)
    {
        if (previous == IoInterest.None)
            ActiveWatchCount++;
        else if (watch.Interest == IoInterest.None)
            ActiveWatchCount--;
        ApplyInterest(watch, previous);
    }

    internal void Unwatch(IoWatch watch)
    {
        if (watch.Interest != IoInterest.None)
            ActiveWatchCount--;
        _slots[watch.Slot] = null;
        _freeSlots.Push(watch.Slot);
        _byFd.Remove(watch.Fd);
        OnWatchClosed(watch);
    }

    /// <summary>The watch an event names, or null when it was closed (or its slot reused) since the OS reported it.</summary>
    protected IoWatch? Resolve(int slot, uint generation)
    {
        if ((uint)slot >= (uint)_slots.Length)
            return null;
        var watch = _slots[slot];
        return watch is not null && watch.Generation == generation ? watch : null;
    }

    /// <summary>Hands readiness to the watch's handler, restricted to what it still waits for.</summary>
    protected void Dispatch(IoWatch watch, IoInterest ready)
    {
        ready &= watch.Interest;
        if (ready != IoInterest.None && !watch.IsClosed)
            Loop.RunIoHandler(watch, ready);
    }

    /// <summary>Registers a new watch with the OS (interest None).</summary>
    protected abstract void OnWatchCreated(IoWatch watch);

    /// <summary>Tells the OS the watch's new interest.</summary>
    protected abstract void ApplyInterest(IoWatch watch, IoInterest previous);

    /// <summary>Removes the watch from the OS (its descriptor may already be closed).</summary>
    protected abstract void OnWatchClosed(IoWatch watch);

    /// <summary>See <see cref="IoWatch.TakeConsumedError"/>.</summary>
    internal virtual SocketError TakeConsumedError(IoWatch watch) => SocketError.Success;

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> (-1: no limit; 0: just look) for readiness or a
    /// <see cref="Wake"/>, and runs the handlers of what is ready. Returns how many handlers ran.
    /// </summary>
    public abstract int Poll(int timeoutMilliseconds);

    /// <summary>Makes a blocked or imminent <see cref="Poll"/> return; any thread.</summary>
    public abstract void Wake();

    /// <summary>Clears a <see cref="Wake"/> after the poll it interrupted.</summary>
    public abstract void ConsumeWake();

    /// <summary>Closes every watch (no handler runs afterwards) and the backend's own resources.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var watch in _byFd.Values.ToArray())
        {
            watch.MarkClosed();
            OnWatchClosed(watch);
        }
        _byFd.Clear();
        Array.Clear(_slots);
        ActiveWatchCount = 0;
        DisposeBackend();
    }

    protected abstract void DisposeBackend();
}
