namespace Coroutines;

/// <summary>How an <see cref="EventLoop"/> waits for sockets and file descriptors (<see cref="EventLoopOptions.IoBackend"/>).</summary>
public enum IoBackend
{
    /// <summary>The best backend of the platform: <see cref="Epoll"/> on Linux, <see cref="Portable"/> elsewhere.</summary>
    Auto = 0,

    /// <summary>
    /// Linux <c>epoll</c>: the loop thread itself waits in <c>epoll_wait</c> for readiness, timers and thread-safe calls.
    /// Watches sockets and any pollable file descriptor (pipes, eventfd, pidfd).
    /// </summary>
    Epoll = 1,

    /// <summary>
    /// Every platform: readiness comes from .NET <see cref="System.Net.Sockets.Socket"/> asynchronous operations whose
    /// completions are posted to the loop thread. Watches sockets only.
    /// </summary>
    Portable = 2,
}
