using System.Net.Security;
using System.Runtime.InteropServices;
using HttpHello;

namespace EchoServer;

/// <summary>
/// Runs the server's loops: the first one binds the port (a free one when the port is 0), the others join it on
/// the same port through SO_REUSEPORT. SIGTERM and Ctrl+C (SIGINT) stop every loop; the process then exits with 0.
/// </summary>
public sealed class EchoHost : IDisposable
{
    private readonly EchoServerOptions _options;
    private readonly EchoLoop[] _loops;
    private readonly List<PosixSignalRegistration> _signals = [];

    /// <summary>Creates the loops (not started) for <paramref name="options"/>.</summary>
    public EchoHost(EchoServerOptions options)
    {
        _options = options;
        _loops = new EchoLoop[options.Loops];
        // One certificate for every loop: making it (a key pair) is the slow part.
        SslServerAuthenticationOptions? tls = options.Tls
            ? new() { ServerCertificate = SelfSignedCertificate.Create("localhost") }
            : null;
        for (int i = 0; i < _loops.Length; i++)
            _loops[i] = new EchoLoop(i, options.Backend, options.Streams, tls);
    }

    /// <summary>Serves until a stop signal; returns the process exit code (0, or 1 when a loop failed).</summary>
    public int Run()
    {
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop));
        if (_options.Stats)
            _signals.Add(AllocationReport.Register(EchoedBytes));

        bool reusePort = _loops.Length > 1;
        int port;
        try
        {
            _loops[0].Start(_options.Port, reusePort);
            port = _loops[0].WaitListening();
            for (int i = 1; i < _loops.Length; i++)
                _loops[i].Start(port, reusePort);
            for (int i = 1; i < _loops.Length; i++)
                _loops[i].WaitListening();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"cannot listen on 127.0.0.1:{_options.Port}: {e.Message}");
            StopAndJoin();
            return 1;
        }
        Console.WriteLine($"listening on 127.0.0.1:{port}");

        JoinAll();
        int failures = 0;
        foreach (var loop in _loops)
        {
            if (loop.Failure is { } failure)
            {
                Console.Error.WriteLine($"a loop failed: {failure}");
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Unregisters the signal handlers.</summary>
    public void Dispose()
    {
        foreach (var registration in _signals)
            registration.Dispose();
        _signals.Clear();
    }

    private long EchoedBytes()
    {
        long total = 0;
        foreach (var loop in _loops)
            total += Volatile.Read(ref loop.Counter.Bytes);
        return total;
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;   // the loops end and Run returns; the runtime must not end the process first
        foreach (var loop in _loops)
            loop.RequestStop();
    }

    private void StopAndJoin()
    {
        foreach (var loop in _loops)
            loop.RequestStop();
        JoinAll();
    }

    private void JoinAll()
    {
        foreach (var loop in _loops)
            loop.Join();
    }
}
