namespace Coroutines.Subprocesses;

/// <summary>
/// Lets an <see cref="AsyncStreamWriter"/> write to a child's stdin: the stream writer is built over a connection's
/// <see cref="ITransport"/>, and a stdin pipe only writes, so the reading half here is inert (never reading, pausing a
/// no-op) and everything else is the pipe transport's.
/// </summary>
internal sealed class StdinStreamTransport(IWriteTransport pipe) : ITransport
{
    public bool IsClosing => pipe.IsClosing;

    public bool IsReading => false;

    public bool CanWriteEof => pipe.CanWriteEof;

    public void Close() => pipe.Close();

    public BaseProtocol GetProtocol() => pipe.GetProtocol();

    public void SetProtocol(BaseProtocol protocol) => pipe.SetProtocol(protocol);

    public object? GetExtraInfo(string name, object? defaultValue = null) => pipe.GetExtraInfo(name, defaultValue);

    public void PauseReading()
    {
    }

    public void ResumeReading()
    {
    }

    public void Write(ReadOnlySpan<byte> data) => pipe.Write(data);

    public void WriteLines(IEnumerable<ReadOnlyMemory<byte>> buffers) => pipe.WriteLines(buffers);

    public void WriteEof() => pipe.WriteEof();

    public void Abort() => pipe.Abort();

    public int GetWriteBufferSize() => pipe.GetWriteBufferSize();

    public (int Low, int High) GetWriteBufferLimits() => pipe.GetWriteBufferLimits();

    public void SetWriteBufferLimits(int? high = null, int? low = null) => pipe.SetWriteBufferLimits(high, low);

    public override string ToString() => $"<stdin {pipe}>";
}
