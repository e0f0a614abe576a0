using System.Net;
using System.Net.Sockets;
using Coroutines.Tests.Generator;

namespace Coroutines.Tests.Io.Tcp;

/// <summary>
/// A fresh virtual-time loop on the fixture's I/O backend for each test (its timers jump only once loopback traffic
/// has gone quiet), exception-handler reports collected, and a wall-clock watchdog on every run so a lost wake-up
/// fails the test instead of hanging the suite. Every socket a test opens belongs to the loop, which closes them.
/// </summary>
public abstract class StreamTestBase(IoBackend backend)
{
    protected EventLoop Loop = null!;
    protected List<ExceptionContext> Reports = null!;

    protected IoBackend Backend => backend;

    /// <summary>Wall-clock limit of one <see cref="Run{T}"/>; generous, since two cores are shared by many builds.</summary>
    protected virtual TimeSpan RunLimit => TimeSpan.FromSeconds(30);

    [SetUp]
    public void CreateLoop()
    {
        Loop = EventLoop.New(new EventLoopOptions { VirtualTime = true, IoBackend = backend });
        Reports = new List<ExceptionContext>();
        Loop.SetExceptionHandler((_, context) => Reports.Add(context));
        EventLoop.SetCurrent(Loop);
    }

    [TearDown]
    public void CloseLoop()
    {
        EventLoop.SetCurrent(null);
        if (!Loop.IsRunning)
            Loop.Close();
    }

    protected T Run<T>(Coroutine<T> body)
    {
        using var watchdog = new LoopWatchdog(Loop, RunLimit);
        try
        {
            return Loop.RunUntilComplete(body);
        }
        catch (InvalidOperationException) when (watchdog.Fired)
        {
            Assert.Fail($"The test did not finish within {RunLimit.TotalSeconds} s of wall-clock time.");
            throw;
        }
    }

    protected void Run(Coroutine body)
    {
        static async Coroutine<int> AsInt(Coroutine body)
        {
            await body;
            return 0;
        }
        Run(AsInt(body));
    }

    /// <summary>A server on 127.0.0.1 with a free port.</summary>
    protected Coroutine<Server> Listen(Func<BaseProtocol> factory, bool startServing = true) =>
        Loop.CreateServer(factory, "127.0.0.1", 0, startServing: startServing);

    protected static int PortOf(Server server) => ((IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;

    /// <summary>A port on 127.0.0.1 where nothing listens (bound once, then released).</summary>
    protected static int ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Deterministic pseudo-random bytes.</summary>
    protected static byte[] Payload(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Waits on the loop for <paramref name="future"/>, bounded in loop time (virtual: jumps once traffic stops).</summary>
    protected static async Coroutine Within(Future future, double seconds = 60)
    {
        await Coroutines.Loop.WaitFor(Completion(future), seconds);
    }

    /// <summary>
    /// Waits on the loop until the server side's protocol exists and its ConnectionMade ran, bounded in loop time:
    /// <c>CreateConnection</c> returns once the client connected, which may be before the server accepted (on any backend).
    /// </summary>
    private protected static async Coroutine<RecordingProtocol> Accepted(Func<RecordingProtocol?> serverSide, double seconds = 60)
    {
        async Coroutine<RecordingProtocol> Poll()
        {
            while (serverSide() is not { Made.Done: true })
                await Coroutines.Loop.Sleep(0.001);
            return serverSide()!;
        }
        return await Coroutines.Loop.WaitFor(Poll(), seconds);
    }

    private static async Coroutine<int> Completion(Future future)
    {
        await future;
        return 0;
    }

    /// <summary>The reports whose message contains <paramref name="text"/>.</summary>
    protected IEnumerable<ExceptionContext> ReportsAbout(string text) => Reports.Where(r => r.Message.Contains(text, StringComparison.Ordinal));

    /// <summary>What <paramref name="body"/> threw, or null.</summary>
    protected static async Coroutine<Exception?> Catch(Coroutine body)
    {
        try
        {
            await body;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>What <paramref name="body"/> threw, or null.</summary>
    protected static async Coroutine<Exception?> Catch<T>(Coroutine<T> body)
    {
        try
        {
            await body;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
