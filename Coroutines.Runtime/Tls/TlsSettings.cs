using System.Net.Security;

namespace Coroutines.Tls;

/// <summary>
/// One side's TLS options with asyncio's timeouts (<c>ssl_handshake_timeout</c> 60 s and
/// <c>ssl_shutdown_timeout</c> 30 s by default). Exactly one of the two option objects is set.
/// </summary>
internal sealed record TlsSettings
{
    /// <summary>asyncio's <c>SSL_HANDSHAKE_TIMEOUT</c>.</summary>
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(60);

    /// <summary>asyncio's <c>SSL_SHUTDOWN_TIMEOUT</c>.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    private TlsSettings(SslClientAuthenticationOptions? client, SslServerAuthenticationOptions? server, TimeSpan? handshakeTimeout, TimeSpan? shutdownTimeout)
    {
        Client = client;
        Server = server;
        HandshakeTimeout = Validate(handshakeTimeout ?? DefaultHandshakeTimeout, nameof(handshakeTimeout));
        ShutdownTimeout = Validate(shutdownTimeout ?? DefaultShutdownTimeout, nameof(shutdownTimeout));
    }

    public SslClientAuthenticationOptions? Client { get; }

    public SslServerAuthenticationOptions? Server { get; }

    public TimeSpan HandshakeTimeout { get; }

    public TimeSpan ShutdownTimeout { get; }

    /// <summary>The options object, as <c>GetExtraInfo("sslcontext")</c> returns it.</summary>
    public object Options => (object?)Client ?? Server!;

    /// <summary>
    /// Client settings; <paramref name="serverHostname"/> (or the host connected to) becomes the target host
    /// checked against the certificate unless the options name one already.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static TlsSettings ForClient(SslClientAuthenticationOptions options, string? serverHostname, TimeSpan? handshakeTimeout, TimeSpan? shutdownTimeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (serverHostname is not null || string.IsNullOrEmpty(options.TargetHost))
        {
            // Copied so the caller's options object (often shared between connections) is never changed.
            options = new SslClientAuthenticationOptions
            {
                AllowRenegotiation = options.AllowRenegotiation,
                AllowTlsResume = options.AllowTlsResume,
                ApplicationProtocols = options.ApplicationProtocols,
                CertificateChainPolicy = options.CertificateChainPolicy,
                CertificateRevocationCheckMode = options.CertificateRevocationCheckMode,
                CipherSuitesPolicy = options.CipherSuitesPolicy,
                ClientCertificateContext = options.ClientCertificateContext,
                ClientCertificates = options.ClientCertificates,
                EnabledSslProtocols = options.EnabledSslProtocols,
                EncryptionPolicy = options.EncryptionPolicy,
                LocalCertificateSelectionCallback = options.LocalCertificateSelectionCallback,
                RemoteCertificateValidationCallback = options.RemoteCertificateValidationCallback,
                TargetHost = serverHostname ?? options.TargetHost,
            };
        }
        return new TlsSettings(options, null, handshakeTimeout, shutdownTimeout);
    }

    /// <summary>Server settings.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static TlsSettings ForServer(SslServerAuthenticationOptions options, TimeSpan? handshakeTimeout, TimeSpan? shutdownTimeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TlsSettings(null, options, handshakeTimeout, shutdownTimeout);
    }

    private static TimeSpan Validate(TimeSpan timeout, string name) =>
        timeout > TimeSpan.Zero ? timeout : throw new ArgumentOutOfRangeException(name, timeout, "A TLS timeout must be positive.");
}
