namespace Coroutines.Transports;

/// <summary>
/// What every concrete transport shares: its loop, its protocol, the extra-info lookup, and the rule that
/// <see cref="BaseProtocol.ConnectionLost"/> is delivered exactly once, through the loop, after which the
/// transport drops its protocol (asyncio's <c>_SelectorTransport</c> bookkeeping, without the socket).
/// </summary>
internal abstract class TransportBase : IBaseTransport
{
    private BaseProtocol? _protocol;
    private bool _connectionLostScheduled;

    protected TransportBase(EventLoop loop, BaseProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(protocol);
        Loop = loop;
        _protocol = protocol;
    }

    /// <summary>The loop whose thread runs this transport.</summary>
    public EventLoop Loop { get; }

    /// <summary>Whether <see cref="ScheduleConnectionLost"/> has run: nothing may reach the protocol after that.</summary>
    protected bool ConnectionLostScheduled => _connectionLostScheduled;

    /// <inheritdoc/>
    public abstract bool IsClosing { get; }

    /// <inheritdoc/>
    public abstract void Close();

    /// <inheritdoc/>
    public BaseProtocol GetProtocol() =>
        _protocol ?? throw new InvalidOperationException("The transport is closed and no longer has a protocol.");

    /// <inheritdoc/>
    public virtual void SetProtocol(BaseProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        _protocol = protocol;
    }

    /// <inheritdoc/>
    public object? GetExtraInfo(string name, object? defaultValue = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGetExtraInfo(name, out var value) ? value : defaultValue;
    }

    /// <summary>Looks up one extra-info key; false for keys the transport does not know.</summary>
    protected virtual bool TryGetExtraInfo(string name, out object? value)
    {
        value = null;
        return false;
    }

    /// <summary>
    /// Schedules the protocol's <see cref="BaseProtocol.ConnectionLost"/> through the loop (never inside the
    /// caller), once; later calls do nothing. <see cref="OnConnectionLost"/> releases resources right after
    /// the protocol's callback, even when that callback throws.
    /// </summary>
    protected void ScheduleConnectionLost(Exception? exception)
    {
        if (_connectionLostScheduled)
            return;
        _connectionLostScheduled = true;
        Loop.CallSoon(static state => state.Transport.CallConnectionLost(state.Exception), (Transport: this, Exception: exception));
    }

    private void CallConnectionLost(Exception? exception)
    {
        var protocol = _protocol;
        try
        {
            protocol?.ConnectionLost(exception);
        }
        finally
        {
            _protocol = null;
            OnConnectionLost();
        }
    }

    /// <summary>Releases the transport's resources (socket, buffers) after the protocol heard of the loss.</summary>
    protected abstract void OnConnectionLost();

    /// <summary>
    /// Reports a fatal error the way asyncio's <c>_fatal_error</c> does: socket errors are expected on a network
    /// and go to the exception handler only in debug mode; anything else (a protocol callback that threw) always.
    /// </summary>
    protected void ReportFatalError(Exception exception, string message)
    {
        if (exception is System.Net.Sockets.SocketException or IOException && !Loop.Debug)
            return;
        Loop.CallExceptionHandler(new ExceptionContext(message)
        {
            Exception = exception,
            Extra = new Dictionary<string, object?> { ["transport"] = this, ["protocol"] = _protocol },
        });
    }
}
