using System.Net.Security;
using Coroutines.Tls;

namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>
    /// Upgrades a live connection to TLS as its client (asyncio's <c>loop.start_tls</c>, for STARTTLS): the
    /// transport's protocol becomes the TLS layer, the handshake runs, and the returned transport carries
    /// <paramref name="protocol"/>'s plaintext from then on. The old transport must not be used afterwards.
    /// The certificate is validated (options without a validation callback use the system's trust and check
    /// the host name); a failure raises the validation error and closes the connection.
    /// </summary>
    /// <param name="transport">The connected transport.</param>
    /// <param name="protocol">The protocol that receives the plaintext (not called <c>ConnectionMade</c> again).</param>
    /// <param name="options">The client options; their target host is replaced by <paramref name="serverHostname"/> when one is given.</param>
    /// <param name="serverHostname">The host name the certificate must match.</param>
    /// <param name="handshakeTimeout">How long the handshake may take (60 s by default).</param>
    /// <param name="shutdownTimeout">How long a close waits for the peer's close_notify (30 s by default).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed (e.g. certificate validation).</exception>
    /// <exception cref="TimeoutException">The handshake took longer than <paramref name="handshakeTimeout"/>.</exception>
    public Coroutine<ITransport> StartTls(ITransport transport, BaseProtocol protocol, SslClientAuthenticationOptions options,
        string? serverHostname = null, TimeSpan? handshakeTimeout = null, TimeSpan? shutdownTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(protocol);
        return StartTlsCore(transport, protocol, TlsSettings.ForClient(options, serverHostname, handshakeTimeout, shutdownTimeout));
    }

    /// <summary>
    /// Upgrades a live connection to TLS as its server (see
    /// <see cref="StartTls(ITransport, BaseProtocol, SslClientAuthenticationOptions, string?, TimeSpan?, TimeSpan?)"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed.</exception>
    /// <exception cref="TimeoutException">The handshake took longer than <paramref name="handshakeTimeout"/>.</exception>
    public Coroutine<ITransport> StartTls(ITransport transport, BaseProtocol protocol, SslServerAuthenticationOptions options,
        TimeSpan? handshakeTimeout = null, TimeSpan? shutdownTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(protocol);
        return StartTlsCore(transport, protocol, TlsSettings.ForServer(options, handshakeTimeout, shutdownTimeout));
    }

    private async Coroutine<ITransport> StartTlsCore(ITransport transport, BaseProtocol protocol, TlsSettings settings)
    {
        if (transport.IsClosing)
            throw new InvalidOperationException("StartTls() needs a transport that is not closing.");
        var waiter = new Future<ITransport>(this);
        var tls = new TlsProtocol(this, protocol, settings, waiter, callConnectionMade: false);
        // asyncio's order: stop reading, switch protocols, let the TLS layer connect, then read again.
        transport.PauseReading();
        transport.SetProtocol(tls);
        var connectionMade = CallSoon(() => tls.ConnectionMade(transport));
        var resumed = CallSoon(transport.ResumeReading);
        try
        {
            return await waiter;
        }
        catch
        {
            connectionMade.Cancel();
            resumed.Cancel();
            transport.Close();
            throw;
        }
    }
}
