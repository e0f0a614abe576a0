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

static class LineByLine
{
    public static async Coroutine<int> Run(string program, string[] arguments)
    {
        AsyncProcess process;
        try
        {
            // stdout is a pipe read by the loop; stdin and stderr stay this terminal's.
            process = await Loop.CreateSubprocessExec(program, arguments, stdin: SubprocessStdio.Inherit, stderr: SubprocessStdio.Inherit);
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine(e.Message);
            return 127;
        }
        int number = 0;
        await foreach (var line in process.Stdout!)   // ReadLine until end of file; each line as soon as it is complete
            Console.WriteLine($"{++number}: {Encoding.UTF8.GetString(line).TrimEnd('\n')}");
        Console.WriteLine($"exit code: {await process.Wait()}");
        return 0;
    }
}
