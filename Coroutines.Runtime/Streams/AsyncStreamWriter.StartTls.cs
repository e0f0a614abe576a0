using System.Net.Security;

namespace Coroutines;

public sealed partial class AsyncStreamWriter
{
    /// <summary>
    /// Upgrades the connection to TLS as its client (asyncio's <c>StreamWriter.start_tls</c>): drains, runs the
    /// handshake, and from then on the reader and this writer carry plaintext.
    /// </summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed (e.g. certificate validation).</exception>
    /// <exception cref="TimeoutException">The handshake took longer than <paramref name="handshakeTimeout"/>.</exception>
    public async Coroutine StartTls(SslClientAuthenticationOptions options, string? serverHostname = null, TimeSpan? handshakeTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        await Drain();
        var loop = EventLoop.Running;
        var upgraded = await loop.StartTls(Transport, _protocol, options, serverHostname, handshakeTimeout);
        SwitchTo(upgraded);
    }

    /// <summary>Upgrades the connection to TLS as its server; see <see cref="StartTls(SslClientAuthenticationOptions, string?, TimeSpan?)"/>.</summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed.</exception>
    /// <exception cref="TimeoutException">The handshake took longer than <paramref name="handshakeTimeout"/>.</exception>
    public async Coroutine StartTls(SslServerAuthenticationOptions options, TimeSpan? handshakeTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        await Drain();
        var loop = EventLoop.Running;
        var upgraded = await loop.StartTls(Transport, _protocol, options, handshakeTimeout);
        SwitchTo(upgraded);
    }

    private void SwitchTo(ITransport upgraded)
    {
        Transport = upgraded;
        if (_reader is not null)
            _protocol.ReplaceTransport(upgraded, _reader);
    }
}
