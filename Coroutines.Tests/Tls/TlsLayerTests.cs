using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Coroutines.Tests.Runtime;
using Coroutines.Tests.Streams;
using Coroutines.Tls;

namespace Coroutines.Tests.Tls;

/// <summary>
/// The TLS protocol layer (asyncio's sslproto design) over an in-memory connection: handshake, validation,
/// byte-exact data, the callback order and flow control through the layer, failures that must end in an
/// exception and ConnectionLost (never a hang), StartTls on a live stream connection.
/// </summary>
public class TlsLayerTests : LoopTestBase
{
    private static byte[] B(string text) => Encoding.ASCII.GetBytes(text);

    private static string S(byte[] data) => Encoding.ASCII.GetString(data);

    private sealed record TlsConnection(
        Future<ITransport> ClientReady, Future<ITransport> ServerReady, MemoryTransport ClientSocket, MemoryTransport ServerSocket);

    private TlsConnection ConnectRaw(BaseProtocol clientApp, BaseProtocol serverApp, SslClientAuthenticationOptions clientOptions,
        SslServerAuthenticationOptions? serverOptions = null, TimeSpan? handshakeTimeout = null)
    {
        var clientReady = new Future<ITransport>(Loop);
        var serverReady = new Future<ITransport>(Loop);
        var client = new TlsProtocol(Loop, clientApp, TlsSettings.ForClient(clientOptions, null, handshakeTimeout, null), clientReady, callConnectionMade: true);
        var server = new TlsProtocol(Loop, serverApp, TlsSettings.ForServer(serverOptions ?? TestCertificates.Server(), handshakeTimeout, null), serverReady, callConnectionMade: true);
        var (clientSocket, serverSocket) = MemoryTransport.CreatePair(Loop, client, server);
        return new TlsConnection(clientReady, serverReady, clientSocket, serverSocket);
    }

    private (AsyncStreamReader Reader, AsyncStreamWriter Writer, TlsConnection Connection) ConnectStreams(
        Func<AsyncStreamReader, AsyncStreamWriter, Coroutine> handler, SslClientAuthenticationOptions? clientOptions = null)
    {
        var reader = new AsyncStreamReader(loop: Loop);
        var clientApp = new StreamReaderProtocol(reader, loop: Loop);
        var serverApp = new StreamReaderProtocol(new AsyncStreamReader(loop: Loop), handler, Loop);
        var connection = ConnectRaw(clientApp, serverApp, clientOptions ?? TestCertificates.TrustingClient());
        var transport = Loop.RunUntilComplete(connection.ClientReady);
        return (reader, new AsyncStreamWriter(transport, clientApp, reader), connection);
    }

    private static async Coroutine Echo(AsyncStreamReader reader, AsyncStreamWriter writer)
    {
        var buffer = new byte[32 * 1024];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            writer.Write(buffer.AsSpan(0, n));
            await writer.Drain();
        }
        writer.Close();
    }

    [Test]
    public void Handshake_ThenLinesEcho_AndTheExtraInfoDescribesTheSession()
    {
        var (reader, writer, _) = ConnectStreams(async (r, w) =>
        {
            await foreach (var line in r)
                w.Write(line);
            w.Close();
        });
        writer.Write(B("hello over tls\n"));
        Assert.That(S(Loop.RunUntilComplete(reader.ReadLine())), Is.EqualTo("hello over tls\n"));
        Assert.That(writer.GetExtraInfo("ssl_object"), Is.TypeOf<SslStream>());
        Assert.That(((X509Certificate)writer.GetExtraInfo("peercert")!).Subject, Is.EqualTo("CN=localhost"));
        Assert.That(writer.GetExtraInfo("cipher"), Is.Not.Null);
        Assert.That(writer.GetExtraInfo("sslcontext"), Is.TypeOf<SslClientAuthenticationOptions>());
        Assert.That(writer.GetExtraInfo("peername"), Is.EqualTo("client"), "other keys come from the socket transport");
        Assert.That(writer.CanWriteEof, Is.False);
        Assert.Throws<NotSupportedException>(() => writer.WriteEof());
        writer.Close();
        Loop.RunUntilComplete(writer.WaitClosed());
    }

    [Test]
    public void TenMebibytes_EchoByteExact_WithDrain()
    {
        var (reader, writer, _) = ConnectStreams(Echo);
        var data = new byte[10 * 1024 * 1024];
        new Random(42).NextBytes(data);
        async Coroutine Send()
        {
            for (int offset = 0; offset < data.Length; offset += 64 * 1024)
            {
                writer.Write(data.AsSpan(offset, 64 * 1024));
                await writer.Drain();
            }
        }
        async Coroutine<byte[]> Receive()
        {
            var received = new byte[data.Length];
            await reader.ReadExactlyAsync(received);
            return received;
        }
        var sender = Loop.CreateTask(Send());
        var received = Loop.RunUntilComplete(Receive());
        Assert.That(sender.Done && sender.Exception() is null, Is.True);
        Assert.That(received.AsSpan().SequenceEqual(data), Is.True);
        writer.Close();
        Assert.That(Loop.RunUntilComplete(reader.Read(-1)), Is.Empty, "the server closes after our close_notify");
    }

    [Test]
    public void CallbackOrder_HoldsThroughTheLayer()
    {
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        var connection = ConnectRaw(client, server, TestCertificates.TrustingClient());
        var transport = Loop.RunUntilComplete(connection.ClientReady);
        Assert.That(client.Events, Is.EqualTo(new[] { "cm" }));
        transport.Write(B("ab"));
        transport.Write(B("cd"));
        transport.Close();
        Loop.RunUntilComplete(client.Lost);
        Loop.RunUntilComplete(server.Lost);
        Assert.That(server.Events, Is.EqualTo(new[] { "cm", "data:abcd", "eof", "cl:null" }));
        Assert.That(client.Events, Is.EqualTo(new[] { "cm", "cl:null" }));
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void WriteFromConnectionMade_ReachesThePeer()
    {
        var server = new RecordingProtocol();
        var client = new WriteOnConnectProtocol(B("early"));
        var connection = ConnectRaw(client, server, TestCertificates.TrustingClient());
        Loop.RunUntilComplete(connection.ClientReady);
        RunIterations(10);
        Assert.That(server.ReceivedBytes, Is.EqualTo(5));
        connection.ClientReady.Result().Close();
        Loop.RunUntilComplete(server.Lost);
        Assert.That(server.Events, Is.EqualTo(new[] { "cm", "data:early", "eof", "cl:null" }));
    }

    [Test]
    public void FlowControl_PauseAndResumeWritingReachTheApplication()
    {
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        var connection = ConnectRaw(client, server, TestCertificates.TrustingClient());
        var transport = Loop.RunUntilComplete(connection.ClientReady);
        Loop.RunUntilComplete(connection.ServerReady).PauseReading();
        transport.SetWriteBufferLimits(high: 4096);
        for (int i = 0; i < 10; i++)
            transport.Write(new byte[4096]);
        RunIterations(5);
        Assert.That(client.Events, Does.Contain("pause"));
        Assert.That(transport.GetWriteBufferSize(), Is.GreaterThan(4096));
        connection.ServerReady.Result().ResumeReading();
        RunIterations(20);
        Assert.That(client.Events, Does.Contain("resume"));
        Assert.That(server.ReceivedBytes, Is.EqualTo(40960));
    }

    [Test]
    public void SelfSignedChain_FailsTheConnectWithTheValidationError_UnderDefaultValidation()
    {
        var client = new RecordingProtocol();
        var connection = ConnectRaw(client, new RecordingProtocol(), TestCertificates.DefaultClient());
        var e = Assert.Throws<AuthenticationException>(() => Loop.RunUntilComplete(connection.ClientReady))!;
        Assert.That(e.Message, Does.Contain("remote certificate"));
        RunIterations(5);
        Assert.That(client.Events, Is.Empty, "the application never saw a connection");
        Assert.That(connection.ClientSocket.IsClosing, Is.True);
    }

    [Test]
    public void WrongHost_FailsTheConnect()
    {
        var connection = ConnectRaw(new RecordingProtocol(), new RecordingProtocol(), TestCertificates.TrustingClient("example.com"));
        var e = Assert.Throws<AuthenticationException>(() => Loop.RunUntilComplete(connection.ClientReady))!;
        Assert.That(e.Message, Does.Contain("RemoteCertificateNameMismatch"));
    }

    [Test]
    public void ExpiredCertificate_FailsTheConnect()
    {
        var connection = ConnectRaw(new RecordingProtocol(), new RecordingProtocol(), TestCertificates.TrustingClient(),
            TestCertificates.Server(TestCertificates.Expired));
        var e = Assert.Throws<AuthenticationException>(() => Loop.RunUntilComplete(connection.ClientReady))!;
        Assert.That(e.Message, Does.Contain("NotTimeValid"));
    }

    [Test]
    public void NonTlsPeer_FailsTheHandshakeWithAClearError()
    {
        var clientReady = new Future<ITransport>(Loop);
        var client = new TlsProtocol(Loop, new RecordingProtocol(), TlsSettings.ForClient(TestCertificates.TrustingClient(), null, null, null), clientReady, true);
        var plainServer = new AnswerPlainTextProtocol();
        MemoryTransport.CreatePair(Loop, client, plainServer);
        var e = Assert.Catch<Exception>(() => Loop.RunUntilComplete(clientReady))!;
        Assert.That(e, Is.InstanceOf<AuthenticationException>().Or.InstanceOf<IOException>());
    }

    [Test]
    public void TruncatedHandshake_PeerClosesAfterTheHello_FailsWithoutHanging()
    {
        var clientReady = new Future<ITransport>(Loop);
        var client = new TlsProtocol(Loop, new RecordingProtocol(), TlsSettings.ForClient(TestCertificates.TrustingClient(), null, null, null), clientReady, true);
        MemoryTransport.CreatePair(Loop, client, new CloseOnDataProtocol());
        var e = Assert.Catch<Exception>(() => Loop.RunUntilComplete(clientReady))!;
        Assert.That(e, Is.InstanceOf<IOException>().Or.InstanceOf<AuthenticationException>());
    }

    [Test]
    public void SilentPeer_HandshakeTimesOut_OnVirtualTime()
    {
        var clientReady = new Future<ITransport>(Loop);
        var client = new TlsProtocol(Loop, new RecordingProtocol(),
            TlsSettings.ForClient(TestCertificates.TrustingClient(), null, TimeSpan.FromSeconds(5), null), clientReady, true);
        var (socket, _) = MemoryTransport.CreatePair(Loop, client, new RecordingProtocol());
        double start = Loop.Time();
        var e = Assert.Throws<TimeoutException>(() => Loop.RunUntilComplete(clientReady))!;
        Assert.That(e.Message, Does.Contain("TLS handshake is taking longer than 5 seconds"));
        Assert.That(Loop.Time() - start, Is.EqualTo(5).Within(0.01));
        Assert.That(socket.IsClosing, Is.True);
    }

    [Test]
    public void ResetMidRecord_EndsInConnectionLostWithTheError()
    {
        var client = new RecordingProtocol();
        var connection = ConnectRaw(client, new RecordingProtocol(), TestCertificates.TrustingClient());
        Loop.RunUntilComplete(connection.ClientReady);
        Loop.RunUntilComplete(connection.ServerReady);
        connection.ServerSocket.Write([0x17, 0x03, 0x03, 0x40]);   // the start of an application-data record
        RunIterations(3);
        connection.ServerSocket.Abort();
        Loop.RunUntilComplete(client.Lost);
        Assert.That(client.Events[^1], Does.StartWith("cl:").And.Not.EqualTo("cl:null"));
    }

    [Test]
    public void EofMidRecord_EndsInConnectionLostWithAnIOException()
    {
        var client = new RecordingProtocol();
        var connection = ConnectRaw(client, new RecordingProtocol(), TestCertificates.TrustingClient());
        Loop.RunUntilComplete(connection.ClientReady);
        Loop.RunUntilComplete(connection.ServerReady);
        connection.ServerSocket.Write([0x17, 0x03, 0x03, 0x40, 0x00, 1, 2, 3]);
        connection.ServerSocket.Close();
        Loop.RunUntilComplete(client.Lost);
        Assert.That(client.LostWith, Is.InstanceOf<IOException>());
    }

    [Test]
    public void StartTls_UpgradesALiveStreamConnection()
    {
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            var command = await reader.ReadLine();
            if (S(command) != "STARTTLS\n")
                throw new InvalidOperationException("expected STARTTLS");
            writer.Write(B("GO\n"));
            await writer.StartTls(TestCertificates.Server());
            var secret = await reader.ReadLine();
            writer.Write(B("secret was " + S(secret)));
            writer.Close();
        }
        var reader = new AsyncStreamReader(loop: Loop);
        var clientApp = new StreamReaderProtocol(reader, loop: Loop);
        var serverApp = new StreamReaderProtocol(new AsyncStreamReader(loop: Loop), Handler, Loop);
        var (client, _) = MemoryTransport.CreatePair(Loop, clientApp, serverApp);
        RunIterations(2);
        var writer = new AsyncStreamWriter(client, clientApp, reader);
        async Coroutine<string> Talk()
        {
            writer.Write(B("STARTTLS\n"));
            Assert.That(S(await reader.ReadLine()), Is.EqualTo("GO\n"));
            await writer.StartTls(TestCertificates.TrustingClient());
            writer.Write(B("swordfish\n"));
            return S(await reader.Read(-1));
        }
        Assert.That(Loop.RunUntilComplete(Talk()), Is.EqualTo("secret was swordfish\n"));
        Assert.That(writer.Transport, Is.Not.SameAs(client));
        Assert.That(writer.GetExtraInfo("peercert"), Is.Not.Null);
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void StartTls_WithAnUntrustedCertificate_RaisesTheValidationErrorAndClosesTheConnection()
    {
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            await writer.StartTls(TestCertificates.Server());
        }
        var reader = new AsyncStreamReader(loop: Loop);
        var clientApp = new StreamReaderProtocol(reader, loop: Loop);
        var serverApp = new StreamReaderProtocol(new AsyncStreamReader(loop: Loop), Handler, Loop);
        var (client, _) = MemoryTransport.CreatePair(Loop, clientApp, serverApp);
        RunIterations(2);
        var writer = new AsyncStreamWriter(client, clientApp, reader);
        Assert.Throws<AuthenticationException>(() => Loop.RunUntilComplete(writer.StartTls(TestCertificates.DefaultClient())));
        RunIterations(5);
        Assert.That(client.IsClosing, Is.True);
    }

    [Test]
    public void Settings_RejectNonPositiveTimeouts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TlsSettings.ForClient(TestCertificates.TrustingClient(), null, TimeSpan.Zero, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => TlsSettings.ForServer(TestCertificates.Server(), null, TimeSpan.FromSeconds(-1)));
    }

    [Test]
    public void Settings_ServerHostname_OverridesTheTargetHost_WithoutChangingTheCallersOptions()
    {
        var options = TestCertificates.TrustingClient("localhost");
        var settings = TlsSettings.ForClient(options, "example.org", null, null);
        Assert.That(settings.Client!.TargetHost, Is.EqualTo("example.org"));
        Assert.That(options.TargetHost, Is.EqualTo("localhost"));
    }

    private class RecordingProtocol : Protocol
    {
        public List<string> Events { get; } = [];

        public Future<bool> Lost { get; } = new();

        public Exception? LostWith { get; private set; }

        public int ReceivedBytes { get; private set; }

        private readonly StringBuilder _pending = new();

        public override void ConnectionMade(IBaseTransport transport) => Events.Add("cm");

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            ReceivedBytes += data.Length;
            if (data.Length < 100)
                _pending.Append(Encoding.ASCII.GetString(data));
        }

        public override bool EofReceived()
        {
            FlushData();
            Events.Add("eof");
            return false;
        }

        public override void ConnectionLost(Exception? exception)
        {
            FlushData();
            LostWith = exception;
            Events.Add("cl:" + (exception?.GetType().Name ?? "null"));
            Lost.TrySetResult(true);
        }

        public override void PauseWriting() => Events.Add("pause");

        public override void ResumeWriting() => Events.Add("resume");

        private void FlushData()
        {
            if (_pending.Length == 0)
                return;
            Events.Add("data:" + _pending);
            _pending.Clear();
        }
    }

    private sealed class WriteOnConnectProtocol(byte[] data) : RecordingProtocol
    {
        public override void ConnectionMade(IBaseTransport transport)
        {
            base.ConnectionMade(transport);
            ((ITransport)transport).Write(data);
        }
    }

    private sealed class AnswerPlainTextProtocol : Protocol
    {
        private ITransport? _transport;

        public override void ConnectionMade(IBaseTransport transport) => _transport = (ITransport)transport;

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            _transport!.Write(B("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
            _transport.Close();
        }
    }

    private sealed class CloseOnDataProtocol : Protocol
    {
        private ITransport? _transport;

        public override void ConnectionMade(IBaseTransport transport) => _transport = (ITransport)transport;

        public override void DataReceived(ReadOnlySpan<byte> data) => _transport!.Close();
    }
}
