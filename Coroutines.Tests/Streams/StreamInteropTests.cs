using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Coroutines.Tests.Io.Tcp;
using Coroutines.Tests.Tls;

namespace Coroutines.Tests.Streams;

/// <summary>
/// Interop as a user would run it: CPython's asyncio streams with <c>ssl</c> against our TLS streams in both
/// directions (the Python programs and the PEM files are written to a temporary directory by the test), and
/// curl against the HTTP sample's connection handler over HTTP and HTTPS. Skipped, saying why, only when
/// python3 or curl is missing.
/// </summary>
[TestFixture(IoBackend.Epoll)]
public sealed class StreamInteropTests(IoBackend backend) : StreamTestBase(backend)
{
    /// <summary>An asyncio TLS client: echoes 2,000 lines through our server and checks each.</summary>
    private const string ClientScript = """
        import asyncio, ssl, sys

        async def run(port, cafile):
            context = ssl.create_default_context(cafile=cafile)
            reader, writer = await asyncio.open_connection('127.0.0.1', port, ssl=context, server_hostname='localhost')
            for i in range(2000):
                line = f'line {i} ' .encode() + b'x' * (i % 700) + b'\n'
                writer.write(line)
                await writer.drain()
                echoed = await reader.readline()
                assert echoed == line, (echoed, line)
            writer.close()
            await writer.wait_closed()
            print('ok 2000')

        asyncio.run(asyncio.wait_for(run(int(sys.argv[1]), sys.argv[2]), 60))
        """;

    /// <summary>An asyncio TLS echo server: prints its port, echoes lines of one client until it closes.</summary>
    private const string ServerScript = """
        import asyncio, ssl, sys

        async def run(certfile, keyfile):
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(certfile, keyfile)
            done = asyncio.get_running_loop().create_future()
            async def handle(reader, writer):
                count = 0
                async for line in reader:
                    writer.write(line)
                    await writer.drain()
                    count += 1
                writer.close()
                done.set_result(count)
            server = await asyncio.start_server(handle, '127.0.0.1', 0, ssl=context)
            print(server.sockets[0].getsockname()[1], flush=True)
            print('served', await done, flush=True)
            server.close()

        asyncio.run(asyncio.wait_for(run(sys.argv[1], sys.argv[2]), 60))
        """;

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("coro-streams-interop-").FullName;
        File.WriteAllText(Path.Combine(_directory, "ca.pem"), TestCertificates.Authority.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "cert.pem"), TestCertificates.Localhost.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "key.pem"), TestCertificates.Localhost.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void PythonTlsStreamsClient_AgainstOurTlsServer()
    {
        RequireTool("python3", "--version");
        var script = Write("client.py", ClientScript);
        async Coroutine<string> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(EchoLines, "127.0.0.1", 0, ssl: TestCertificates.Server());
            return await RunTool("python3", script, PortOf(server).ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(_directory, "ca.pem"));
        }
        Assert.That(Run(Main()).Trim(), Is.EqualTo("ok 2000"));
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void OurTlsStreamsClient_AgainstAPythonTlsServer()
    {
        RequireTool("python3", "--version");
        var script = Write("server.py", ServerScript);
        using var python = Start("python3", script, Path.Combine(_directory, "cert.pem"), Path.Combine(_directory, "key.pem"));
        try
        {
            var portLine = python.StandardOutput.ReadLine();
            Assert.That(int.TryParse(portLine, out int port), Is.True, $"the asyncio server printed '{portLine}'");
            async Coroutine<int> Main()
            {
                var (reader, writer) = await Coroutines.Loop.OpenConnection("127.0.0.1", port, ssl: TestCertificates.TrustingClient(), serverHostname: "localhost");
                int matched = 0;
                for (int i = 0; i < 500; i++)
                {
                    var line = Encoding.ASCII.GetBytes($"line {i} {new string('y', i)}\n");
                    writer.Write(line);
                    await writer.Drain();
                    if ((await reader.ReadLine()).AsSpan().SequenceEqual(line))
                        matched++;
                }
                writer.Close();
                await writer.WaitClosed();
                return matched;
            }
            Assert.That(Run(Main()), Is.EqualTo(500));
            Assert.That(python.StandardOutput.ReadLine(), Is.EqualTo("served 500"));
        }
        finally
        {
            if (!python.HasExited)
                python.Kill(entireProcessTree: true);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Curl_AgainstTheHttpSample_KeepAliveAndBadRequests(bool tls)
    {
        RequireTool("curl", "--version");
        async Coroutine<string> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(HttpHello.HttpConnection.ServeAsync, "127.0.0.1", 0,
                limit: HttpHello.HttpConnection.MaxHeaderBytes, ssl: tls ? TestCertificates.Server() : null);
            var url = $"{(tls ? "https" : "http")}://127.0.0.1:{PortOf(server)}/";
            // Two requests on one connection (keep-alive), then one for a missing page; -k: the test CA is not
            // in curl's trust store.
            return await RunTool("curl", "-sS", "-k", "-v", "--max-time", "20", url, url, url + "missing");
        }
        var output = Run(Main());
        Assert.That(output, Does.Contain("Hello, World!Hello, World!"));
        Assert.That(output, Does.Contain("Re-using existing connection").Or.Contain("Reusing existing"));
        Assert.That(output, Does.Contain("< HTTP/1.1 404 Not Found"));
    }

    [Test]
    public void HttpSample_AnswersGarbageWith400_AndSurvives()
    {
        async Coroutine<string> Main()
        {
            await using var server = await Coroutines.Loop.StartServer(HttpHello.HttpConnection.ServeAsync, "127.0.0.1", 0,
                limit: HttpHello.HttpConnection.MaxHeaderBytes);
            var (reader, writer) = await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server));
            writer.Write("\u0001\u00ff garbage \r\n\r\n"u8);
            var answer = S(await reader.Read(-1));
            writer.Close();
            var (reader2, writer2) = await Coroutines.Loop.OpenConnection("127.0.0.1", PortOf(server));
            writer2.Write("GET / HTTP/1.0\r\n\r\n"u8);
            answer += "|" + S(await reader2.Read(-1));
            writer2.Close();
            return answer;
        }
        var answers = Run(Main()).Split('|');
        Assert.That(answers[0], Does.StartWith("HTTP/1.1 400 Bad Request"));
        Assert.That(answers[1], Does.StartWith("HTTP/1.1 200 OK").And.EndWith("Hello, World!"));
    }

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

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Process Start(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
    }

    /// <summary>Runs a tool on a worker thread while the loop keeps serving; its stdout and stderr, or a failure with both.</summary>
    private async Coroutine<string> RunTool(string tool, params string[] arguments)
    {
        var result = await Loop.RunInExecutor(() =>
        {
            using var process = Start(tool, arguments);
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000))
                process.Kill(entireProcessTree: true);
            return (process.HasExited ? process.ExitCode : -1, stdout + stderr.Result);
        });
        Assert.That(result.Item1, Is.Zero, $"{tool} failed:\n{result.Item2}");
        return result.Item2;
    }

    private static void RequireTool(string tool, string probe)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, probe) { RedirectStandardOutput = true, UseShellExecute = false });
            process?.WaitForExit(10_000);
            if (process is { ExitCode: 0 })
                return;
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        Assert.Ignore($"{tool} is not installed (.ci/run installs it with apt-get when it can).");
    }
}
