namespace Coroutines;

/// <summary>
/// The protocol of a child process (asyncio's <c>SubprocessProtocol</c>): <see cref="BaseProtocol.ConnectionMade"/>,
/// then, interleaved, <see cref="PipeDataReceived"/>, <see cref="PipeConnectionLost"/> (after that pipe's data) and
/// <see cref="ProcessExited"/>; <see cref="BaseProtocol.ConnectionLost"/> comes last, once the child has exited and
/// every pipe is closed.
/// </summary>
public abstract class SubprocessProtocol : BaseProtocol
{
    /// <summary>The child wrote to stdout (<paramref name="fd"/> 1) or stderr (2); <paramref name="data"/> is valid only during this call.</summary>
    public virtual void PipeDataReceived(int fd, ReadOnlySpan<byte> data)
    {
    }

    /// <summary>The pipe <paramref name="fd"/> (0, 1 or 2) closed; <paramref name="exception"/> is null on a clean close.</summary>
    public virtual void PipeConnectionLost(int fd, Exception? exception)
    {
    }

    /// <summary>The child exited; its exit code is the transport's <see cref="ISubprocessTransport.ReturnCode"/>.</summary>
    public virtual void ProcessExited()
    {
    }
}
