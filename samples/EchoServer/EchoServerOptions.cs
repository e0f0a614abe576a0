using Coroutines;

namespace EchoServer;

/// <summary>The command line of the echo server.</summary>
public sealed record EchoServerOptions(int Port, int Loops, IoBackend Backend, bool Stats, bool Streams = false, bool Tls = false)
{
    /// <summary>How to call the program.</summary>
    public const string Usage = "usage: EchoServer [port] [--loops N] [--backend auto|epoll|portable] [--streams] [--tls] [--stats]";

    /// <summary>Reads the arguments; unknown or malformed ones throw an <see cref="ArgumentException"/> that says which.</summary>
    public static EchoServerOptions Parse(IReadOnlyList<string> args)
    {
        int port = 8888, loops = 1;
        var backend = IoBackend.Auto;
        bool stats = false, streams = false, tls = false, portSeen = false;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--loops":
                    loops = ParseNumber(ValueAfter(args, ref i), "--loops", 1, Environment.ProcessorCount * 4);
                    break;
                case "--backend":
                    string name = ValueAfter(args, ref i);
                    if (!Enum.TryParse(name, ignoreCase: true, out backend) || !Enum.IsDefined(backend))
                        throw new ArgumentException($"--backend must be auto, epoll or portable, not '{name}'.", nameof(args));
                    break;
                case "--stats":
                    stats = true;
                    break;
                case "--streams":
                    streams = true;
                    break;
                case "--tls":
                    tls = true;
                    break;
                default:
                    if (portSeen || args[i].StartsWith('-'))
                        throw new ArgumentException($"Unexpected argument '{args[i]}'.", nameof(args));
                    port = ParseNumber(args[i], "port", 0, 65535);
                    portSeen = true;
                    break;
            }
        }
        return new EchoServerOptions(port, loops, backend, stats, streams, tls);
    }

    private static string ValueAfter(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
            throw new ArgumentException($"{args[i]} needs a value.", nameof(args));
        return args[++i];
    }

    private static int ParseNumber(string text, string what, int min, int max)
    {
        if (!int.TryParse(text, out int value) || value < min || value > max)
            throw new ArgumentException($"{what} must be a whole number from {min} to {max}, not '{text}'.", "args");
        return value;
    }
}
