using System.Net;

namespace Coroutines.Tests.Datagrams;

/// <summary>
/// A datagram protocol that records its callbacks in order and checks asyncio's state machine (test_events::MyDatagramProto:
/// INITIAL, then INITIALIZED after ConnectionMade, then CLOSED after ConnectionLost, with nothing after it). It can echo
/// each datagram back to its sender.
/// </summary>
internal sealed class DatagramRecorder(EventLoop loop, bool echo = false) : DatagramProtocol
{
    public string State { get; private set; } = "INITIAL";

    public IDatagramTransport? Transport { get; private set; }

    public List<(byte[] Data, EndPoint From)> Received { get; } = new();

    public List<Exception> Errors { get; } = new();

    public List<string> Events { get; } = new();

    public Exception? LostWith { get; private set; }

    /// <summary>Whether each datagram closes the transport from inside <see cref="DatagramReceived"/>.</summary>
    public bool CloseOnDatagram { get; set; }

    /// <summary>Completed when a datagram arrives (replaced by <see cref="NextDatagram"/>).</summary>
    private Future<(byte[] Data, EndPoint From)>? _next;

    private Future<Exception>? _nextError;

    public Future<bool> Lost { get; } = new(loop);

    public override void ConnectionMade(IBaseTransport transport)
    {
        Assert.That(State, Is.EqualTo("INITIAL"));
        State = "INITIALIZED";
        Transport = (IDatagramTransport)transport;
        Events.Add("made");
    }

    public override void DatagramReceived(ReadOnlySpan<byte> data, EndPoint address)
    {
        Assert.That(State, Is.EqualTo("INITIALIZED"));
        var copy = data.ToArray();
        Received.Add((copy, address));
        Events.Add("datagram");
        if (echo)
            Transport!.SendTo(copy, address);
        if (CloseOnDatagram)
            Transport!.Close();
        if (_next is { } next)
        {
            _next = null;
            next.SetResult((copy, address));
        }
    }

    public override void ErrorReceived(Exception exception)
    {
        Assert.That(State, Is.EqualTo("INITIALIZED"));
        Errors.Add(exception);
        Events.Add("error");
        if (_nextError is { } next)
        {
            _nextError = null;
            next.SetResult(exception);
        }
    }

    public override void PauseWriting() => Events.Add("pause");

    public override void ResumeWriting() => Events.Add("resume");

    public override void ConnectionLost(Exception? exception)
    {
        Assert.That(State, Is.EqualTo("INITIALIZED"));
        State = "CLOSED";
        LostWith = exception;
        Events.Add("lost");
        Lost.SetResult(true);
    }

    public Future<(byte[] Data, EndPoint From)> NextDatagram() => _next = new Future<(byte[] Data, EndPoint From)>(loop);

    public Future<Exception> NextError() => _nextError = new Future<Exception>(loop);
}
