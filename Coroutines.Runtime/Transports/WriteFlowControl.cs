namespace Coroutines.Transports;

/// <summary>
/// The water marks of a writing transport and the pause/resume decisions built on them (asyncio's
/// <c>_FlowControlMixin</c>). A mutable struct kept in a transport field (never copied): the transport calls
/// <see cref="AfterGrow"/> when its buffer grew and <see cref="AfterShrink"/> when it shrank.
/// </summary>
internal struct WriteFlowControl
{
    /// <summary>asyncio's default high-water mark (64 KiB); the low mark defaults to a quarter of it.</summary>
    public const int DefaultHigh = 64 * 1024;

    private int _high;
    private int _low;
    private bool _initialized;

    /// <summary>Whether <see cref="BaseProtocol.PauseWriting"/> was called and <see cref="BaseProtocol.ResumeWriting"/> not yet.</summary>
    public bool IsPaused { get; private set; }

    /// <summary>The current marks.</summary>
    public readonly (int Low, int High) Limits => _initialized ? (_low, _high) : (DefaultHigh / 4, DefaultHigh);

    /// <summary>
    /// Validates and stores new marks with asyncio's defaults, then re-checks <paramref name="bufferSize"/>
    /// against them at once (which may pause the protocol from inside this call).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A mark is negative or high is below low.</exception>
    public void SetLimits(int? high, int? low, int bufferSize, IBaseTransport transport, EventLoop loop)
    {
        int newHigh = high ?? (low is int l ? 4 * l : DefaultHigh);
        int newLow = low ?? newHigh / 4;
        if (newLow < 0)
            throw new ArgumentOutOfRangeException(nameof(low), newLow, $"The low-water mark must be >= 0 (high {newHigh}, low {newLow}).");
        if (newHigh < newLow)
            throw new ArgumentOutOfRangeException(nameof(high), newHigh, $"The high-water mark must be >= the low-water mark (high {newHigh}, low {newLow}).");
        _high = newHigh;
        _low = newLow;
        _initialized = true;
        AfterGrow(bufferSize, transport, loop);
    }

    /// <summary>Pauses the protocol when <paramref name="bufferSize"/> is strictly above the high mark and it is not paused yet.</summary>
    public void AfterGrow(int bufferSize, IBaseTransport transport, EventLoop loop)
    {
        if (IsPaused || bufferSize <= Limits.High)
            return;
        IsPaused = true;
        try
        {
            transport.GetProtocol().PauseWriting();
        }
        catch (Exception e)
        {
            Report(loop, transport, "protocol.PauseWriting() failed", e);
        }
    }

    /// <summary>Resumes the protocol when it is paused and <paramref name="bufferSize"/> fell to the low mark or below.</summary>
    public void AfterShrink(int bufferSize, IBaseTransport transport, EventLoop loop)
    {
        if (!IsPaused || bufferSize > Limits.Low)
            return;
        IsPaused = false;
        try
        {
            transport.GetProtocol().ResumeWriting();
        }
        catch (Exception e)
        {
            Report(loop, transport, "protocol.ResumeWriting() failed", e);
        }
    }

    private static void Report(EventLoop loop, IBaseTransport transport, string message, Exception exception) =>
        loop.CallExceptionHandler(new ExceptionContext(message)
        {
            Exception = exception,
            Extra = new Dictionary<string, object?> { ["transport"] = transport, ["protocol"] = transport.GetProtocol() },
        });
}
