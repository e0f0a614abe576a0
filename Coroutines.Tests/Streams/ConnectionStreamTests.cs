using System.Net.Security;
using System.Text;
using System.Text.Json;
using Coroutines.Tests.Runtime;
using Coroutines.Tests.Tls;

namespace Coroutines.Tests.Streams;

/// <summary>A connection as a .NET Stream: existing stream code (SslStream, System.Text.Json) runs over it from coroutines.</summary>
public class ConnectionStreamTests : LoopTestBase
{
    private (AsyncStreamReader Reader, AsyncStreamWriter Writer) Connect(Func<AsyncStreamReader, AsyncStreamWriter, Coroutine> handler)
    {
        var reader = new AsyncStreamReader(loop: Loop);
        var clientProtocol = new StreamReaderProtocol(reader, loop: Loop);
        var serverProtocol = new StreamReaderProtocol(new AsyncStreamReader(loop: Loop), handler, Loop);
        var (client, _) = MemoryTransport.CreatePair(Loop, clientProtocol, serverProtocol);
        RunIterations(2);
        return (reader, new AsyncStreamWriter(client, clientProtocol, reader));
    }

    public sealed record Greeting(string Text, int Count);

    [Test]
    public void JsonSerializer_WritesAndReadsThroughTheStreams()
    {
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            var greeting = await JsonSerializer.DeserializeAsync<Greeting>(reader.AsStream());
            await using var stream = writer.AsStream();
            await JsonSerializer.SerializeAsync(stream, greeting! with { Count = greeting.Count + 1 });
        }
        var (reader, writer) = Connect(Handler);
        async Coroutine<Greeting?> Talk()
        {
            var stream = writer.AsStream();
            await JsonSerializer.SerializeAsync(stream, new Greeting("hi", 41));
            writer.WriteEof();
            return await JsonSerializer.DeserializeAsync<Greeting>(stream);
        }
        Assert.That(Loop.RunUntilComplete(Talk()), Is.EqualTo(new Greeting("hi", 42)));
    }

    [Test]
    public void SslStream_OverConnectionStreams_HandshakesAndEchoes()
    {
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            await using var ssl = new SslStream(writer.AsStream());
            await ssl.AuthenticateAsServerAsync(TestCertificates.Server());
            var buffer = new byte[64];
            int n = await ssl.ReadAsync(buffer);
            await ssl.WriteAsync(buffer.AsMemory(0, n));
            await ssl.FlushAsync();
        }
        var (_, writer) = Connect(Handler);
        async Coroutine<string> Talk()
        {
            await using var ssl = new SslStream(writer.AsStream());
            await ssl.AuthenticateAsClientAsync(TestCertificates.TrustingClient());
            await ssl.WriteAsync(Encoding.ASCII.GetBytes("ping"));
            var buffer = new byte[64];
            int n = await ssl.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
        Assert.That(Loop.RunUntilComplete(Talk()), Is.EqualTo("ping"));
    }

    [Test]
    public void SynchronousRead_ServesBufferedData_AndRefusesToBlockTheLoop()
    {
        var reader = new AsyncStreamReader(loop: Loop);
        var stream = reader.AsStream();
        Assert.That(stream.CanRead && !stream.CanWrite && !stream.CanSeek, Is.True);
        reader.FeedData("abc"u8);
        var buffer = new byte[2];
        Assert.That(stream.Read(buffer), Is.EqualTo(2));
        Assert.That(stream.Read(buffer), Is.EqualTo(1));
        var e = Assert.Throws<InvalidOperationException>(() => Assert.That(stream.Read(buffer), Is.Zero))!;
        Assert.That(e.Message, Does.Contain("block the event loop"));
        reader.FeedEof();
        Assert.That(stream.Read(buffer), Is.Zero);
        Assert.Throws<NotSupportedException>(() => stream.Write(buffer));
    }

    [Test]
    public void SynchronousRead_OnTheRunningLoopsThread_ThrowsInsteadOfDeadlocking()
    {
        var reader = new AsyncStreamReader(loop: Loop);
        var stream = reader.AsStream();
        async Coroutine<InvalidOperationException> ReadOnTheLoop()
        {
            await Coroutines.Loop.Yield();
            return Assert.Throws<InvalidOperationException>(() => Assert.That(stream.Read(new byte[4]), Is.Zero))!;
        }
        Assert.That(Loop.RunUntilComplete(ReadOnTheLoop()).Message, Does.Contain("deadlock"));
    }

    [Test]
    public void SynchronousRead_OnAnotherThread_BlocksUntilDataArrives()
    {
        var reader = new AsyncStreamReader(loop: Loop);
        var stream = reader.AsStream();
        async Coroutine<string> Main()
        {
            var read = Task.Run(() =>
            {
                var buffer = new byte[16];
                int n = stream.Read(buffer, 0, buffer.Length);
                return Encoding.ASCII.GetString(buffer, 0, n);
            });
            try
            {
                // The read is handed to the loop and waits there for data: feed it only once it does.
                await SpinUntil(() => reader.ToString().Contains("waiter") || read.IsCompleted);
                Assert.That(read.IsCompleted, Is.False, "the read must block while nothing is buffered");
                reader.FeedData("hello"u8);
                await SpinUntil(() => read.IsCompleted);
                return await read;
            }
            finally
            {
                if (!reader.AtEof)
                    reader.FeedEof();   // never leave a thread blocked in Read when an assertion failed
            }
        }
        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo("hello"));
    }

    [Test]
    public void SynchronousWrite_OnAnotherThread_IsHandedToTheLoop()
    {
        var received = new TaskCompletionSource<string>();
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer) =>
            received.SetResult(Encoding.ASCII.GetString(await reader.Read(-1)));
        var (_, writer) = Connect(Handler);
        var stream = writer.AsStream();
        async Coroutine<string> Main()
        {
            var write = Task.Run(() => stream.Write("from a worker"u8));
            await SpinUntil(() => write.IsCompleted);
            await write;
            writer.WriteEof();
            await SpinUntil(() => received.Task.IsCompleted);
            return await received.Task;
        }
        Assert.That(Loop.RunUntilComplete(Main()), Is.EqualTo("from a worker"));
    }

    // Lets the loop run (and serve the other thread's posts) until the condition holds; fails after 10 s.
    private static async Coroutine SpinUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("timed out waiting for the other thread");
            await Coroutines.Loop.Yield();
        }
    }

    [Test]
    public void WriteAsync_AboveTheHighWaterMark_WaitsForTheReader()
    {
        var go = new AsyncEvent();
        async Coroutine Handler(AsyncStreamReader reader, AsyncStreamWriter writer)
        {
            await go.Wait();
            await reader.Read(-1);
        }
        var (_, writer) = Connect(Handler);
        writer.Transport.SetWriteBufferLimits(high: 1024);
        var stream = writer.AsStream();
        var pending = stream.WriteAsync(new byte[300_000]);
        RunIterations(5);
        Assert.That(pending.IsCompleted, Is.False);
        go.Set();
        async Coroutine Wait() => await pending;
        Loop.RunUntilComplete(Wait());
        Assert.That(pending.IsCompletedSuccessfully, Is.True);
        stream.Dispose();
        Assert.That(writer.IsClosing, Is.True);
    }
}
