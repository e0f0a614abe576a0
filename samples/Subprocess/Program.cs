// Runs a command and prints each line of its stdout as it arrives, then its exit code:
//   dotnet run --project samples/Subprocess -- <program> [args...]
using System.Text;
using Coroutines;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Subprocess <program> [args...]");
    return 2;
}
return EventLoop.Run(LineByLine.Run(args[0], args[1..]));

/// <summary>Splits the child's stdout into lines as the bytes arrive, and prints them numbered.</summary>
sealed class LinePrinter(EventLoop loop) : SubprocessProtocol
{
    private readonly List<byte> _partial = new();
    private int _lines;

    public Future<bool> Done { get; } = new(loop);

    public override void PipeDataReceived(int fd, ReadOnlySpan<byte> data)
    {
        int newline;
        while ((newline = data.IndexOf((byte)'\n')) >= 0)
        {
            _partial.AddRange(data[..newline]);
            Print();
            data = data[(newline + 1)..];
        }
        _partial.AddRange(data);
    }

    public override void PipeConnectionLost(int fd, Exception? exception)
    {
        if (fd == 1 && _partial.Count > 0)
            Print();   // a last line without a newline
    }

    // Called once the child has exited and its pipes are closed: everything it wrote has been printed.
    public override void ConnectionLost(Exception? exception) => Done.TrySetResult(true);

    private void Print()
    {
        Console.WriteLine($"{++_lines}: {Encoding.UTF8.GetString(_partial.ToArray())}");
        _partial.Clear();
    }
}

static class LineByLine
{
    public static async Coroutine<int> Run(string program, string[] arguments)
    {
        var loop = EventLoop.Running;
        try
        {
            var (transport, printer) = await loop.SubprocessExec(() => new LinePrinter(loop), program, arguments,
                stdin: SubprocessStdio.Inherit, stderr: SubprocessStdio.Inherit);
            await printer.Done;
            Console.WriteLine($"exit code: {transport.ReturnCode}");
            return 0;
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine(e.Message);
            return 127;
        }
    }
}
