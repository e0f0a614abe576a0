using System.Security.Cryptography;

namespace Coroutines.Tests.Io.Tcp;

/// <summary>
/// A stream protocol that records its callbacks and enforces asyncio's state machine (CPython
/// test_events::MyBaseProto: INITIAL, CONNECTED, EOF, CLOSED): a callback out of order is recorded as a violation,
/// never thrown, so the test sees it even when the transport would swallow it.
/// </summary>
internal class RecordingProtocol : Protocol
{
    private readonly List<(long Count, Future<VoidResult> Waiter)> _byteWaiters = new();
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public RecordingProtocol(EventLoop loop, string name = "")
    {
        Loop = loop;
        Name = name;
        Made = loop.CreateFuture<VoidResult>();
        Lost = loop.CreateFuture<VoidResult>();
        Eof = loop.CreateFuture<VoidResult>();
    }

    public EventLoop Loop { get; }

    public string Name { get; }

    /// <summary>"cm", "data" (consecutive deliveries merged), "eof", "cl" or "cl:ExceptionType", "pause", "resume".</summary>
    public List<string> Events { get; } = new();

    /// <summary>Events prefixed with <see cref="Name"/>, for a log shared by both ends.</summary>
    public List<string>? SharedLog { get; init; }

    public List<string> Violations { get; } = new();

    public string State { get; private set; } = "INITIAL";

    public ITransport Transport { get; private set; } = null!;

    public Future<VoidResult> Made { get; }

    public Future<VoidResult> Lost { get; }

    public Future<VoidResult> Eof { get; }

    public Exception? LostWith { get; private set; }

    public long ReceivedCount { get; private set; }

    /// <summary>Keeps the received bytes (off for bulk transfers, which use <see cref="ReceivedHash"/>).</summary>
    public bool KeepData { get; init; } = true;

    public MemoryStream Received { get; } = new();

    /// <summary>What <see cref="EofReceived"/> returns.</summary>
    public bool KeepOpenOnEof { get; set; }

    /// <summary>Writes every received byte back.</summary>
    public bool Echo { get; init; }

    /// <summary>Runs inside <see cref="ConnectionMade"/> (e.g. to pause reading or write a greeting).</summary>
    public Action<RecordingProtocol>? OnConnectionMade { get; init; }

    /// <summary>Runs inside <see cref="EofReceived"/>, before it returns.</summary>
    public Action<RecordingProtocol>? OnEof { get; init; }

    /// <summary>Thrown from <see cref="DataReceived"/> when set (a faulty protocol).</summary>
    public Exception? ThrowOnData { get; set; }

    public string ReceivedText => System.Text.Encoding.ASCII.GetString(Received.ToArray());

    /// <summary>SHA-256 of everything received so far (call once, at the end).</summary>
    public byte[] ReceivedHash() => _hash.GetHashAndReset();

    /// <summary>Completes once <paramref name="count"/> bytes in total have arrived.</summary>
    public Future<VoidResult> WhenReceived(long count)
    {
        var waiter = Loop.CreateFuture<VoidResult>();
        if (ReceivedCount >= count)
            waiter.SetResult(VoidResult.Value);
        else
            _byteWaiters.Add((count, waiter));
        return waiter;
    }

    public override void ConnectionMade(IBaseTransport transport)
    {
        Expect("ConnectionMade", "INITIAL");
        State = "CONNECTED";
        Transport = (ITransport)transport;
        Record("cm");
        Made.TrySetResult(VoidResult.Value);
        OnConnectionMade?.Invoke(this);
    }

    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        Expect("DataReceived", "CONNECTED");
        if (Events.Count == 0 || Events[^1] != "data")
            Record("data");
        if (ThrowOnData is { } error)
            throw error;
        ReceivedCount += data.Length;
        _hash.AppendData(data);
        if (KeepData)
            Received.Write(data);
        if (Echo)
            Transport.Write(data);
        for (int i = _byteWaiters.Count - 1; i >= 0; i--)
        {
            if (ReceivedCount >= _byteWaiters[i].Count)
            {
                _byteWaiters[i].Waiter.TrySetResult(VoidResult.Value);
                _byteWaiters.RemoveAt(i);
            }
        }
    }

    public override bool EofReceived()
    {
        Expect("EofReceived", "CONNECTED");
        State = "EOF";
        Record("eof");
        Eof.TrySetResult(VoidResult.Value);
        OnEof?.Invoke(this);
        return KeepOpenOnEof;
    }

    public override void ConnectionLost(Exception? exception)
    {
        if (State is not ("CONNECTED" or "EOF"))
            Violations.Add($"ConnectionLost in state {State}");
        State = "CLOSED";
        LostWith = exception;
        Record(exception is null ? "cl" : "cl:" + exception.GetType().Name);
        Lost.TrySetResult(VoidResult.Value);
    }

    public override void PauseWriting() => Record("pause");

    public override void ResumeWriting() => Record("resume");

    private void Expect(string callback, string state)
    {
        if (State != state)
            Violations.Add($"{callback} in state {State}");
    }

    private void Record(string evt)
    {
        Events.Add(evt);
        SharedLog?.Add(Name + evt);
    }
}
