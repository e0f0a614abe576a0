using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using Coroutines.Tests.Io.Tcp;
using Coroutines.Tests.Tls;

namespace Coroutines.Tests.Streams;

/// <summary>
/// Streams and TLS over real loopback sockets: OpenConnection/StartServer (TCP and Unix), a 10 MiB TLS echo,
/// StartTls mid-connection, certificate validation failures, a peer that does not speak TLS, a handler that
/// throws, and 1,000 concurrent stream clients.
/// </summary>
[TestFixture(IoBackend.Epoll)]
public sealed class StreamSocketTests(IoBackend backend) : StreamTestBase(backend)
{
    protected override TimeSpan RunLimit => TimeSpan.FromSeconds(60);

    private static byte[] B(string text) => Encoding.ASCII.GetBytes(text);

    private static string S(byte[] data) => Encoding.ASCII.GetString(data);

    private static async Coroutine EchoLines(AsyncStreamReader reader, AsyncStreamWriter writer)
    {
        await foreach (var line in reader)
        {
            writer.Write(line);
            await writer.Drain();
        }
        writer.Close();
    }

    private static async Coroutine EchoBytes(AsyncStreamReader reader, AsyncStreamWriter writer)
    {
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            writer.Write(buffer.AsSpan(0, n));
            await writer.Drain();
        }
        writer.Close();
    }

    [Test]
    public void StartServer_WithReusePort_TwoServersShareThePort()
    {
        if (OperatingSystem.IsWindows())
            Assert.Ignore("SO_REUSEPORT is not available on Windows.");
        async Coroutine<string> Main()
        {
            await using var first = await Coroutines.Loop.StartServer(EchoLines, "127.0.0.1", 0, reusePort: true);
            await using var second = await Coroutines.Loop.StartServer(EchoLines, "127.0.0.1", PortOf(first), reusePort: true);
            Assert.That(PortOf(second), Is.EqualTo(PortOf(first)));
            var (reader, writer) = await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(first));
            writer.Write(B("shared\n"));
            var line = await reader.ReadLine();
            writer.Close();
            await writer.WaitClosed();
            return S(line);
        }
        Assert.That(Run(Main()), Is.EqualTo("shared\n"));
    }

    [Test]
    public void OpenConnection_ToStartServer_EchoesLines_AndHalfCloses()
    {
        async Coroutine<string> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(EchoLines, "127.0.0.1", 0);
            var (reader, writer) = await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server));
            writer.Write(B("one\ntwo\n"));
            writer.WriteEof();
            var all = await reader.Read(-1);
            writer.Close();   // the end of the server's stream leaves our side open for writing (a half-close)
            await writer.WaitClosed();
            return S(all);
        }
        Assert.That(Run(Main()), Is.EqualTo("one\ntwo\n"));
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void UnixVariants_EchoLines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"coro-streams-{Guid.NewGuid():N}.sock");
        async Coroutine<string> Main()
        {
            await using var server = await Coroutines.Loop.StartUnixServer(EchoLines, path);
            var (reader, writer) = await Coroutines.Loop.OpenUnixConnection(path);
            writer.Write(B("over unix\n"));
            var line = await reader.ReadLine();
            writer.Close();
            await writer.WaitClosed();
            return S(line);
        }
        Assert.That(Run(Main()), Is.EqualTo("over unix\n"));
    }

    [Test]
    public void Tls_TenMebibyteEcho_IsByteExact()
    {
        var data = new byte[10 * 1024 * 1024];
        new Random(10).NextBytes(data);
        async Coroutine<bool> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(EchoBytes, "127.0.0.1", 0, ssl: TestCertificates.Server());
            var (reader, writer) = await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server), ssl: TestCertificates.TrustingClient(), serverHostname: "localhost");
            async Coroutine Send()
            {
                for (int offset = 0; offset < data.Length; offset += 256 * 1024)
                {
                    writer.Write(data.AsSpan(offset, 256 * 1024));
                    await writer.Drain();
                }
            }
            var sender = Coroutines.Loop.CreateTask(Send());
            var received = new byte[data.Length];
            await reader.ReadExactlyAsync(received);
            await sender;
            writer.Close();
            await writer.WaitClosed();
            return received.AsSpan().SequenceEqual(data);
        }
        Assert.That(Run(Main()), Is.True);
    }

    [Test]
    public void StartTls_MidConnection_OverRealSockets()
    {
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            if (S(await reader.ReadLine()) != "STARTTLS\n")
                throw new InvalidOperationException("expected STARTTLS");
            writer.Write(B("GO\n"));
            await writer.StartTls(TestCertificates.Server());
            writer.Write(B("secret " + S(await reader.ReadLine())));
            writer.Close();
        }
        async Coroutine<string> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(Handler, "127.0.0.1", 0);
            var (reader, writer) = await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server));
            writer.Write(B("STARTTLS\n"));
            await reader.ReadLine();
            await writer.StartTls(TestCertificates.TrustingClient());
            writer.Write(B("swordfish\n"));
            var answer = await reader.Read(-1);
            Assert.That(writer.GetExtraInfo("peercert"), Is.Not.Null);
            return S(answer);
        }
        Assert.That(Run(Main()), Is.EqualTo("secret swordfish\n"));
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void UntrustedCertificate_FailsTheConnect_AndTheServerKeepsServing()
    {
        async Coroutine<string> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(EchoLines, "127.0.0.1", 0, ssl: TestCertificates.Server());
            try
            {
                await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server), ssl: TestCertificates.DefaultClient(), serverHostname: "localhost");
                Assert.Fail("the connect should have failed validation");
            }
            catch (AuthenticationException e)
            {
                Assert.That(e.Message, Does.Contain("remote certificate"));
            }
            try
            {
                await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server), ssl: TestCertificates.TrustingClient(), serverHostname: "wrong.example");
                Assert.Fail("the connect should have failed the host check");
            }
            catch (AuthenticationException e)
            {
                Assert.That(e.Message, Does.Contain("RemoteCertificateNameMismatch"));
            }
            var (reader, writer) = await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server), ssl: TestCertificates.TrustingClient(), serverHostname: "localhost");
            writer.Write(B("still serving\n"));
            var line = await reader.ReadLine();
            writer.Close();
            return S(line);
        }
        Assert.That(Run(Main()), Is.EqualTo("still serving\n"));
    }

    [Test]
    public void TlsClient_AgainstAPlainServer_FailsWithAClearError()
    {
        async Coroutine Plain(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            await reader.Read(10);
            writer.Write(B("HTTP/1.1 400 Bad Request\r\n\r\n"));
            writer.Close();
        }
        async Coroutine<Exception?> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(Plain, "127.0.0.1", 0);
            try
            {
                await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server), ssl: TestCertificates.TrustingClient(), serverHostname: "localhost");
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }
        Assert.That(Run(Main()), Is.InstanceOf<AuthenticationException>().Or.InstanceOf<IOException>());
    }

    [Test]
    public void PlainClient_AgainstATlsServer_IsDisconnected()
    {
        async Coroutine<byte[]> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(EchoLines, "127.0.0.1", 0, ssl: TestCertificates.Server());
            var (reader, writer) = await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server));
            writer.Write(B("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
            try
            {
                return await reader.Read(-1);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                return [];
            }
        }
        Assert.That(S(Run(Main())), Does.Not.Contain("GET"), "the request is not echoed as plaintext, and the connection ends");
    }

    [Test]
    public void HandlerThatThrows_IsReported_AndTheServerKeepsServing()
    {
        int calls = 0;
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            if (++calls == 1)
                throw new InvalidOperationException("first client breaks the handler");
            await EchoLines(reader, writer);
        }
        async Coroutine<string> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(Handler, "127.0.0.1", 0);
            var (brokenReader, _) = await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server));
            Assert.That(await brokenReader.Read(-1), Is.Empty, "the failed handler's connection is closed");
            var (reader, writer) = await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server));
            writer.Write(B("ok\n"));
            var line = await reader.ReadLine();
            writer.Close();
            return S(line);
        }
        Assert.That(Run(Main()), Is.EqualTo("ok\n"));
        Assert.That(Reports.Select(r => r.Message), Is.EqualTo(new[] { "Unhandled exception in client_connected_cb" }));
    }

    [Test]
    public void AThousandConcurrentClients_AreAllServed()
    {
        const int Clients = 1000;
        async Coroutine<int> Client(int port, int id)
        {
            var (reader, writer) = await Coroutines.Loop.OpenConnection("127.0.0.1", port);
            writer.Write(B($"client {id}\n"));
            var line = await reader.ReadLine();
            writer.Close();
            await writer.WaitClosed();
            return S(line) == $"client {id}\n" ? 1 : 0;
        }
        async Coroutine<int> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(EchoLines, "127.0.0.1", 0, backlog: Clients);
            var results = await Coroutines.Loop.Gather(Enumerable.Range(0, Clients).Select(i => Client(PortOf(server), i)).ToArray());
            return results.Sum();
        }
        Assert.That(Run(Main()), Is.EqualTo(Clients));
    }

    [Test]
    public void TlsOnlyArguments_WithoutSsl_AreRefused()
    {
        async Coroutine Main() => await Coroutines.Loop.OpenConnection("127.0.0.1", 1, sslHandshakeTimeout: TimeSpan.FromSeconds(1));
        var e = Assert.Throws<ArgumentException>(() => Run(Main()))!;
        Assert.That(e.Message, Does.Contain("only meaningful with ssl"));
    }
}
