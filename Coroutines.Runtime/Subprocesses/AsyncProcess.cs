using Coroutines.Subprocesses;

namespace Coroutines;

/// <summary>
/// A child process with stream access to its pipes (asyncio's <c>asyncio.subprocess.Process</c>), made by
/// <see cref="Loop.CreateSubprocessExec"/> or <see cref="Loop.CreateSubprocessShell"/>.
/// </summary>
/// <remarks>Named <c>AsyncProcess</c> so it does not clash with <see cref="System.Diagnostics.Process"/>.</remarks>
public sealed class AsyncProcess
{
    private readonly SubprocessTransport _transport;
    private readonly SubprocessStreamProtocol _protocol;

    internal AsyncProcess(SubprocessTransport transport, SubprocessStreamProtocol protocol)
    {
        _transport = transport;
        _protocol = protocol;
    }

    /// <summary>The child's process id.</summary>
    public int Pid => _transport.Pid;

    /// <summary>Null while the child runs; then its exit code, or minus the signal that ended it.</summary>
    public int? ReturnCode => _transport.ReturnCode;

    /// <summary>The child's stdin when it is a pipe; otherwise null.</summary>
    public AsyncStreamWriter? Stdin => _protocol.Stdin;

    /// <summary>The child's stdout when it is a pipe; otherwise null.</summary>
    public AsyncStreamReader? Stdout => _protocol.Stdout;

    /// <summary>The child's stderr when it is a pipe; otherwise null.</summary>
    public AsyncStreamReader? Stderr => _protocol.Stderr;

    /// <summary>
    /// Waits for the child to exit and returns its <see cref="ReturnCode"/>. Any number of coroutines may wait; cancelling
    /// a wait leaves the child running. Read what the child writes meanwhile (or use <see cref="Communicate"/>): a child
    /// blocked on a full stdout pipe never exits.
    /// </summary>
    public async Coroutine<int> Wait() => await _transport.WaitForExit();

    /// <summary>
    /// Writes <paramref name="input"/> to stdin and closes it, while reading stdout and stderr to their ends, all at once
    /// (so neither side can block the other however large), then waits for the child to exit. Returns what the child
    /// wrote to each piped output (null for a stream that is not a pipe).
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="input"/> is given but stdin is not a pipe.</exception>
    public async Coroutine<(byte[]? Stdout, byte[]? Stderr)> Communicate(ReadOnlyMemory<byte>? input = null)
    {
        if (input is not null && Stdin is null)
            throw new InvalidOperationException("Communicate() was given input but the child's stdin is not a pipe.");
        var loop = _transport.Loop;
        var feeding = Stdin is { } stdin ? loop.CreateTask(FeedStdin(stdin, input)) : null;
        var stdout = Stdout is { } outReader ? loop.CreateTask(ReadToEnd(outReader, 1)) : null;
        var stderr = Stderr is { } errReader ? loop.CreateTask(ReadToEnd(errReader, 2)) : null;
        if (feeding is not null)
            await feeding;
        byte[]? outBytes = stdout is null ? null : await stdout;
        byte[]? errBytes = stderr is null ? null : await stderr;
        await Wait();
        return (outBytes, errBytes);
    }

    /// <summary>Sends the signal <paramref name="signal"/> to the child.</summary>
    /// <exception cref="InvalidOperationException">The child has exited (asyncio's <c>ProcessLookupError</c>).</exception>
    public void SendSignal(int signal) => _transport.SendSignal(signal);

    /// <summary>Asks the child to stop (SIGTERM).</summary>
    /// <exception cref="InvalidOperationException">The child has exited.</exception>
    public void Terminate() => _transport.Terminate();

    /// <summary>Kills the child (SIGKILL).</summary>
    /// <exception cref="InvalidOperationException">The child has exited.</exception>
    public void Kill() => _transport.Kill();

    /// <inheritdoc/>
    public override string ToString() => $"<AsyncProcess {Pid} {(ReturnCode is int code ? $"returncode={code}" : "running")}>";

    private static async Coroutine FeedStdin(AsyncStreamWriter stdin, ReadOnlyMemory<byte>? input)
    {
        if (input is { } data)
        {
            stdin.Write(data.Span);
            try
            {
                await stdin.Drain();
            }
            catch (IOException)
            {
                // The child exited or closed its stdin without reading everything: asyncio ignores that here too.
            }
        }
        stdin.Close();
    }

    private async Coroutine<byte[]> ReadToEnd(AsyncStreamReader reader, int fd)
    {
        var output = await reader.Read();
        _transport.GetPipeTransport(fd)?.Close();
        return output;
    }
}
