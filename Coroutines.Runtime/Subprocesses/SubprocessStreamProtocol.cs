namespace Coroutines.Subprocesses;

/// <summary>
/// The protocol behind <see cref="AsyncProcess"/> (asyncio's <c>SubprocessStreamProtocol</c>): the child's stdout and
/// stderr pipes feed <see cref="AsyncStreamReader"/>s (whose limits pause the pipes), its stdin pipe gets an
/// <see cref="AsyncStreamWriter"/> whose <c>Drain</c> follows the pipe's flow control, and the transport is closed once the
/// child has exited and both output pipes are done.
/// </summary>
internal sealed class SubprocessStreamProtocol(EventLoop loop, int limit) : SubprocessProtocol
{
    private readonly List<int> _openOutputs = new(2);
    private StreamReaderProtocol? _stdinFlow;
    private ISubprocessTransport? _transport;
    private bool _exited;

    public AsyncStreamWriter? Stdin { get; private set; }

    public AsyncStreamReader? Stdout { get; private set; }

    public AsyncStreamReader? Stderr { get; private set; }

    public override void ConnectionMade(IBaseTransport transport)
    {
        _transport = (ISubprocessTransport)transport;
        Stdout = ReaderFor(1);
        Stderr = ReaderFor(2);
        if (_transport.GetPipeTransport(0) is IWriteTransport stdin)
        {
            // The stream writer drains on a StreamReaderProtocol's pause/resume; this one hears the stdin pipe's.
            var stdinStream = new StdinStreamTransport(stdin);
            _stdinFlow = new StreamReaderProtocol(new AsyncStreamReader(limit, loop), null, loop);
            _stdinFlow.ConnectionMade(stdinStream);
            Stdin = new AsyncStreamWriter(stdinStream, _stdinFlow, null);
        }
    }

    public override void PipeDataReceived(int fd, ReadOnlySpan<byte> data) => (fd == 1 ? Stdout : Stderr)?.FeedData(data);

    public override void PipeConnectionLost(int fd, Exception? exception)
    {
        if (fd == 0)
        {
            _stdinFlow?.ConnectionLost(exception);   // wakes drainers, with the error if there was one
            return;
        }
        var reader = fd == 1 ? Stdout : Stderr;
        if (exception is null)
            reader?.FeedEof();
        else
            reader?.SetException(exception);
        _openOutputs.Remove(fd);
        CloseTransportWhenDone();
    }

    public override void PauseWriting() => _stdinFlow?.PauseWriting();

    public override void ResumeWriting() => _stdinFlow?.ResumeWriting();

    public override void ProcessExited()
    {
        _exited = true;
        CloseTransportWhenDone();
    }

    private AsyncStreamReader? ReaderFor(int fd)
    {
        if (_transport!.GetPipeTransport(fd) is not IReadTransport pipe)
            return null;
        var reader = new AsyncStreamReader(limit, loop);
        reader.SetTransport(pipe);
        _openOutputs.Add(fd);
        return reader;
    }

    /// <summary>Once the child has exited and its output has been read to the end, the transport closes (stdin with it).</summary>
    private void CloseTransportWhenDone()
    {
        if (_exited && _openOutputs.Count == 0)
            _transport?.Close();
    }
}
