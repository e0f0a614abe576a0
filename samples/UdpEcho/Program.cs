// A UDP echo server and client on datagram endpoints:
//   dotnet run --project samples/UdpEcho -- server [port]          (default 9999, binds 127.0.0.1)
//   dotnet run --project samples/UdpEcho -- client [host] [port]   (default 127.0.0.1 9999)
using System.Diagnostics;
using System.Net;
using System.Text;
using Coroutines;

string mode = args.Length > 0 ? args[0] : "";
try
{
    return mode switch
    {
        "server" => EventLoop.Run(Echo.Serve(args.Length > 1 ? int.Parse(args[1]) : 9999)),
        "client" => EventLoop.Run(Echo.Ping(args.Length > 1 ? args[1] : "127.0.0.1", args.Length > 2 ? int.Parse(args[2]) : 9999)),
        _ => Usage(),
    };
}
catch (FormatException)
{
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("usage: UdpEcho server [port] | client [host] [port]");
    return 2;
}

/// <summary>Echoes every datagram back to whoever sent it.</summary>
sealed class EchoProtocol : DatagramProtocol
{
    private IDatagramTransport? _transport;

    public override void ConnectionMade(IBaseTransport transport) => _transport = (IDatagramTransport)transport;

    public override void DatagramReceived(ReadOnlySpan<byte> data, EndPoint address) => _transport!.SendTo(data, address);
}

/// <summary>Hands each reply to whoever waits for it.</summary>
sealed class ReplyProtocol : DatagramProtocol
{
    public Future<string>? Waiting { get; set; }

    public override void DatagramReceived(ReadOnlySpan<byte> data, EndPoint address) => Waiting?.TrySetResult(Encoding.UTF8.GetString(data));

    public override void ErrorReceived(Exception exception)   // e.g. nobody listens on that port
    {
        if (Waiting is { Done: false } waiting)
            waiting.SetException(exception);
    }
}

static class Echo
{
    public static async Coroutine<int> Serve(int port)
    {
        var loop = EventLoop.Running;
        var (transport, _) = await loop.CreateDatagramEndpoint(() => new EchoProtocol(), localAddress: new IPEndPoint(IPAddress.Loopback, port));
        Console.WriteLine($"listening on {transport.GetExtraInfo("sockname")}");
        var stop = new Future<bool>(loop);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;   // stop cleanly on the loop instead of killing the process
            loop.CallSoonThreadSafe(() => stop.TrySetResult(true));
        };
        await stop;
        transport.Close();
        return 0;
    }

    public static async Coroutine<int> Ping(string host, int port)
    {
        var loop = EventLoop.Running;
        var (transport, protocol) = await loop.CreateDatagramEndpoint(() => new ReplyProtocol(), remoteAddress: new DnsEndPoint(host, port));
        int failures = 0;
        for (int i = 1; i <= 3; i++)
        {
            var message = $"ping {i}";
            protocol.Waiting = new Future<string>(loop);
            var started = Stopwatch.GetTimestamp();
            transport.SendTo(Encoding.UTF8.GetBytes(message));
            try
            {
                var reply = await Loop.WaitFor(protocol.Waiting, 2.0);
                Console.WriteLine($"{message} -> {reply} ({Stopwatch.GetElapsedTime(started).TotalMilliseconds:F2} ms)");
            }
            catch (TimeoutException)
            {
                Console.WriteLine($"{message} -> no reply within 2 s");
                failures++;
            }
            catch (System.Net.Sockets.SocketException e)
            {
                Console.WriteLine($"{message} -> {e.Message}");
                failures++;
            }
        }
        transport.Close();
        return failures == 0 ? 0 : 1;
    }
}
