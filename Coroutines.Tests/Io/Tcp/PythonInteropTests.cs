using System.Diagnostics;
using System.Security.Cryptography;

namespace Coroutines.Tests.Io.Tcp;

/// <summary>
/// Interoperability with CPython's asyncio over loopback TCP: our server against an asyncio client, our client against
/// an asyncio server, each exchanging a payload whose SHA-256 both sides check. The Python programs are written to a
/// temporary directory by the test; the test is skipped when <c>python3</c> is missing.
/// </summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public sealed class PythonInteropTests(IoBackend backend) : StreamTestBase(backend)
{
    private const int PayloadSize = 3 * 1024 * 1024 + 17;
    private const int PayloadSeed = 2024;

    /// <summary>An asyncio protocol client: sends the payload, half-closes, reads the echo to EOF, prints both digests.</summary>
    private const string ClientScript = """
        import asyncio, hashlib, random, sys

        class Client(asyncio.Protocol):
            def __init__(self, payload, done):
                self.payload, self.done, self.received = payload, done, hashlib.sha256()
                self.count = 0
            def connection_made(self, transport):
                transport.write(self.payload)
                transport.write_eof()
            def data_received(self, data):
                self.received.update(data)
                self.count += len(data)
            def eof_received(self):
                return False
            def connection_lost(self, exc):
                self.done.set_result(exc)

        async def run(port, size, seed):
            payload = random.Random(seed).randbytes(size)
            loop = asyncio.get_running_loop()
            done = loop.create_future()
            client = Client(payload, done)
            await loop.create_connection(lambda: client, '127.0.0.1', port)
            exc = await done
            print(hashlib.sha256(payload).hexdigest(), client.received.hexdigest(), client.count, 'clean' if exc is None else repr(exc), flush=True)

        asyncio.run(asyncio.wait_for(run(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])), 60))
        """;

    /// <summary>An asyncio echo server: prints its port, echoes one connection, prints the digest of what it received.</summary>
    private const string ServerScript = """
        import asyncio, hashlib, sys

        class Echo(asyncio.Protocol):
            def __init__(self, done):
                self.done, self.received, self.count = done, hashlib.sha256(), 0
            def connection_made(self, transport):
                self.transport = transport
            def data_received(self, data):
                self.received.update(data)
                self.count += len(data)
                self.transport.write(data)
            def eof_received(self):
                return False
            def connection_lost(self, exc):
                self.done.set_result((self.received.hexdigest(), self.count))

        async def run():
            loop = asyncio.get_running_loop()
            done = loop.create_future()
            server = await loop.create_server(lambda: Echo(done), '127.0.0.1', 0)
            print(server.sockets[0].getsockname()[1], flush=True)
            digest, count = await done
            server.close()
            await server.wait_closed()
            print(digest, count, flush=True)

        asyncio.run(asyncio.wait_for(run(), 60))
        """;

    private string _directory = null!;

    [SetUp]
    public void WriteScripts()
    {
        if (!PythonIsAvailable())
            Assert.Ignore("python3 is not installed.");
        _directory = Directory.CreateTempSubdirectory("coro-interop-").FullName;
        File.WriteAllText(Path.Combine(_directory, "client.py"), ClientScript);
        File.WriteAllText(Path.Combine(_directory, "server.py"), ServerScript);
    }

    [TearDown]
    public void RemoveScripts()
    {
        if (_directory is not null)
            Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void OurServer_ServesAnAsyncioClient()
    {
        RecordingProtocol? serverSide = null;
        string? output = null;
        async Coroutine Main()
        {
            var server = await Listen(() => serverSide = new RecordingProtocol(Loop) { Echo = true, KeepData = false });
            using var python = StartPython("client.py", PortOf(server).ToString(), PayloadSize.ToString(), PayloadSeed.ToString());
            try
            {
                output = await python.StandardOutput.ReadToEndAsync();
                await python.WaitForExitAsync();
            }
            finally
            {
                KillIfRunning(python);
                server.Close();
            }
            Assert.That(python.ExitCode, Is.Zero, await python.StandardError.ReadToEndAsync());
        }
        Run(Main());
        var fields = output!.Trim().Split(' ');
        Assert.That(fields, Has.Length.EqualTo(4), output);
        Assert.That(fields[1], Is.EqualTo(fields[0]), "the asyncio client received exactly what it sent");
        Assert.That(fields[2], Is.EqualTo(PayloadSize.ToString()));
        Assert.That(fields[3], Is.EqualTo("clean"));
        Assert.That(Convert.ToHexStringLower(serverSide!.ReceivedHash()), Is.EqualTo(fields[0]), "our server received the payload byte-exact");
        Assert.That(serverSide.Events, Is.EqualTo(new[] { "cm", "data", "eof", "cl" }));
    }

    [Test]
    public void OurClient_TalksToAnAsyncioServer()
    {
        var payload = Payload(PayloadSize, seed: PayloadSeed);
        RecordingProtocol? client = null;
        string? serverReport = null;
        async Coroutine Main()
        {
            using var python = StartPython("server.py");
            try
            {
                var portLine = await python.StandardOutput.ReadLineAsync();
                Assert.That(int.TryParse(portLine, out int port), Is.True, $"the asyncio server printed '{portLine}'");
                (var transport, client) = await Loop.CreateConnection(() => new RecordingProtocol(Loop) { KeepData = false }, "127.0.0.1", port);
                transport.Write(payload);
                transport.WriteEof();
                await Within(client.Lost, 60);
                serverReport = await python.StandardOutput.ReadLineAsync();
                await python.WaitForExitAsync();
            }
            finally
            {
                KillIfRunning(python);
            }
        }
        Run(Main());
        var expected = Convert.ToHexStringLower(SHA256.HashData(payload));
        Assert.That(serverReport, Is.EqualTo($"{expected} {PayloadSize}"), "the asyncio server received the payload byte-exact");
        Assert.That(client!.ReceivedCount, Is.EqualTo(PayloadSize));
        Assert.That(Convert.ToHexStringLower(client.ReceivedHash()), Is.EqualTo(expected), "the echo came back byte-exact");
        Assert.That(client.Events, Is.EqualTo(new[] { "cm", "data", "eof", "cl" }));
    }

    private Process StartPython(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        start.ArgumentList.Add(Path.Combine(_directory, script));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
    }

    private static void KillIfRunning(Process process)
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
    }

    private static bool PythonIsAvailable()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("python3", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            probe!.WaitForExit(10_000);
            return probe.HasExited && probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
