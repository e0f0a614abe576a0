using System.IO.Pipes;
using System.Net.Sockets;
using Coroutines.IO;

namespace Coroutines.Tests.Io;

/// <summary>asyncio's add_reader/add_writer (CPython test_selector_events::BaseSelectorEventLoopTests, test_events::test_add_reader...), on each backend.</summary>
[TestFixture(IoBackend.Epoll)]
[TestFixture(IoBackend.Portable)]
public class ReadinessTests(IoBackend backend) : IoTestBase(backend)
{
    private static readonly byte[] Ping = "ping"u8.ToArray();

    [Test]
    public void TheReaderRunsWhenDataArrives_AndNotAfterRemoveReader()
    {
        using var pair = new LoopbackPair();
        using var witness = new LoopbackPair();
        var received = new Future<int>(Loop);
        int calls = 0;
        Loop.AddReader(pair.Left, () =>
        {
            calls++;
            var buffer = new byte[16];
            received.TrySetResult(pair.Left.Receive(buffer));
        });

        pair.Right.Send(Ping);
        Assert.That(RunUntilSet(received), Is.EqualTo(4));

        Assert.That(Loop.RemoveReader(pair.Left), Is.True);
        pair.Right.Send(Ping);
        LoopbackPair.WaitUntilAvailable(pair.Left);
        // A second watched socket proves the loop did poll the selector while the removed reader stayed silent.
        var witnessed = new Future<bool>(Loop);
        Loop.AddReader(witness.Left, () => witnessed.TrySetResult(true));
        witness.Right.Send(Ping);
        RunUntilSet(witnessed);
        RunIterations(3);

        Assert.That(calls, Is.EqualTo(1));
        Loop.RemoveReader(witness.Left);
    }

    [Test]
    public void AddingAReaderAgain_ReplacesTheCallback()
    {
        using var pair = new LoopbackPair();
        var called = new List<string>();
        var done = new Future<bool>(Loop);
        Loop.AddReader(pair.Left, () => called.Add("old"));
        Loop.AddReader(pair.Left, () =>
        {
            called.Add("new");
            pair.Left.Receive(new byte[16]);
            done.TrySetResult(true);
        });

        pair.Right.Send(Ping);
        RunUntilSet(done);

        Assert.That(called, Is.EqualTo(new[] { "new" }));
        Loop.RemoveReader(pair.Left);
    }

    [Test]
    public void RemoveReaderAndRemoveWriter_TellWhetherOneWasRegistered()
    {
        using var pair = new LoopbackPair();

        Assert.That(Loop.RemoveReader(pair.Left), Is.False);
        Assert.That(Loop.RemoveWriter(pair.Left), Is.False);
        Loop.AddReader(pair.Left, () => { });
        Assert.That(Loop.RemoveWriter(pair.Left), Is.False, "a reader is not a writer");
        Assert.That(Loop.RemoveReader(pair.Left), Is.True);
        Assert.That(Loop.RemoveReader(pair.Left), Is.False);
        Loop.AddWriter(pair.Left, () => { });
        Assert.That(Loop.RemoveWriter(pair.Left), Is.True);
        Assert.That(Loop.RemoveWriter(pair.Left), Is.False);
    }

    [Test]
    public void TheWriterRunsOnAWritableSocket()
    {
        using var pair = new LoopbackPair();
        var done = new Future<bool>(Loop);
        Loop.AddWriter(pair.Left, () =>
        {
            pair.Left.Send(Ping);
            Loop.RemoveWriter(pair.Left);
            done.TrySetResult(true);
        });

        RunUntilSet(done);

        LoopbackPair.WaitUntilAvailable(pair.Right, Ping.Length);
        var buffer = new byte[16];
        Assert.That(buffer.AsSpan(0, pair.Right.Receive(buffer)).ToArray(), Is.EqualTo(Ping));
    }

    [Test]
    public void TheReaderIsLevelTriggered_ItRunsAgainWhileDataIsUnread()
    {
        using var pair = new LoopbackPair();
        var thirdCall = new Future<bool>(Loop);
        int calls = 0;
        Loop.AddReader(pair.Left, () =>
        {
            if (++calls == 3)
                thirdCall.TrySetResult(true);
        });

        pair.Right.Send(Ping);
        RunUntilSet(thirdCall);

        Assert.That(pair.Left.Available, Is.EqualTo(Ping.Length), "nothing read the data");
        Loop.RemoveReader(pair.Left);
    }

    [Test]
    public void AReaderOnAListeningSocket_LeavesEachConnectionToAPlainAccept()
    {
        // asyncio's loop.add_reader(listener, ...) with sock.accept() in the callback (CPython test_events::test_add_reader
        // on a server socket): readiness must not take the connection itself.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(4);
        listener.Blocking = false;
        var accepted = new List<Socket>();
        var both = new Future<bool>(Loop);
        Loop.AddReader(listener, () =>
        {
            accepted.Add(listener.Accept());
            if (accepted.Count == 2)
                both.TrySetResult(true);
        });
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var later = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            first.Connect(listener.LocalEndPoint!);
            second.Connect(listener.LocalEndPoint!);
            RunUntilSet(both);
            Assert.That(accepted.Select(s => s.RemoteEndPoint), Is.EquivalentTo(new[] { first.LocalEndPoint, second.LocalEndPoint }));

            Assert.That(Loop.RemoveReader(listener), Is.True);
            later.Connect(listener.LocalEndPoint!);
            RunIterations(3);
            Assert.That(listener.Poll(5_000_000, SelectMode.SelectRead), Is.True, "still queued in the kernel: nothing accepted it ahead");
            using var direct = listener.Accept();
            Assert.That(direct.RemoteEndPoint, Is.EqualTo(later.LocalEndPoint));
        }
        finally
        {
            foreach (var socket in accepted)
                socket.Dispose();
        }
    }

    [Test]
    public void AReaderAndAWriterOnOneSocket_ShareItsWatch_AndRemovingOneKeepsTheOther()
    {
        using var pair = new LoopbackPair();
        int reads = 0, writes = 0;
        var bothRan = new Future<bool>(Loop);
        Loop.AddReader(pair.Left, () =>
        {
            reads++;
            pair.Left.Receive(new byte[16]);
            if (writes > 0)
                bothRan.TrySetResult(true);
        });
        Loop.AddWriter(pair.Left, () =>
        {
            writes++;
            if (reads > 0)
                bothRan.TrySetResult(true);
        });
        pair.Right.Send(Ping);
        RunUntilSet(bothRan);

        Assert.That(Loop.RemoveWriter(pair.Left), Is.True);
        int writesAfterRemoval = writes;
        var readAgain = new Future<bool>(Loop);
        Loop.AddReader(pair.Left, () =>
        {
            pair.Left.Receive(new byte[16]);
            readAgain.TrySetResult(true);
        });
        pair.Right.Send(Ping);
        RunUntilSet(readAgain);

        Assert.That(writes, Is.EqualTo(writesAfterRemoval));
        Assert.That(Loop.RemoveReader(pair.Left), Is.True);
    }

    [Test]
    public void TheReaderGetsItsState()
    {
        using var pair = new LoopbackPair();
        var done = new Future<object?>(Loop);
        var state = new object();
        Loop.AddReader(pair.Left, s =>
        {
            pair.Left.Receive(new byte[16]);
            done.TrySetResult(s);
        }, state);

        pair.Right.Send(Ping);

        Assert.That(RunUntilSet(done), Is.SameAs(state));
        Loop.RemoveReader(pair.Left);
    }

    [Test]
    public void AClosedLoop_RefusesReadersAndWriters_AndRemovesNothing()
    {
        using var pair = new LoopbackPair();
        Loop.AddReader(pair.Left, () => { });
        Loop.Close();

        Assert.Throws<ObjectDisposedException>(() => Loop.AddReader(pair.Left, () => { }));
        Assert.Throws<ObjectDisposedException>(() => Loop.AddWriter(pair.Left, () => { }));
        Assert.That(Loop.RemoveReader(pair.Left), Is.False);
    }

    [Test]
    public void ASocketWatchedTwice_IsRefusedWithAClearMessage()
    {
        using var pair = new LoopbackPair();
        var handler = new RecordingHandler();
        var watch = Loop.WatchSocket(pair.Left, handler);

        var error = Assert.Throws<InvalidOperationException>(() => Loop.WatchSocket(pair.Left, handler));
        Assert.That(error!.Message, Does.Contain("already registered"));
        Assert.Throws<InvalidOperationException>(() => Loop.AddReader(pair.Left, () => { }), "a transport's socket has no room for a reader");

        watch.Close();
        Loop.WatchSocket(pair.Left, handler).Close();   // free again once closed
    }

    [Test]
    public void ACallbackException_GoesToTheExceptionHandler_AndTheLoopKeepsRunning()
    {
        using var pair = new LoopbackPair();
        var later = new Future<bool>(Loop);
        Loop.AddReader(pair.Left, () =>
        {
            pair.Left.Receive(new byte[16]);
            Loop.RemoveReader(pair.Left);
            Loop.CallSoon(() => later.TrySetResult(true));
            throw new FormatException("reader failed");
        });

        pair.Right.Send(Ping);
        RunUntilSet(later);

        Assert.That(Reports, Has.Count.EqualTo(1));
        Assert.That(Reports[0].Exception, Is.TypeOf<FormatException>());
        Assert.That(Reports[0].Message, Does.StartWith("Exception in callback"));
    }

    [Test]
    public void AnExceptionFromAWatchsHandler_GoesToTheExceptionHandler_AndTheLoopKeepsRunning()
    {
        using var pair = new LoopbackPair();
        var handler = new RecordingHandler();
        var watch = Loop.WatchSocket(pair.Left, handler);
        var reported = new Future<bool>(Loop);
        handler.OnReady = () =>
        {
            watch.SetInterest(IoInterest.None);
            Loop.CallSoon(() => reported.TrySetResult(true));
            throw new InvalidDataException("handler failed");
        };
        watch.SetInterest(IoInterest.Read);

        pair.Right.Send(Ping);
        RunUntilSet(reported);

        Assert.That(Reports, Has.Count.EqualTo(1));
        Assert.That(Reports[0].Exception, Is.TypeOf<InvalidDataException>());
        Assert.That(Reports[0].Message, Does.StartWith("Exception in I/O handler <IoWatch"));
        watch.Close();
    }

    [Test]
    public void AWatchReportsOnlyItsInterest_AndNothingAfterClose()
    {
        using var pair = new LoopbackPair();
        var handler = new RecordingHandler();
        var watch = Loop.WatchSocket(pair.Left, handler);
        using var witness = new LoopbackPair();
        var witnessed = new Future<bool>(Loop);
        Loop.AddReader(witness.Left, () =>
        {
            witness.Left.Receive(new byte[16]);
            witnessed.TrySetResult(true);
        });

        pair.Right.Send(Ping);
        LoopbackPair.WaitUntilAvailable(pair.Left);
        var reported = new Future<bool>(Loop);
        handler.OnReady = () => reported.TrySetResult(true);
        watch.SetInterest(IoInterest.Write);
        RunUntilSet(reported);
        Assert.That(handler.Reports, Is.Not.Empty.And.All.EqualTo(IoInterest.Write), "readable, but it waits for Write only");

        watch.SetInterest(IoInterest.None);
        handler.Reports.Clear();
        witness.Right.Send(Ping);
        RunUntilSet(witnessed);
        RunIterations(2);
        Assert.That(handler.Reports, Is.Empty, "interest None hears nothing");

        watch.SetInterest(IoInterest.Read | IoInterest.Write);
        watch.Close();
        witnessed = new Future<bool>(Loop);
        witness.Right.Send(Ping);
        RunUntilSet(witnessed);
        RunIterations(2);
        Assert.That(handler.Reports, Is.Empty, "a closed watch hears nothing");
        Assert.That(watch.Interest, Is.EqualTo(IoInterest.None));
        Assert.Throws<ObjectDisposedException>(() => watch.SetInterest(IoInterest.Read));
        Loop.RemoveReader(witness.Left);
    }

    [Test]
    public void AWatchClosedByAnEarlierHandler_HearsNothing_EvenIfItWasReadyInTheSamePass()
    {
        using var first = new LoopbackPair();
        using var second = new LoopbackPair();
        var firstHandler = new RecordingHandler();
        var secondHandler = new RecordingHandler();
        var firstWatch = Loop.WatchSocket(first.Left, firstHandler);
        var secondWatch = Loop.WatchSocket(second.Left, secondHandler);
        var oneRan = new Future<bool>(Loop);
        // Whichever runs first closes the other: on epoll both are ready in the same epoll_wait.
        firstHandler.OnReady = () =>
        {
            secondWatch.Close();
            firstWatch.SetInterest(IoInterest.None);
            oneRan.TrySetResult(true);
        };
        secondHandler.OnReady = () =>
        {
            firstWatch.Close();
            secondWatch.SetInterest(IoInterest.None);
            oneRan.TrySetResult(true);
        };
        first.Right.Send(Ping);
        second.Right.Send(Ping);
        LoopbackPair.WaitUntilAvailable(first.Left);
        LoopbackPair.WaitUntilAvailable(second.Left);

        firstWatch.SetInterest(IoInterest.Read);
        secondWatch.SetInterest(IoInterest.Read);
        RunUntilSet(oneRan);
        RunIterations(3);

        Assert.That(firstHandler.Reports.Count + secondHandler.Reports.Count, Is.EqualTo(1));
        firstWatch.Close();
        secondWatch.Close();
    }

    [Test]
    public void TimersStillFire_WhileSocketsAreWatched()
    {
        using var pair = new LoopbackPair();
        Loop.AddReader(pair.Left, () => { });   // idle: the loop waits in the selector with the timer's timeout
        var fired = new Future<double>(Loop);
        double scheduledAt = Loop.Time();
        Loop.CallLater(0.02, () => fired.TrySetResult(Loop.Time()));

        Assert.That(RunUntilSet(fired), Is.GreaterThanOrEqualTo(scheduledAt + 0.02 - Loop.ClockResolution));
        Loop.RemoveReader(pair.Left);
    }

    [Test]
    public void PollingAndDispatchingReadiness_AllocateNothing()
    {
        if (Backend != IoBackend.Epoll)
            Assert.Ignore("The portable backend's readiness comes from .NET socket operations, whose allocations are theirs.");
        using var pair = new LoopbackPair();
        int reads = 0;
        Loop.AddReader(pair.Left, () => reads++);   // level-triggered: unread data makes it fire on every poll
        Loop.BusyPollInterval = 1;
        pair.Right.Send(Ping);
        LoopbackPair.WaitUntilAvailable(pair.Left);
        var ticks = new TickChain(Loop, 20_000);
        ticks.Run();   // warm-up: JIT, the ready queue's growth

        long before = GC.GetAllocatedBytesForCurrentThread();
        ticks.Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(reads, Is.GreaterThan(20_000), "the reader fired on busy iterations too");
        Assert.That(allocated, Is.Zero);
        Loop.RemoveReader(pair.Left);
    }

    /// <summary>A chain of callbacks, one per iteration, so every iteration is busy and polls without waiting.</summary>
    private sealed class TickChain(EventLoop loop, int length)
    {
        private static readonly Action<TickChain> s_step = static chain =>
        {
            if (--chain._remaining > 0)
                chain._loop.CallSoon(s_step!, chain);
            else
                chain._loop.Stop();
        };

        private readonly EventLoop _loop = loop;
        private int _remaining;

        public void Run()
        {
            _remaining = length;
            _loop.CallSoon(s_step, this);
            _loop.RunForever();
        }
    }

    [Test]
    public void CallSoonThreadSafe_FromAnotherThread_WakesALoopBlockedWithNothingScheduled()
    {
        // Watchdog: if the wake-up were lost, data on this pair would still stop the loop after 10 s.
        using var watchdog = new LoopbackPair();
        bool watchdogFired = false;
        Loop.AddReader(watchdog.Left, () =>
        {
            watchdogFired = true;
            Loop.Stop();
        });
        using var timer = new Timer(_ => watchdog.Right.Send(Ping), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        int ranOn = -1;
        var poster = new Thread(() =>
        {
            Thread.Sleep(50);   // let the loop block first: the wake-up is what this test is about
            Loop.CallSoonThreadSafe(() =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                Loop.Stop();
            });
        });

        poster.Start();
        Loop.RunForever();
        poster.Join();

        Assert.That(watchdogFired, Is.False, "the thread-safe call did not wake the loop");
        Assert.That(ranOn, Is.EqualTo(Environment.CurrentManagedThreadId));
        Loop.RemoveReader(watchdog.Left);
    }

    [Test]
    public void APipe_IsWatchedByFileDescriptor()
    {
        if (!Loop.SupportsFdWatches)
        {
            Assert.Throws<PlatformNotSupportedException>(() => Loop.AddReader(0, () => { }));
            return;
        }
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        int fd = (int)server.ClientSafePipeHandle.DangerousGetHandle();
        var done = new Future<int>(Loop);
        Loop.AddReader(fd, () => done.TrySetResult(client.Read(new byte[16])));

        server.Write(Ping);
        server.Flush();

        Assert.That(RunUntilSet(done), Is.EqualTo(Ping.Length));
        Assert.That(Loop.RemoveReader(fd), Is.True);
    }

    [Test]
    public void ANegativeFileDescriptor_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loop.AddReader(-1, () => { }));
        Assert.That(error!.ParamName, Is.EqualTo("fd"));
    }

    [Test]
    public void ClosingTheLoop_ClosesTheRegisteredCloseablesFirst_ThenItsWatches()
    {
        using var pair = new LoopbackPair();
        var watch = Loop.WatchSocket(pair.Left, new RecordingHandler());
        watch.SetInterest(IoInterest.Read);
        var closed = new List<string>();
        var first = new Closeable(() => closed.Add($"first, watch closed: {watch.IsClosed}"));
        var second = new Closeable(() => throw new IOException("close failed"));
        Loop.RegisterCloseable(first);
        Loop.RegisterCloseable(second);
        var removed = new Closeable(() => closed.Add("removed"));
        Loop.RegisterCloseable(removed);
        Assert.That(Loop.UnregisterCloseable(removed), Is.True);

        Loop.Close();

        Assert.That(closed, Is.EqualTo(new[] { "first, watch closed: False" }));
        Assert.That(watch.IsClosed, Is.True);
        Assert.That(Reports.Select(r => r.Exception), Has.One.TypeOf<IOException>());
        Assert.Throws<ObjectDisposedException>(() => Loop.WatchSocket(pair.Left, new RecordingHandler()));
    }

    private sealed class Closeable(Action onDispose) : IDisposable
    {
        public void Dispose() => onDispose();
    }

    internal sealed class RecordingHandler : IIoReadyHandler
    {
        public readonly List<IoInterest> Reports = new();
        public Action? OnReady;

        public void OnIoReady(IoInterest ready)
        {
            Reports.Add(ready);
            OnReady?.Invoke();
        }
    }
}
