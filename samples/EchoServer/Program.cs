// A TCP echo server, protocol style (docs/guides/io.md walks through it).
// Run: dotnet run --project samples/EchoServer -- [port] [--loops N] [--backend auto|epoll|portable] [--streams] [--tls] [--stats]
//
// Binds 127.0.0.1:port (default 8888; 0 picks a free port), prints "listening on 127.0.0.1:PORT" once it accepts,
// echoes every byte back until the peer closes, and exits with 0 on Ctrl+C or SIGTERM after closing its
// connections. --loops N runs N event loops on N threads, each with its own listening socket on the same port
// (SO_REUSEPORT): the kernel spreads the connections over them, so the server uses N cores.
// --streams serves each client with a StartServer handler coroutine (ReadAsync, Write, Drain) instead of a Protocol.
// --tls makes every connection TLS with a self-signed certificate made at start-up (clients must not verify it).
using EchoServer;

EchoServerOptions options;
try
{
    options = EchoServerOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(EchoServerOptions.Usage);
    return 2;
}

using var host = new EchoHost(options);
return host.Run();
