namespace Coroutines.Tests.Pipes;

/// <summary>
/// A stream protocol for pipe tests that checks asyncio's state machine (test_events::MyReadPipeProto:
/// INITIAL, CONNECTED, EOF, CLOSED) and records what it receives and the flow-control calls.
/// </summary>
internal sealed class StreamRecorder(EventLoop loop) : Protocol
{
    public List<string> States { get; } = new() { "INITIAL" };

    public List<string> FlowEvents { get; } = new();

    public MemoryStream Data { get; } = new();

    public IBaseTransport? Transport { get; private set; }

    public Exception? LostWith { get; private set; }

    public Future<bool> Lost { get; } = new(loop);

    /// <summary>Completed once at least this many bytes have arrived (see <see cref="WhenReceived"/>).</summary>
    private (long Count, Future<bool> Future)? _byteWaiter;

    public override void ConnectionMade(IBaseTransport transport)
    {
        Assert.That(States[^1], Is.EqualTo("INITIAL"));
        Transport = transport;
        States.Add("CONNECTED");
    }

    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        Assert.That(States[^1], Is.EqualTo("CONNECTED"));
        Data.Write(data);
        if (_byteWaiter is { } waiter && Data.Length >= waiter.Count)
        {
            _byteWaiter = null;
            waiter.Future.SetResult(true);
        }
    }

    public override bool EofReceived()
    {
        Assert.That(States[^1], Is.EqualTo("CONNECTED"));
        States.Add("EOF");
        return false;
    }

    public override void PauseWriting() => FlowEvents.Add("pause");

    public override void ResumeWriting() => FlowEvents.Add("resume");

    public override void ConnectionLost(Exception? exception)
    {
        Assert.That(States[^1], Is.AnyOf("CONNECTED", "EOF"));
        States.Add("CLOSED");
        LostWith = exception;
        Lost.SetResult(true);
    }

    public Future<bool> WhenReceived(long count)
    {
        var future = new Future<bool>(loop);
        if (Data.Length >= count)
            future.SetResult(true);
        else
            _byteWaiter = (count, future);
        return future;
    }
}
