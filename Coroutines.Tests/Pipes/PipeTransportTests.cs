using System.IO.Pipes;
using System.Security.Cryptography;
using Coroutines.Tests.Io;
using Coroutines.Tests.Subprocesses;

namespace Coroutines.Tests.Pipes;

/// <summary>
/// Read and write pipe transports on real pipes, to and from children (asyncio semantics 5.2; CPython
/// test_events::test_read_pipe, ::test_write_pipe, ::test_write_pipe_disconnect_on_close, test_unix_events pipe tests).
/// </summary>
[TestFixture(IoBackend.Epoll)]
public class PipeTransportTests(IoBackend backend) : IoTestBase(backend)
{
    private T Run<T>(Coroutine<T> coroutine) => Loop.RunUntilComplete(Coroutines.Loop.WaitFor(coroutine, 20));

    private (ISubprocessTransport Transport, SubprocessRecorder Protocol) Exec(string program, string[] args,
        SubprocessStdio stdin = default, SubprocessStdio stdout = default) =>
        Run(Loop.SubprocessExec(() => new SubprocessRecorder(Loop), program, args, stdin, stdout, SubprocessStdio.Inherit));

    [Test]
    public void ReadPipe_FromAChild_DeliversItsOutput_ThenEofThenConnectionLost()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var child = Exec("/bin/sh", ["-c", "printf 'line1\\nline2\\n'"], stdout: SubprocessStdio.FromHandle(pipe.ClientSafePipeHandle));
        pipe.DisposeLocalCopyOfClientHandle();   // the child holds the only write end: its exit means end of file
        var (transport, protocol) = Run(Loop.ConnectReadPipe(() => new StreamRecorder(Loop), pipe.SafePipeHandle));
        Assert.That(protocol.States, Is.EqualTo(new[] { "INITIAL", "CONNECTED" }), "ConnectionMade has run when ConnectReadPipe returns");
        Assert.That(transport.IsReading, Is.True);
        RunUntilSet(protocol.Lost, 20);
        Assert.That(System.Text.Encoding.ASCII.GetString(protocol.Data.ToArray()), Is.EqualTo("line1\nline2\n"));
        Assert.That(protocol.States, Is.EqualTo(new[] { "INITIAL", "CONNECTED", "EOF", "CLOSED" }));
        Assert.That(protocol.LostWith, Is.Null);
        Assert.That(transport.IsReading, Is.False);
        RunUntilSet(child.Protocol.Lost, 20);
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void WritePipe_ToAChild_ItsCloseIsTheChildsEndOfFile()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var child = Exec("/bin/cat", [], stdin: SubprocessStdio.FromHandle(pipe.ClientSafePipeHandle));
        pipe.DisposeLocalCopyOfClientHandle();
        var (transport, protocol) = Run(Loop.ConnectWritePipe(() => new StreamRecorder(Loop), pipe.SafePipeHandle));
        var payload = new byte[1 << 20];
        new Random(3).NextBytes(payload);
        transport.Write(payload.AsSpan(0, 1000));
        transport.WriteLines([payload.AsMemory(1000, 1000), payload.AsMemory(2000)]);
        Assert.That(transport.CanWriteEof, Is.True);
        transport.Close();   // flushes, then closes: cat sees end of file
        Assert.Throws<InvalidOperationException>(() => transport.Write("late"u8));
        RunUntilSet(protocol.Lost, 20);
        Assert.That(protocol.LostWith, Is.Null);
        RunUntilSet(child.Protocol.Lost, 20);
        Assert.That(SHA256.HashData(child.Protocol.Stdout.ToArray()), Is.EqualTo(SHA256.HashData(payload)));
        Assert.That(child.Transport.ReturnCode, Is.Zero);
    }

    [Test]
    public void WritePipe_WhoseReaderExits_ClosesByItself()
    {
        // CPython test_events::test_write_pipe_disconnect_on_close: the reader going away closes the write transport.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var child = Exec("/bin/true", [], stdin: SubprocessStdio.FromHandle(pipe.ClientSafePipeHandle));
        pipe.DisposeLocalCopyOfClientHandle();
        var (transport, protocol) = Run(Loop.ConnectWritePipe(() => new StreamRecorder(Loop), pipe.SafePipeHandle));
        RunUntilSet(protocol.Lost, 20);
        Assert.That(protocol.LostWith, Is.Null);
        Assert.That(transport.IsClosing, Is.True);
        RunUntilSet(child.Protocol.Lost, 20);
    }

    [Test]
    public void APipeToItself_PausesTheWriterAboveHigh_AndResumesItOnceTheReaderDrainsIt_ByteExact()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var (reader, readProtocol) = Run(Loop.ConnectReadPipe(() => new StreamRecorder(Loop), pipe.SafePipeHandle));
        var (writer, writeProtocol) = Run(Loop.ConnectWritePipe(() => new StreamRecorder(Loop), pipe.ClientSafePipeHandle));
        reader.PauseReading();
        reader.PauseReading();   // idempotent
        Assert.That(reader.IsReading, Is.False);

        var payload = new byte[1 << 20];
        new Random(5).NextBytes(payload);
        writer.Write(payload);   // the pipe takes 64 KiB; the rest waits
        Assert.That(writer.GetWriteBufferSize(), Is.GreaterThan(64 * 1024));
        Assert.That(writeProtocol.FlowEvents, Is.EqualTo(new[] { "pause" }), "paused from inside Write, above the 64 KiB mark");

        reader.ResumeReading();
        RunUntilSet(readProtocol.WhenReceived(payload.Length), 20);
        Assert.That(writer.GetWriteBufferSize(), Is.Zero);
        Assert.That(writeProtocol.FlowEvents, Is.EqualTo(new[] { "pause", "resume" }));
        Assert.That(readProtocol.Data.ToArray(), Is.EqualTo(payload));

        writer.Close();
        RunUntilSet(readProtocol.Lost, 20);
        Assert.That(readProtocol.States, Is.EqualTo(new[] { "INITIAL", "CONNECTED", "EOF", "CLOSED" }));
        RunUntilSet(writeProtocol.Lost, 20);
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void Abort_DropsBufferedBytes_AndTheReaderSeesEndOfFile()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var (reader, readProtocol) = Run(Loop.ConnectReadPipe(() => new StreamRecorder(Loop), pipe.SafePipeHandle));
        var (writer, writeProtocol) = Run(Loop.ConnectWritePipe(() => new StreamRecorder(Loop), pipe.ClientSafePipeHandle));
        reader.PauseReading();
        writer.Write(new byte[256 * 1024]);
        writer.Abort();
        Assert.That(writer.GetWriteBufferSize(), Is.Zero);
        reader.ResumeReading();
        RunUntilSet(readProtocol.Lost, 20);
        Assert.That(readProtocol.Data.Length, Is.LessThan(256 * 1024), "only what the pipe had taken arrives");
        RunUntilSet(writeProtocol.Lost, 20);
    }

    [Test]
    public void WriteLimits_FollowAsyncioDefaultsAndValidation()
    {
        // CPython test_transports::test_flowcontrol_mixin_set_write_limits.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var (writer, protocol) = Run(Loop.ConnectWritePipe(() => new StreamRecorder(Loop), pipe.ClientSafePipeHandle));
        Assert.That(writer.GetWriteBufferLimits(), Is.EqualTo((16 * 1024, 64 * 1024)));
        writer.SetWriteBufferLimits(high: 10);
        Assert.That(writer.GetWriteBufferLimits(), Is.EqualTo((2, 10)));
        writer.SetWriteBufferLimits(low: 10);
        Assert.That(writer.GetWriteBufferLimits(), Is.EqualTo((10, 40)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.SetWriteBufferLimits(high: 1, low: 2));
        writer.Abort();
        RunUntilSet(protocol.Lost, 20);
    }

    [Test]
    public void ARegularFile_IsRejected()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            var e = Assert.Throws<ArgumentException>(() => Run(Loop.ConnectReadPipe(() => new StreamRecorder(Loop), file)));
            Assert.That(e!.Message, Does.Contain("pipes/sockets/character devices only"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ACharacterDevice_CanBeWritten()
    {
        var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        var (writer, protocol) = Run(Loop.ConnectWritePipe(() => new StreamRecorder(Loop), devNull));
        writer.Write(new byte[100_000]);
        Assert.That(writer.GetWriteBufferSize(), Is.Zero);
        Assert.That(writer.GetExtraInfo("pipe"), Is.SameAs(devNull));
        writer.Close();
        RunUntilSet(protocol.Lost, 20);
        Assert.That(devNull.IsClosed, Is.True, "the transport owns the handle");
    }
}

/// <summary>The portable backend watches sockets only, so pipe transports are refused clearly.</summary>
[TestFixture(IoBackend.Portable)]
public class PipesOnThePortableBackendTests(IoBackend backend) : IoTestBase(backend)
{
    [Test]
    public void ConnectReadPipe_ThrowsPlatformNotSupported()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        Assert.Throws<PlatformNotSupportedException>(() =>
            Loop.RunUntilComplete(Loop.ConnectReadPipe(() => new StreamRecorder(Loop), pipe.SafePipeHandle)));
    }
}
