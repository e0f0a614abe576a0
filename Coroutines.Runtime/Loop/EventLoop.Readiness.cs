using System.Net.Sockets;
using Coroutines.IO;

namespace Coroutines;

public sealed partial class EventLoop
{
    private readonly Dictionary<nint, ReadinessRegistration> _readiness = new();

    /// <summary>
    /// Calls <paramref name="callback"/> on the loop thread whenever <paramref name="socket"/> is readable (asyncio's
    /// <c>add_reader</c>), replacing the socket's previous reader. Level-triggered: it is called again on every iteration
    /// while unread data (or an error, or end of stream) remains. An exception it throws goes to the exception handler.
    /// </summary>
    /// <remarks>Remove the reader before closing the socket: the loop cannot tell when a socket it watches is closed.</remarks>
    /// <exception cref="ObjectDisposedException">The loop (or the socket) is closed.</exception>
    /// <exception cref="InvalidOperationException">The socket is watched by something else on this loop (a transport).</exception>
    public void AddReader(Socket socket, Action callback)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(callback);
        SetCallback(SocketKey(socket), socket, IoInterest.Read, new ReadinessCallback(callback, null, WorkKind.Action));
    }

    /// <summary>Calls <paramref name="callback"/> with <paramref name="state"/> whenever <paramref name="socket"/> is readable; see <see cref="AddReader(Socket, Action)"/>.</summary>
    public void AddReader(Socket socket, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(callback);
        SetCallback(SocketKey(socket), socket, IoInterest.Read, new ReadinessCallback(callback, state, WorkKind.RefState));
    }

    /// <summary>
    /// Calls <paramref name="callback"/> whenever the file descriptor <paramref name="fd"/> (a pipe, an eventfd, a pidfd)
    /// is readable; see <see cref="AddReader(Socket, Action)"/>. Needs the epoll backend.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">The loop's backend watches sockets only (<see cref="IoBackend.Portable"/>).</exception>
    /// <exception cref="ArgumentException"><paramref name="fd"/> is negative, not open, or cannot be polled (a regular file).</exception>
    public void AddReader(int fd, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        SetCallback(FdKey(fd), null, IoInterest.Read, new ReadinessCallback(callback, null, WorkKind.Action));
    }

    /// <summary>Calls <paramref name="callback"/> with <paramref name="state"/> whenever <paramref name="fd"/> is readable; see <see cref="AddReader(int, Action)"/>.</summary>
    public void AddReader(int fd, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        SetCallback(FdKey(fd), null, IoInterest.Read, new ReadinessCallback(callback, state, WorkKind.RefState));
    }

    /// <summary>
    /// Calls <paramref name="callback"/> whenever <paramref name="socket"/> is writable (asyncio's <c>add_writer</c>),
    /// replacing its previous writer; level-triggered, so remove it once there is nothing left to send.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The loop (or the socket) is closed.</exception>
    /// <exception cref="InvalidOperationException">The socket is watched by something else on this loop (a transport).</exception>
    public void AddWriter(Socket socket, Action callback)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(callback);
        SetCallback(SocketKey(socket), socket, IoInterest.Write, new ReadinessCallback(callback, null, WorkKind.Action));
    }

    /// <summary>Calls <paramref name="callback"/> with <paramref name="state"/> whenever <paramref name="socket"/> is writable; see <see cref="AddWriter(Socket, Action)"/>.</summary>
    public void AddWriter(Socket socket, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(callback);
        SetCallback(SocketKey(socket), socket, IoInterest.Write, new ReadinessCallback(callback, state, WorkKind.RefState));
    }

    /// <summary>Calls <paramref name="callback"/> whenever the file descriptor <paramref name="fd"/> is writable (epoll backend only).</summary>
    /// <exception cref="PlatformNotSupportedException">The loop's backend watches sockets only.</exception>
    public void AddWriter(int fd, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        SetCallback(FdKey(fd), null, IoInterest.Write, new ReadinessCallback(callback, null, WorkKind.Action));
    }

    /// <summary>Calls <paramref name="callback"/> with <paramref name="state"/> whenever <paramref name="fd"/> is writable (epoll backend only).</summary>
    public void AddWriter(int fd, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        SetCallback(FdKey(fd), null, IoInterest.Write, new ReadinessCallback(callback, state, WorkKind.RefState));
    }

    /// <summary>Stops calling the reader of <paramref name="socket"/> (asyncio's <c>remove_reader</c>).</summary>
    /// <returns>Whether a reader was registered (false on a closed loop).</returns>
    public bool RemoveReader(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return RemoveCallback(SocketKey(socket), IoInterest.Read);
    }

    /// <summary>Stops calling the reader of the file descriptor <paramref name="fd"/>.</summary>
    /// <returns>Whether a reader was registered (false on a closed loop).</returns>
    public bool RemoveReader(int fd) => RemoveCallback(FdKey(fd), IoInterest.Read);

    /// <summary>Stops calling the writer of <paramref name="socket"/> (asyncio's <c>remove_writer</c>).</summary>
    /// <returns>Whether a writer was registered (false on a closed loop).</returns>
    public bool RemoveWriter(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return RemoveCallback(SocketKey(socket), IoInterest.Write);
    }

    /// <summary>Stops calling the writer of the file descriptor <paramref name="fd"/>.</summary>
    /// <returns>Whether a writer was registered (false on a closed loop).</returns>
    public bool RemoveWriter(int fd) => RemoveCallback(FdKey(fd), IoInterest.Write);

    /// <summary>Sets a socket's reader or writer for a <c>Sock*</c> operation; returns the key that removes it.</summary>
    internal nint SetReadinessCallback(Socket socket, IoInterest which, Action<object?> callback, object state)
    {
        nint key = SocketKey(socket);
        SetCallback(key, socket, which, new ReadinessCallback(callback, state, WorkKind.RefState));
        return key;
    }

    internal void RemoveReadinessCallback(nint key, IoInterest which) => RemoveCallback(key, which);

    /// <summary>Accepts through the watch of <paramref name="listener"/>'s reader (see <see cref="IoWatch.TryAccept"/>).</summary>
    internal Socket? TryAcceptThroughWatch(Socket listener) =>
        _readiness.TryGetValue(SocketKey(listener), out var registration) ? registration.Watch.TryAccept() : null;

    private static nint SocketKey(Socket socket) => socket.SafeHandle.DangerousGetHandle();

    private static nint FdKey(int fd)
    {
        if (fd < 0)
            throw new ArgumentOutOfRangeException(nameof(fd), fd, "A file descriptor is zero or positive.");
        return fd;
    }

    private void SetCallback(nint key, Socket? socket, IoInterest which, ReadinessCallback callback)
    {
        ThrowIfClosed();
        CheckThread();
        if (!_readiness.TryGetValue(key, out var registration) || registration.Watch.IsClosed)
        {
            registration = new ReadinessRegistration(this);
            registration.Watch = socket is not null ? _selector.Watch(socket, registration) : _selector.Watch((int)key, registration);
            _readiness[key] = registration;
        }
        if (which == IoInterest.Read)
            registration.Reader = callback;
        else
            registration.Writer = callback;
        Refresh(key, registration);
    }

    private bool RemoveCallback(nint key, IoInterest which)
    {
        if (_closed || !_readiness.TryGetValue(key, out var registration))
            return false;
        CheckThread();
        ref var slot = ref which == IoInterest.Read ? ref registration.Reader : ref registration.Writer;
        if (slot.Callback is null)
            return false;
        slot = default;
        Refresh(key, registration);
        return true;
    }

    private void Refresh(nint key, ReadinessRegistration registration)
    {
        try
        {
            registration.Refresh();
        }
        finally
        {
            if (registration.Watch.IsClosed)
                _readiness.Remove(key);
        }
    }
}
