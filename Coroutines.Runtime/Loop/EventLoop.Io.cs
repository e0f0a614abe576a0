using System.Net.Sockets;
using Coroutines.IO;
using Coroutines.IO.Epoll;

namespace Coroutines;

public sealed partial class EventLoop
{
    private readonly IoSelector _selector;
    // Registration order, so Close can close newest first; a dictionary keeps Unregister O(1) with thousands open.
    private readonly Dictionary<IDisposable, long> _closeables = new(ReferenceEqualityComparer.Instance);
    private long _closeableSequence;

    /// <summary>The backend this loop uses for sockets and file descriptors (never <see cref="IoBackend.Auto"/>).</summary>
    public IoBackend IoBackend { get; }

    private static IoBackend ResolveBackend(IoBackend requested) => requested switch
    {
        IoBackend.Auto => OperatingSystem.IsLinux() ? IoBackend.Epoll : IoBackend.Portable,
        IoBackend.Epoll or IoBackend.Portable => requested,
        _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "Unknown I/O backend; use Auto, Epoll or Portable."),
    };

    private IoSelector CreateSelector() => IoBackend switch
    {
        IoBackend.Epoll => new EpollSelector(this),
        _ => new Coroutines.IO.Portable.PortableSelector(this),
    };

    /// <summary>Whether <see cref="WatchFd"/> (plain file descriptors: pipes, eventfd, pidfd) works on this loop's backend.</summary>
    internal bool SupportsFdWatches => _selector.SupportsFds;

    /// <summary>Registers <paramref name="socket"/> with the selector; the watch starts with no interest.</summary>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="InvalidOperationException">The socket already has a watch on this loop.</exception>
    internal IoWatch WatchSocket(Socket socket, IIoReadyHandler handler)
    {
        ThrowIfClosed();
        CheckThread();
        return _selector.Watch(socket, handler);
    }

    /// <summary>Registers a plain file descriptor (epoll backend only); the watch starts with no interest.</summary>
    /// <exception cref="ObjectDisposedException">The loop is closed.</exception>
    /// <exception cref="PlatformNotSupportedException">The backend watches sockets only.</exception>
    /// <exception cref="InvalidOperationException">The descriptor already has a watch on this loop.</exception>
    internal IoWatch WatchFd(int fd, IIoReadyHandler handler, bool knownPollable = false)
    {
        ThrowIfClosed();
        CheckThread();
        return _selector.Watch(fd, handler, knownPollable);
    }

    /// <summary>Adds something <see cref="Close"/> closes first (an open transport, a server), before the selector.</summary>
    internal void RegisterCloseable(IDisposable closeable)
    {
        ArgumentNullException.ThrowIfNull(closeable);
        ThrowIfClosed();
        _closeables.TryAdd(closeable, _closeableSequence++);
    }

    /// <summary>Forgets a closeable (it closed by itself). Returns whether it was registered.</summary>
    internal bool UnregisterCloseable(IDisposable closeable) => _closeables.Remove(closeable);

    /// <summary>Closes the registered closeables; <see cref="Close"/> then closes the selector (every watch, the epoll and wake descriptors).</summary>
    private void CloseCloseables()
    {
        while (_closeables.Count > 0)
        {
            // Newest first. Closing one may unregister others (skipped below) or register new ones (the next pass).
            var newestFirst = _closeables.OrderByDescending(entry => entry.Value).Select(entry => entry.Key).ToArray();
            foreach (var closeable in newestFirst)
            {
                if (!_closeables.Remove(closeable))
                    continue;
                try
                {
                    closeable.Dispose();
                }
                catch (Exception e)
                {
                    CallExceptionHandler(new ExceptionContext($"Exception while closing {closeable} with the loop") { Exception = e });
                }
            }
        }
    }

    /// <summary>Runs a watch's handler from the I/O pass; its exception goes to the exception handler, as a callback's would.</summary>
    internal void RunIoHandler(IoWatch watch, IoInterest ready)
    {
        long start = Debug ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        try
        {
            watch.Handler.OnIoReady(ready);
        }
        catch (Exception e)
        {
            var description = watch.ToString();
            CallExceptionHandler(new ExceptionContext($"Exception in I/O handler {description}") { Exception = e, Callback = description });
        }
        if (start != 0 && System.Diagnostics.Stopwatch.GetElapsedTime(start) is var elapsed && elapsed >= SlowCallbackDuration)
            WarnSlowCallback(watch.ToString(), elapsed);
    }
}
