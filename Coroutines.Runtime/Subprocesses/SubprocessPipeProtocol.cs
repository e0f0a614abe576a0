namespace Coroutines.Subprocesses;

/// <summary>
/// The protocol of one of a child's pipe transports (asyncio's <c>ReadSubprocessPipeProto</c> and
/// <c>WriteSubprocessPipeProto</c>): it forwards the pipe's data, loss and flow control to the subprocess transport,
/// which turns them into <see cref="SubprocessProtocol"/> callbacks naming the stream.
/// </summary>
internal sealed class SubprocessPipeProtocol(SubprocessTransport owner, int fd) : Protocol
{
    public override void DataReceived(ReadOnlySpan<byte> data) => owner.OnPipeData(fd, data);

    public override void ConnectionLost(Exception? exception) => owner.OnPipeLost(fd, exception);

    public override void PauseWriting() => owner.GetProtocol().PauseWriting();

    public override void ResumeWriting() => owner.GetProtocol().ResumeWriting();
}
