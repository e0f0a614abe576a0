namespace Coroutines.Tests.Io.Tcp;

/// <summary>
/// Many concurrent connections on one loop, each streaming a distinct payload through an echo server and checking the
/// echo byte for byte as it arrives. Client and server share the loop (and the two cores), so this is a correctness
/// test under load, not a benchmark.
/// </summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public sealed class ManyConnectionsTests(IoBackend backend) : StreamTestBase(backend)
{
    protected override TimeSpan RunLimit => TimeSpan.FromMinutes(4);

    [Test]
    public void ThousandConnections_EachEchoesOneMebibyteByteExact() => EchoMany(connections: 1000, bytesPerConnection: 1 << 20);

    private void EchoMany(int connections, long bytesPerConnection)
    {
        // An odd payload length, so that the rotation gives every connection a different byte stream.
        var payload = Payload((1 << 20) + 13, seed: 1000);
        var clients = new List<BulkEchoClient>(connections);
        Server? server = null;
        async Coroutine Main()
        {
            server = await Loop.CreateServer(() => new BackpressuredEchoProtocol(), "127.0.0.1", 0, backlog: 1024);
            for (int i = 0; i < connections; i++)
            {
                int offset = i * 7919;
                var (_, client) = await Loop.CreateConnection(() => new BulkEchoClient(Loop, payload, offset, bytesPerConnection), "127.0.0.1", PortOf(server));
                clients.Add(client);
            }
            foreach (var client in clients)
                await client.Done;
            server.Close();
            await Within(Loop.CreateTask(server.WaitClosed()), 60);
        }
        Run(Main());
        Assert.That(clients, Has.Count.EqualTo(connections));
        Assert.That(clients.Select(c => c.Received), Is.All.EqualTo(bytesPerConnection));
        Assert.That(clients.Select(c => c.FirstMismatch), Is.All.EqualTo(-1L));
        Assert.That(server!.ConnectionCount, Is.Zero);
        Assert.That(Reports, Is.Empty);
    }
}
