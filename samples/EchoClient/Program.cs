// A TCP echo client, protocol style: sends BYTES bytes, checks that the same bytes come back, and says how long
// the round trip took. Run: dotnet run --project samples/EchoClient -- [host] [port] [bytes]
// (defaults: 127.0.0.1 8888 1048576). Exit code 0 when the echo was byte-exact, 1 when it was not or the
// connection failed, 2 for bad arguments.
using Coroutines;
using EchoClient;

string host = args.Length > 0 ? args[0] : "127.0.0.1";
if (!TryParse(args, 1, 8888, 1, 65535, out int port) || !TryParse(args, 2, 1 << 20, 1, int.MaxValue, out int bytes) || args.Length > 3)
{
    Console.Error.WriteLine("usage: EchoClient [host] [port 1-65535] [bytes ≥ 1]");
    return 2;
}

try
{
    EchoResult result = EventLoop.Run(EchoSession.Run(host, port, bytes));
    Console.WriteLine(result);
    return result.ByteExact ? 0 : 1;
}
catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException or IOException)
{
    Console.Error.WriteLine($"echo through {host}:{port} failed: {e.Message}");
    return 1;
}

static bool TryParse(string[] args, int index, int fallback, int min, int max, out int value)
{
    value = fallback;
    return args.Length <= index || (int.TryParse(args[index], out value) && value >= min && value <= max);
}
