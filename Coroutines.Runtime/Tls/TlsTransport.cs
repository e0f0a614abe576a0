namespace Coroutines.Tls;

/// <summary>
/// The transport a protocol sees over TLS (asyncio's <c>_SSLProtocolTransport</c>): plaintext in and out, the
/// socket transport's flow control and extra information, plus the TLS keys <c>"sslcontext"</c> (the options),
/// <c>"ssl_object"</c> (the <see cref="System.Net.Security.SslStream"/>), <c>"peercert"</c> (the peer's certificate or null),
/// <c>"cipher"</c> (the negotiated cipher suite and protocol version) and <c>"compression"</c> (always null).
/// TLS cannot half-close, so <see cref="CanWriteEof"/> is false.
/// </summary>
internal sealed class TlsTransport : ITransport
{
    private readonly TlsProtocol _tls;

    public TlsTransport(TlsProtocol tls) => _tls = tls;

    public bool IsClosing => _tls.AppClosing;

    public bool IsReading => _tls.AppReading;

    public bool CanWriteEof => false;

    public void Close() => _tls.AppClose();

    public void Abort() => _tls.AppAbort();

    public BaseProtocol GetProtocol() => _tls.App;

    public void SetProtocol(BaseProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        _tls.SetApp(protocol);
    }

    public object? GetExtraInfo(string name, object? defaultValue = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "sslcontext" => _tls.Settings.Options,
            "ssl_object" => _tls.Ssl,
            "peercert" => _tls.PeerCertificate,
            "cipher" => _tls.Cipher is { } cipher ? cipher : defaultValue,
            "compression" => null,
            _ => _tls.SocketTransport is { } socket ? socket.GetExtraInfo(name, defaultValue) : defaultValue,
        };
    }

    public void PauseReading() => _tls.AppPauseReading();

    public void ResumeReading() => _tls.AppResumeReading();

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return;
        _tls.AppWrite(data);
    }

    public void WriteLines(IEnumerable<ReadOnlyMemory<byte>> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        foreach (var buffer in buffers)
            Write(buffer.Span);
    }

    public void WriteEof() => throw new NotSupportedException("A TLS transport cannot half-close (CanWriteEof is false).");

    public int GetWriteBufferSize() => _tls.PendingWriteSize + (_tls.SocketTransport?.GetWriteBufferSize() ?? 0);

    public (int Low, int High) GetWriteBufferLimits() =>
        _tls.SocketTransport?.GetWriteBufferLimits() ?? (Transports.WriteFlowControl.DefaultHigh / 4, Transports.WriteFlowControl.DefaultHigh);

    public void SetWriteBufferLimits(int? high = null, int? low = null)
    {
        if (_tls.SocketTransport is { } socket)
            socket.SetWriteBufferLimits(high, low);
    }

    public override string ToString() => $"<TlsTransport over {_tls.SocketTransport?.ToString() ?? "closed"}>";
}
