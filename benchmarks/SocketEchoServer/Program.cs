// Benchmark B6's plain .NET peer: a TCP echo server written the way a .NET user writes one, with an
// `async Task` per connection awaiting Socket.ReceiveAsync and Socket.SendAsync (run by the runtime's socket
// engine and the thread pool). Like every B6 server it binds 127.0.0.1, sets TCP_NODELAY, prints
// "listening on 127.0.0.1:PORT" once it accepts, and echoes with a 256 KiB receive buffer (the C server's and
// asyncio's read size).
//
// --tls: each connection is an SslStream over a NetworkStream over the socket (AuthenticateAsServerAsync with a
// self-signed certificate made at start-up, then ReadAsync and WriteAsync), the plain .NET way to serve TLS.
//
// Usage: SocketEchoServer PORT [--tls] [--stats]
// --stats: on SIGUSR1, print "STATS allocated_bytes=A received_bytes=R" (process-wide managed allocation and
// bytes echoed so far), so benchmarks/run-io.py can compute bytes allocated per request.
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using EchoServer;
using HttpHello;

int port = args.Length > 0 ? int.Parse(args[0]) : 8888;
bool stats = args.Contains("--stats");
SslServerAuthenticationOptions? tls = args.Contains("--tls")
    ? new() { ServerCertificate = SelfSignedCertificate.Create("localhost") }
    : null;
const int ReceiveBufferSize = 256 * 1024;
long received = 0;

using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
listener.Listen(1024);

using var stop = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var onUsr1 = stats ? AllocationReport.Register(() => Interlocked.Read(ref received)) : null;

Console.WriteLine($"listening on 127.0.0.1:{port}");
try
{
    while (true)
    {
        Socket connection = await listener.AcceptAsync(stop.Token);
        connection.NoDelay = true;
        _ = tls is null ? EchoAsync(connection) : TlsEchoAsync(connection, tls);
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}

async Task EchoAsync(Socket connection)
{
    using (connection)
    {
        byte[] buffer = new byte[ReceiveBufferSize];
        try
        {
            while (true)
            {
                int count = await connection.ReceiveAsync(buffer, SocketFlags.None);
                if (count == 0)
                    return;
                if (stats)
                    Interlocked.Add(ref received, count);
                await connection.SendAsync(buffer.AsMemory(0, count), SocketFlags.None);
            }
        }
        catch (SocketException)
        {
            // The client went away mid-request (a reset): this connection is over, the server goes on.
        }
    }
}

async Task TlsEchoAsync(Socket connection, SslServerAuthenticationOptions options)
{
    await using var ssl = new SslStream(new NetworkStream(connection, ownsSocket: true));
    byte[] buffer = new byte[ReceiveBufferSize];
    try
    {
        await ssl.AuthenticateAsServerAsync(options);
        while (true)
        {
            int count = await ssl.ReadAsync(buffer);
            if (count == 0)
                return;
            if (stats)
                Interlocked.Add(ref received, count);
            await ssl.WriteAsync(buffer.AsMemory(0, count));
        }
    }
    catch (IOException)
    {
        // A reset, or a client that left without close_notify: this connection is over, the server goes on.
    }
    catch (System.Security.Authentication.AuthenticationException)
    {
        // A failed handshake ends only this connection.
    }
}
