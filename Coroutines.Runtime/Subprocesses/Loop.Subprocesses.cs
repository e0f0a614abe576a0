using Coroutines.Subprocesses;

namespace Coroutines;

public static partial class Loop
{
    /// <summary>
    /// Starts <paramref name="program"/> on the running loop with stream access to its pipes (asyncio's
    /// <c>create_subprocess_exec</c>); see <see cref="EventLoop.SubprocessExec{TProtocol}"/> for the arguments and errors.
    /// </summary>
    /// <param name="program">The executable: a path, or a name looked up on <c>PATH</c>.</param>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="stdin">The child's stdin; a pipe (the default) becomes <see cref="AsyncProcess.Stdin"/>.</param>
    /// <param name="stdout">The child's stdout; a pipe (the default) becomes <see cref="AsyncProcess.Stdout"/>.</param>
    /// <param name="stderr">The child's stderr; a pipe (the default) becomes <see cref="AsyncProcess.Stderr"/>.</param>
    /// <param name="env">The child's whole environment; null inherits this process's.</param>
    /// <param name="cwd">The child's working directory; null inherits this process's.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (asyncio's <c>limit</c>, 64 KiB by default).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">No loop is running on this thread.</exception>
    public static async Coroutine<AsyncProcess> CreateSubprocessExec(
        string program,
        IEnumerable<string>? args = null,
        SubprocessStdio stdin = default,
        SubprocessStdio stdout = default,
        SubprocessStdio stderr = default,
        IReadOnlyDictionary<string, string>? env = null,
        string? cwd = null,
        int limit = AsyncStreamReader.DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var loop = EventLoop.Running;
        var (transport, protocol) = await loop.SubprocessExec(() => new SubprocessStreamProtocol(loop, limit), program, args, stdin, stdout, stderr, env, cwd);
        return new AsyncProcess((SubprocessTransport)transport, protocol);
    }

    /// <summary>
    /// Runs <paramref name="command"/> through <c>/bin/sh -c</c> with stream access to its pipes (asyncio's
    /// <c>create_subprocess_shell</c>); otherwise as <see cref="CreateSubprocessExec"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    public static Coroutine<AsyncProcess> CreateSubprocessShell(
        string command,
        SubprocessStdio stdin = default,
        SubprocessStdio stdout = default,
        SubprocessStdio stderr = default,
        IReadOnlyDictionary<string, string>? env = null,
        string? cwd = null,
        int limit = AsyncStreamReader.DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(command);
        return CreateSubprocessExec("/bin/sh", ["-c", command], stdin, stdout, stderr, env, cwd, limit);
    }
}
