using Coroutines.Subprocesses;

namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>
    /// Starts <paramref name="program"/> with <paramref name="args"/> (asyncio's <c>subprocess_exec</c>). The child is
    /// spawned with <c>posix_spawn</c> (the .NET heap is never forked), its pipes are non-blocking descriptors in the
    /// loop's selector, and its exit is observed on the loop. By the time the coroutine returns,
    /// <see cref="BaseProtocol.ConnectionMade"/> has run; then come <see cref="SubprocessProtocol.PipeDataReceived"/>,
    /// <see cref="SubprocessProtocol.PipeConnectionLost"/> and <see cref="SubprocessProtocol.ProcessExited"/>, and
    /// <see cref="BaseProtocol.ConnectionLost"/> last, once the child has exited and all its pipes are closed.
    /// </summary>
    /// <param name="protocolFactory">Makes the protocol that hears from the child.</param>
    /// <param name="program">The executable: a path, or a name looked up on <c>PATH</c> (the child's <c>PATH</c> when
    /// <paramref name="env"/> is given, as <c>execvpe</c>).</param>
    /// <param name="args">The arguments after the program name (argv[1..]).</param>
    /// <param name="stdin">The child's stdin; <see cref="SubprocessStdio.Pipe"/> (the default) makes
    /// <see cref="ISubprocessTransport.GetPipeTransport"/>(0) an <see cref="IWriteTransport"/>.</param>
    /// <param name="stdout">The child's stdout; a pipe's data arrives as <c>PipeDataReceived(1, …)</c>.</param>
    /// <param name="stderr">The child's stderr; <see cref="SubprocessStdio.Stdout"/> merges it into stdout.</param>
    /// <param name="env">The child's whole environment; null inherits this process's (as <see cref="Environment.GetEnvironmentVariables()"/> sees it).</param>
    /// <param name="cwd">The child's working directory; null inherits this process's.</param>
    /// <exception cref="ArgumentNullException"><paramref name="protocolFactory"/> or <paramref name="program"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="program"/> is empty; <see cref="SubprocessStdio.Stdout"/> given for stdin or
    /// stdout; an argument or environment entry is malformed; a given descriptor is not open.</exception>
    /// <exception cref="FileNotFoundException">The program does not exist or is not on <c>PATH</c> (nothing is left open).</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="cwd"/> does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The program is not executable.</exception>
    /// <exception cref="PlatformNotSupportedException">Not Linux, or the loop's I/O backend cannot watch file descriptors (the
    /// portable backend: use <see cref="IoBackend.Epoll"/>), or a <paramref name="cwd"/> with a libc older than glibc 2.29.</exception>
    public async Coroutine<(ISubprocessTransport Transport, TProtocol Protocol)> SubprocessExec<TProtocol>(
        Func<TProtocol> protocolFactory,
        string program,
        IEnumerable<string>? args = null,
        SubprocessStdio stdin = default,
        SubprocessStdio stdout = default,
        SubprocessStdio stderr = default,
        IReadOnlyDictionary<string, string>? env = null,
        string? cwd = null)
        where TProtocol : SubprocessProtocol
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (stdin.Kind == SubprocessStdioKind.Stdout)
            throw new ArgumentException("SubprocessStdio.Stdout is only valid for stderr.", nameof(stdin));
        if (stdout.Kind == SubprocessStdioKind.Stdout)
            throw new ArgumentException("SubprocessStdio.Stdout is only valid for stderr.", nameof(stdout));
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("Subprocess transports are implemented for Linux (posix_spawn, pidfd, epoll).");
        if (!SupportsFdWatches)
            throw new PlatformNotSupportedException(
                $"Subprocess transports watch the child's pipes and exit as file descriptors, which this loop's {IoBackend} I/O backend cannot do: use IoBackend.Epoll.");

        var argList = args?.ToArray() ?? [];
        var protocol = protocolFactory() ?? throw new InvalidOperationException("The protocol factory returned null.");
        var transport = SubprocessTransport.Spawn(this, protocol, program, argList, stdin, stdout, stderr, env, cwd);
        var waiter = new Future<bool>(this);
        transport.Start(waiter);
        await AwaitTransportStart(waiter, transport);
        return (transport, protocol);
    }

    /// <summary>
    /// Runs <paramref name="command"/> through <c>/bin/sh -c</c> (asyncio's <c>subprocess_shell</c>); otherwise as
    /// <see cref="SubprocessExec{TProtocol}"/>. Quote what you interpolate: the shell interprets the whole string.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="protocolFactory"/> or <paramref name="command"/> is null.</exception>
    public Coroutine<(ISubprocessTransport Transport, TProtocol Protocol)> SubprocessShell<TProtocol>(
        Func<TProtocol> protocolFactory,
        string command,
        SubprocessStdio stdin = default,
        SubprocessStdio stdout = default,
        SubprocessStdio stderr = default,
        IReadOnlyDictionary<string, string>? env = null,
        string? cwd = null)
        where TProtocol : SubprocessProtocol
    {
        ArgumentNullException.ThrowIfNull(command);
        return SubprocessExec(protocolFactory, "/bin/sh", ["-c", command], stdin, stdout, stderr, env, cwd);
    }
}
