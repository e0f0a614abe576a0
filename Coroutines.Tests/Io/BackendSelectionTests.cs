using Coroutines.IO;

namespace Coroutines.Tests.Io;

/// <summary>Which I/O backend a loop gets, and what each refuses.</summary>
public class BackendSelectionTests
{
    [Test]
    public void Auto_IsEpollOnLinux_AndPortableElsewhere()
    {
        using var loop = EventLoop.New();

        Assert.That(loop.IoBackend, Is.EqualTo(OperatingSystem.IsLinux() ? IoBackend.Epoll : IoBackend.Portable));
    }

    [Test]
    public void Portable_CanBeChosenOnLinux_AndWatchesNoPlainFileDescriptors()
    {
        using var loop = EventLoop.New(new EventLoopOptions { IoBackend = IoBackend.Portable });

        Assert.That(loop.IoBackend, Is.EqualTo(IoBackend.Portable));
        Assert.That(loop.SupportsFdWatches, Is.False);
        var error = Assert.Throws<PlatformNotSupportedException>(() => loop.WatchFd(0, new ReadinessTests.RecordingHandler()));
        Assert.That(error!.Message, Does.Contain("epoll"));
    }

    [Test]
    public void AnUnknownBackend_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EventLoop.New(new EventLoopOptions { IoBackend = (IoBackend)42 }));

        Assert.That(error!.Message, Does.Contain("Auto, Epoll or Portable"));
    }

    [Test]
    public void ANegativeAutoJumpThreshold_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EventLoopOptions { AutoJumpThreshold = TimeSpan.FromMilliseconds(-1) });
    }

    [Test]
    public void AWatchOnAClosedLoop_IsRefused()
    {
        var loop = EventLoop.New();
        loop.Close();
        using var pair = new LoopbackPair();

        Assert.Throws<ObjectDisposedException>(() => loop.WatchSocket(pair.Left, new ReadinessTests.RecordingHandler()));
        if (OperatingSystem.IsLinux())
            Assert.Throws<ObjectDisposedException>(() => loop.WatchFd(0, new ReadinessTests.RecordingHandler()));
    }

    [Test]
    public void ClosingALoop_ClosesItsEpollAndWakeDescriptors()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("epoll is Linux only.");
        int before = Directory.GetFiles("/proc/self/fd").Length;
        var loops = Enumerable.Range(0, 20).Select(_ => EventLoop.New(new EventLoopOptions { IoBackend = IoBackend.Epoll })).ToList();
        int open = Directory.GetFiles("/proc/self/fd").Length;
        foreach (var loop in loops)
            loop.Close();
        int after = Directory.GetFiles("/proc/self/fd").Length;

        Assert.That(open - before, Is.GreaterThanOrEqualTo(40), "each epoll loop holds an epoll and an eventfd descriptor");
        Assert.That(after, Is.LessThanOrEqualTo(before + 2), "Close released them");
    }
}
