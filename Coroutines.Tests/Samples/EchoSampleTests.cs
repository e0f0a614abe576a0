using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Coroutines.Tests.Samples;

/// <summary>
/// samples/EchoServer and samples/EchoClient as a user runs them: built programs in child processes, talking over
/// 127.0.0.1. What the issue promises of their command lines: the "listening on" line, a byte-exact echo until the
/// peer closes, a clean exit (code 0) on SIGTERM even with clients connected, --loops N sharing one port, both
/// backends, and a clear failure when the port is taken.
/// </summary>
[Platform("Linux")]
[NonParallelizable]
public class EchoSampleTests
{
    [TestCase("epoll")]
    [TestCase("portable")]
    public void EchoServer_echoes_every_byte_and_exits_with_0_on_SIGTERM(string backend)
    {
        using var server = SampleProcess.Start("EchoServer", "0", "--backend", backend);
        int port = server.WaitListening();

        byte[] sent = Pattern(300_000, seed: 7);
        using (var client = Connect(port))
            Assert.That(Echo(client, sent), Is.EqualTo(sent), "the echo differs from what was sent");

        server.Terminate();
        Assert.That(server.WaitForExit(), Is.EqualTo(0), server.Errors);
    }

    [TestCase("--tls")]
    [TestCase("--tls", "--streams")]
    public void EchoServer_with_tls_echoes_every_byte_over_TLS(params string[] mode)
    {
        using var server = SampleProcess.Start("EchoServer", ["0", .. mode]);
        int port = server.WaitListening();

        byte[] sent = Pattern(200_000, seed: 11);
        using (var client = Connect(port))
        using (var tls = new SslStream(new NetworkStream(client), leaveInnerStreamOpen: false,
                   (_, _, _, _) => true))   // the sample's certificate is self-signed
        {
            tls.AuthenticateAsClient("localhost");
            Assert.That(tls.IsEncrypted, Is.True);
            var send = Task.Run(() => tls.Write(sent));
            var received = new byte[sent.Length];
            tls.ReadExactly(received);
            Assert.That(send.Wait(SampleProcess.Patience), Is.True, "sending did not finish");
            Assert.That(received, Is.EqualTo(sent), "the echo differs from what was sent");
        }

        server.Terminate();
        Assert.That(server.WaitForExit(), Is.EqualTo(0), server.Errors);
    }

    [Test]
    public void EchoServer_closes_a_connected_client_and_exits_with_0_on_SIGTERM()
    {
        using var server = SampleProcess.Start("EchoServer", "0");
        int port = server.WaitListening();
        using var client = Connect(port);
        byte[] hello = Pattern(1000, seed: 3);
        Assert.That(Echo(client, hello), Is.EqualTo(hello));

        server.Terminate();

        Assert.That(server.WaitForExit(), Is.EqualTo(0), server.Errors);
        Assert.That(client.Receive(new byte[16]), Is.EqualTo(0), "the client should see end of stream, not more data");
    }

    [Test]
    public void EchoServer_with_two_loops_serves_every_connection_on_one_port()
    {
        using var server = SampleProcess.Start("EchoServer", "0", "--loops", "2");
        int port = server.WaitListening();

        var clients = Enumerable.Range(0, 8).Select(_ => Connect(port)).ToList();
        try
        {
            for (int i = 0; i < clients.Count; i++)
            {
                byte[] sent = Pattern(64 * 1024, seed: i);
                Assert.That(Echo(clients[i], sent), Is.EqualTo(sent), $"connection {i}");
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        server.Terminate();
        Assert.That(server.WaitForExit(), Is.EqualTo(0), server.Errors);
    }

    [Test]
    public void EchoServer_on_a_taken_port_says_so_and_exits_with_1()
    {
        using var first = SampleProcess.Start("EchoServer", "0");
        int port = first.WaitListening();

        using var second = SampleProcess.Start("EchoServer", port.ToString());

        Assert.That(second.WaitForExit(), Is.EqualTo(1));
        Assert.That(second.Errors, Does.Contain($"cannot listen on 127.0.0.1:{port}"));
        first.Terminate();
        Assert.That(first.WaitForExit(), Is.EqualTo(0), first.Errors);
    }

    [Test]
    public void EchoClient_against_EchoServer_reports_a_byte_exact_echo()
    {
        using var server = SampleProcess.Start("EchoServer", "0");
        int port = server.WaitListening();

        using var client = SampleProcess.Start("EchoClient", "127.0.0.1", port.ToString(), "3000000");

        Assert.That(client.WaitForExit(), Is.EqualTo(0), client.Output + client.Errors);
        Assert.That(client.Output, Does.StartWith($"echoed 3000000 bytes byte-exact through 127.0.0.1:{port} in "));
        server.Terminate();
        Assert.That(server.WaitForExit(), Is.EqualTo(0), server.Errors);
    }

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveTimeout = (int)SampleProcess.Patience.TotalMilliseconds,
            SendTimeout = (int)SampleProcess.Patience.TotalMilliseconds,
        };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    /// <summary>Sends <paramref name="data"/> on one thread while receiving as many bytes on this one.</summary>
    private static byte[] Echo(Socket socket, byte[] data)
    {
        var send = Task.Run(() =>
        {
            for (int sent = 0; sent < data.Length;)
                sent += socket.Send(data, sent, data.Length - sent, SocketFlags.None);
        });
        var received = new byte[data.Length];
        int count = 0;
        while (count < received.Length)
        {
            int n = socket.Receive(received, count, received.Length - count, SocketFlags.None);
            if (n == 0)
                Assert.Fail($"the server closed after {count} of {data.Length} bytes");
            count += n;
        }
        Assert.That(send.Wait(SampleProcess.Patience), Is.True, "sending did not finish");
        return received;
    }

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
