using System.Net.Sockets;

namespace Coroutines.Tests.Io.Tcp;

/// <summary>Unix domain stream sockets: <c>CreateUnixServer</c> and <c>CreateUnixConnection</c> (CPython test_unix_events).</summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public sealed class UnixSocketTests(IoBackend backend) : StreamTestBase(backend)
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        if (!Socket.OSSupportsUnixDomainSockets)
            Assert.Ignore("Unix domain sockets are not supported here.");
        _directory = Directory.CreateTempSubdirectory("coro-unix-").FullName;
    }

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    private string SocketPath(string name = "server.sock") => Path.Combine(_directory, name);

    [Test]
    public void Echo_OverAUnixSocket_AndThePathIsRemovedOnClose()
    {
        var path = SocketPath();
        var payload = Payload(300_000, seed: 5);
        RecordingProtocol? serverSide = null;
        async Coroutine Main()
        {
            var server = await Loop.CreateUnixServer(() => serverSide = new RecordingProtocol(Loop) { Echo = true }, path);
            Assert.That(File.Exists(path), Is.True);
            var (transport, client) = await Loop.CreateUnixConnection(() => new RecordingProtocol(Loop), path);
            transport.Write(payload);
            await Within(client.WhenReceived(payload.Length));
            Assert.That(client.Received.ToArray().AsSpan().SequenceEqual(payload), Is.True, "byte-exact");
            transport.Close();
            await Within(serverSide!.Lost);
            server.Close();
            Assert.That(File.Exists(path), Is.False, "the server removes the socket file it created");
        }
        Run(Main());
        Assert.That(serverSide!.Events, Is.EqualTo(new[] { "cm", "data", "eof", "cl" }));
    }

    [Test]
    public void StaleSocketFile_IsReplaced_ButALiveServersIsNot()
    {
        // A server that died without removing its file (.NET removes the file of a socket it bound, so Python plays the dead server).
        var path = SocketPath();
        using (var dead = System.Diagnostics.Process.Start("python3", ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path]))
        {
            if (!dead.WaitForExit(30_000) || dead.ExitCode != 0)
                Assert.Ignore("python3 could not leave a stale socket file.");
        }
        Assert.That(File.Exists(path), Is.True);
        async Coroutine<Exception?> Main()
        {
            var server = await Loop.CreateUnixServer(() => new RecordingProtocol(Loop), path);
            try
            {
                await Loop.CreateUnixServer(() => new RecordingProtocol(Loop), path);
                return null;
            }
            catch (SocketException e)
            {
                return e;
            }
            finally
            {
                server.Close();
            }
        }
        var error = Run(Main());
        Assert.That(error, Is.InstanceOf<SocketException>());
        Assert.That(((SocketException)error!).SocketErrorCode, Is.EqualTo(SocketError.AddressAlreadyInUse));
    }

    [Test]
    public void AFileThatIsNotASocket_IsNeverRemoved()
    {
        var path = SocketPath("data.txt");
        File.WriteAllText(path, "keep me");
        Assert.Throws<SocketException>(() => Run(Loop.CreateUnixServer(() => new RecordingProtocol(Loop), path)));
        Assert.That(File.ReadAllText(path), Is.EqualTo("keep me"));
    }

    [Test]
    public void ConnectToMissingPath_ThrowsSocketException()
    {
        var path = SocketPath("nobody.sock");
        var error = Assert.Throws<SocketException>(() => Run(Loop.CreateUnixConnection(() => new RecordingProtocol(Loop), path)));
        Assert.That(error!.Message, Does.Contain("nobody.sock"));
    }

    [Test]
    public void ArgumentValidation()
    {
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Throws<ArgumentException>(() => Loop.CreateUnixConnection(() => new RecordingProtocol(Loop)));
        Assert.Throws<ArgumentException>(() => Loop.CreateUnixConnection(() => new RecordingProtocol(Loop), "x", tcp));
        Assert.That(Assert.Throws<ArgumentException>(() => Loop.CreateUnixConnection(() => new RecordingProtocol(Loop), socket: tcp))!.Message,
            Does.StartWith("A Unix socket was expected"));
        Assert.Throws<ArgumentException>(() => Loop.CreateUnixServer(() => new RecordingProtocol(Loop)));
        Assert.Throws<ArgumentException>(() => Loop.CreateUnixServer(() => new RecordingProtocol(Loop), socket: tcp));
    }

    [Test]
    public void AbstractNamespace_LeavesNoFile()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("The abstract namespace is Linux's.");
        var name = "\0coroutines-test-" + Guid.NewGuid().ToString("N");
        async Coroutine Main()
        {
            var server = await Loop.CreateUnixServer(() => new RecordingProtocol(Loop) { Echo = true }, name);
            var (transport, client) = await Loop.CreateUnixConnection(() => new RecordingProtocol(Loop), name);
            transport.Write([9]);
            await Within(client.WhenReceived(1));
            transport.Close();
            server.Close();
        }
        Run(Main());
    }
}
