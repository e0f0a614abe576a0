using System.Net;
using System.Net.Security;
using Coroutines.Tls;

namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>
    /// Opens a TLS connection to <paramref name="host"/>:<paramref name="port"/> (asyncio's <c>create_connection</c>
    /// with <c>ssl=</c>): TCP as <see cref="CreateConnection{TProtocol}(Func{TProtocol}, string?, int?, System.Net.Sockets.Socket?, EndPoint?, double?, bool)"/>,
    /// then the handshake; the protocol's <see cref="BaseProtocol.ConnectionMade"/> runs after the handshake, with
    /// the TLS transport. The certificate is validated: with no validation callback in <paramref name="ssl"/>, the
    /// system's trust store and a host-name check against <paramref name="serverHostname"/> (default:
    /// <paramref name="host"/>).
    /// </summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed, e.g. the certificate is expired, self-signed or for another host; the connection is closed.</exception>
    /// <exception cref="TimeoutException">The handshake took longer than <paramref name="sslHandshakeTimeout"/> (60 s by default).</exception>
    /// <exception cref="IOException">The peer closed or reset the connection during the handshake (e.g. it does not speak TLS).</exception>
    public async Coroutine<(ITransport Transport, TProtocol Protocol)> CreateConnection<TProtocol>(
        Func<TProtocol> protocolFactory,
        string host,
        int port,
        SslClientAuthenticationOptions ssl,
        string? serverHostname = null,
        TimeSpan? sslHandshakeTimeout = null,
        TimeSpan? sslShutdownTimeout = null,
        EndPoint? localAddress = null,
        double? connectTimeout = null,
        bool allErrors = false)
        where TProtocol : BaseProtocol
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        ArgumentNullException.ThrowIfNull(host);
        var settings = TlsSettings.ForClient(ssl, serverHostname ?? host, sslHandshakeTimeout, sslShutdownTimeout);
        var waiter = new Future<ITransport>(this);
        TProtocol? app = null;
        var (socket, _) = await CreateConnection(() =>
        {
            app = protocolFactory();
            return new TlsProtocol(this, app, settings, waiter, callConnectionMade: true);
        }, host, port, localAddress: localAddress, connectTimeout: connectTimeout, allErrors: allErrors);
        return (await AwaitHandshake(waiter, socket), app!);
    }

    /// <summary>
    /// Opens a TLS connection over a Unix domain socket (see
    /// <see cref="CreateConnection{TProtocol}(Func{TProtocol}, string, int, SslClientAuthenticationOptions, string?, TimeSpan?, TimeSpan?, EndPoint?, double?, bool)"/>);
    /// <paramref name="serverHostname"/> names the certificate's host.
    /// </summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed.</exception>
    /// <exception cref="TimeoutException">The handshake took longer than <paramref name="sslHandshakeTimeout"/>.</exception>
    public async Coroutine<(ITransport Transport, TProtocol Protocol)> CreateUnixConnection<TProtocol>(
        Func<TProtocol> protocolFactory, string path, SslClientAuthenticationOptions ssl, string serverHostname,
        TimeSpan? sslHandshakeTimeout = null, TimeSpan? sslShutdownTimeout = null)
        where TProtocol : BaseProtocol
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        ArgumentException.ThrowIfNullOrEmpty(serverHostname);
        var settings = TlsSettings.ForClient(ssl, serverHostname, sslHandshakeTimeout, sslShutdownTimeout);
        var waiter = new Future<ITransport>(this);
        TProtocol? app = null;
        var (socket, _) = await CreateUnixConnection(() =>
        {
            app = protocolFactory();
            return new TlsProtocol(this, app, settings, waiter, callConnectionMade: true);
        }, path);
        return (await AwaitHandshake(waiter, socket), app!);
    }

    /// <summary>
    /// Creates a TLS server (asyncio's <c>create_server</c> with <c>ssl=</c>): each accepted connection runs the
    /// handshake before its protocol's <see cref="BaseProtocol.ConnectionMade"/>. A client whose handshake fails
    /// (no TLS, a bad certificate, too slow) is disconnected; the server keeps serving and reports it only in
    /// debug mode, as asyncio does.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="ssl"/> or <paramref name="protocolFactory"/> is null.</exception>
    public Coroutine<Server> CreateServer(
        Func<BaseProtocol> protocolFactory,
        string? host,
        int? port,
        SslServerAuthenticationOptions ssl,
        TimeSpan? sslHandshakeTimeout = null,
        TimeSpan? sslShutdownTimeout = null,
        int backlog = 100,
        bool? reuseAddress = null,
        bool reusePort = false,
        bool startServing = true)
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        var settings = TlsSettings.ForServer(ssl, sslHandshakeTimeout, sslShutdownTimeout);
        return CreateServer(() => new TlsProtocol(this, protocolFactory(), settings, null, callConnectionMade: true),
            host, port, backlog: backlog, reuseAddress: reuseAddress, reusePort: reusePort, startServing: startServing);
    }

    /// <summary>Creates a TLS server on a Unix domain socket (see <see cref="CreateServer(Func{BaseProtocol}, string?, int?, SslServerAuthenticationOptions, TimeSpan?, TimeSpan?, int, bool?, bool, bool)"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="ssl"/> or <paramref name="protocolFactory"/> is null.</exception>
    public Coroutine<Server> CreateUnixServer(
        Func<BaseProtocol> protocolFactory, string path, SslServerAuthenticationOptions ssl,
        TimeSpan? sslHandshakeTimeout = null, TimeSpan? sslShutdownTimeout = null, int backlog = 100, bool startServing = true)
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        var settings = TlsSettings.ForServer(ssl, sslHandshakeTimeout, sslShutdownTimeout);
        return CreateUnixServer(() => new TlsProtocol(this, protocolFactory(), settings, null, callConnectionMade: true),
            path, backlog: backlog, startServing: startServing);
    }

    private static async Coroutine<ITransport> AwaitHandshake(Future<ITransport> waiter, ITransport socket)
    {
        try
        {
            return await waiter;
        }
        catch
        {
            socket.Abort();
            throw;
        }
    }
}
