namespace Coroutines;

/// <summary>
/// A child process and its pipes (asyncio's <c>SubprocessTransport</c>); its protocol is a
/// <see cref="SubprocessProtocol"/>. <see cref="IBaseTransport.Close"/> kills a child that still runs.
/// </summary>
public interface ISubprocessTransport : IBaseTransport
{
    /// <summary>The child's process id.</summary>
    int Pid { get; }

    /// <summary>
    /// Null while the child runs; then its exit code, or minus the signal number when a signal ended it
    /// (−9 after <see cref="Kill"/>), as asyncio reports it.
    /// </summary>
    int? ReturnCode { get; }

    /// <summary>The transport of the child's stdin (0), stdout (1) or stderr (2), or null when that stream is not a pipe.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is not 0, 1 or 2.</exception>
    IBaseTransport? GetPipeTransport(int fd);

    /// <summary>Sends the signal <paramref name="signal"/> (a POSIX signal number) to the child.</summary>
    /// <exception cref="InvalidOperationException">The child has exited (asyncio's <c>ProcessLookupError</c>).</exception>
    void SendSignal(int signal);

    /// <summary>Asks the child to stop (SIGTERM).</summary>
    /// <exception cref="InvalidOperationException">The child has exited.</exception>
    void Terminate();

    /// <summary>Kills the child (SIGKILL).</summary>
    /// <exception cref="InvalidOperationException">The child has exited.</exception>
    void Kill();
}
