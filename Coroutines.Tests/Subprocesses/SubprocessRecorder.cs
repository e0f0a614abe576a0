namespace Coroutines.Tests.Subprocesses;

/// <summary>
/// A subprocess protocol that records its callbacks and checks asyncio's order (test_subprocess::test_subprocess_protocol_events):
/// ConnectionMade first; each pipe's data before that pipe's PipeConnectionLost; ConnectionLost last, after ProcessExited and
/// every PipeConnectionLost, and nothing after it.
/// </summary>
internal sealed class SubprocessRecorder(EventLoop loop) : SubprocessProtocol
{
    private readonly bool[] _pipeLost = new bool[3];

    public ISubprocessTransport? Transport { get; private set; }

    public List<string> Events { get; } = new();

    public MemoryStream Stdout { get; } = new();

    public MemoryStream Stderr { get; } = new();

    public Future<bool> Exited { get; } = new(loop);

    public Future<bool> Lost { get; } = new(loop);

    public Dictionary<int, Exception?> PipeErrors { get; } = new();

    private readonly Dictionary<string, Future<bool>> _waiters = new();

    /// <summary>Completed when the event named <paramref name="name"/> (e.g. "pcl1") is recorded.</summary>
    public Future<bool> When(string name)
    {
        if (!_waiters.TryGetValue(name, out var waiter))
        {
            _waiters[name] = waiter = new Future<bool>(loop);
            if (Events.Contains(name))
                waiter.SetResult(true);
        }
        return waiter;
    }

    private void Record(string name)
    {
        Events.Add(name);
        if (_waiters.TryGetValue(name, out var waiter) && !waiter.Done)
            waiter.SetResult(true);
    }

    /// <summary>Called with each piece of stdout or stderr after it was recorded.</summary>
    public Action<int, byte[]>? OnData { get; set; }

    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout.ToArray());

    public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr.ToArray());

    public override void ConnectionMade(IBaseTransport transport)
    {
        Assert.That(Events, Is.Empty, "ConnectionMade comes first");
        Transport = (ISubprocessTransport)transport;
        Record("made");
    }

    public override void PipeDataReceived(int fd, ReadOnlySpan<byte> data)
    {
        Assert.That(fd, Is.AnyOf(1, 2));
        Assert.That(_pipeLost[fd], Is.False, $"data on fd {fd} after its PipeConnectionLost");
        Assert.That(Lost.Done, Is.False);
        (fd == 1 ? Stdout : Stderr).Write(data);
        Record($"data{fd}");
        OnData?.Invoke(fd, data.ToArray());
    }

    public override void PipeConnectionLost(int fd, Exception? exception)
    {
        Assert.That(_pipeLost[fd], Is.False, $"PipeConnectionLost({fd}) twice");
        Assert.That(Lost.Done, Is.False);
        _pipeLost[fd] = true;
        PipeErrors[fd] = exception;
        Record($"pcl{fd}");
    }

    public override void ProcessExited()
    {
        Assert.That(Exited.Done, Is.False, "ProcessExited twice");
        Assert.That(Transport!.ReturnCode, Is.Not.Null, "the return code is known when ProcessExited runs");
        Record("exited");
        Exited.SetResult(true);
    }

    public override void ConnectionLost(Exception? exception)
    {
        Assert.That(Exited.Done, Is.True, "ConnectionLost after ProcessExited");
        for (int fd = 0; fd < 3; fd++)
        {
            if (Transport!.GetPipeTransport(fd) is not null)
                Assert.That(_pipeLost[fd], Is.True, $"ConnectionLost before PipeConnectionLost({fd})");
        }
        Assert.That(exception, Is.Null);
        Record("lost");
        Lost.SetResult(true);
    }
}
