using Coroutines.Analyzers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.BlockingIoAnalyzer, Coroutines.CodeFixes.Fixers.BlockingIoCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class BlockingIoTests
{
    private const string SiblingKey = "Coroutines.CORO003.AwaitAsyncSibling";
    private const string ExecutorKey = "Coroutines.CORO003.RunInExecutor";

    [Test]
    public Task FileAndStreamCallsWithAsyncSiblings_BecomeAwaitedSiblings() =>
        Verify.VerifyCodeFixAsync("""
            public static class Jobs
            {
                public static async Coroutine Copy(string from, string to, FileStream stream, byte[] buffer)
                {
                    var text = {|#0:File.ReadAllText(from)|};
                    {|#1:File.WriteAllText(to, text)|};
                    var read = {|#2:stream.Read(buffer, 0, buffer.Length)|};
                    await Loop.Yield();
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine Copy(string from, string to, FileStream stream, byte[] buffer)
                {
                    var text = await File.ReadAllTextAsync(from);
                    await File.WriteAllTextAsync(to, text);
                    var read = await stream.ReadAsync(buffer, 0, buffer.Length);
                    await Loop.Yield();
                }
            }
            """, SiblingKey,
            Verify.Diagnostic(DiagnosticDescriptors.BlockingIo).WithLocation(0).WithArguments("File.ReadAllText", "await File.ReadAllTextAsync(...)"),
            Verify.Diagnostic(DiagnosticDescriptors.BlockingIo).WithLocation(1).WithArguments("File.WriteAllText", "await File.WriteAllTextAsync(...)"),
            Verify.Diagnostic(DiagnosticDescriptors.BlockingIo).WithLocation(2).WithArguments("FileStream.Read", "await FileStream.ReadAsync(...)"));

    [Test]
    public Task ConsoleInputAndDirectoryListing_RunInTheExecutor() =>
        Verify.VerifyCodeFixWithStubsAsync("""
            public static class Jobs
            {
                public static async Coroutine Prompt(string folder)
                {
                    var answer = {|#0:Console.ReadLine()|};
                    var files = {|#1:Directory.GetFiles(folder)|}.Length;
                    await Loop.Yield();
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine Prompt(string folder)
                {
                    var answer = await EventLoop.Running.RunInExecutor(() => Console.ReadLine());
                    var files = (await EventLoop.Running.RunInExecutor(() => Directory.GetFiles(folder))).Length;
                    await Loop.Yield();
                }
            }
            """, ExecutorKey,
            Verify.Diagnostic(DiagnosticDescriptors.BlockingIo).WithLocation(0).WithArguments("Console.ReadLine", "await loop.RunInExecutor(() => ...)"),
            Verify.Diagnostic(DiagnosticDescriptors.BlockingIo).WithLocation(1).WithArguments("Directory.GetFiles", "await loop.RunInExecutor(() => ...)"));

    [Test]
    public Task AgainstTheRealRuntime_ConsoleInputMovesToTheExecutor()
    {
        const string source = """
            public static class Jobs
            {
                public static async Coroutine Prompt()
                {
                    var answer = {|#0:Console.ReadLine()|};
                    await Loop.Yield();
                }
            }
            """;
        const string fixedSource = """
            public static class Jobs
            {
                public static async Coroutine Prompt()
                {
                    var answer = await EventLoop.Running.RunInExecutor(() => Console.ReadLine());
                    await Loop.Yield();
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, fixedSource, ExecutorKey,
            Verify.Diagnostic(DiagnosticDescriptors.BlockingIo).WithLocation(0).WithArguments("Console.ReadLine", "await loop.RunInExecutor(() => ...)"));
    }

    [Test]
    public Task InMemoryStreamsProbesConsoleOutputAndOffLoopIo_AreNotReported() =>
        Verify.VerifyAnalyzerWithStubsAsync("""
            using System.Diagnostics;

            public static class Jobs
            {
                public static string Synchronous(string path) => File.ReadAllText(path);

                public static async Coroutine Run(string path, Process process, byte[] buffer)
                {
                    var memory = new MemoryStream(buffer);
                    memory.Read(buffer, 0, 1);
                    memory.Write(buffer, 0, 1);
                    new StringReader("text").ReadToEnd();
                    Stream.Null.Flush();
                    var name = Path.GetFileName(path);
                    Console.WriteLine(name);
                    process.WaitForExit(0);
                    var text = await EventLoop.Running.RunInExecutor(() => File.ReadAllText(path));
                    await Task.Run(() => File.ReadAllText(path));
                    var exists = nameof(File.ReadAllText);
                    lock (buffer)
                    {
                        File.ReadAllText(path);
                    }
                    await Loop.Yield();
                }
            }
            """);

    [Test]
    public Task ConstructorsAndFactoriesThatOpenAPath_RunInTheExecutor() =>
        Verify.VerifyCodeFixWithStubsAsync("""
            using System.Xml;

            public static class Jobs
            {
                public static async Coroutine Copy(string from, string to)
                {
                    using var reader = {|#0:new StreamReader(from)|};
                    using var writer = {|#1:new StreamWriter(to, append: true)|};
                    using var raw = {|#2:new FileStream(from, FileMode.Open)|};
                    using var xml = {|#3:XmlReader.Create(from)|};
                    await Loop.Yield();
                }
            }
            """, """
            using System.Xml;

            public static class Jobs
            {
                public static async Coroutine Copy(string from, string to)
                {
                    using var reader = await EventLoop.Running.RunInExecutor(() => new StreamReader(from));
                    using var writer = await EventLoop.Running.RunInExecutor(() => new StreamWriter(to, append: true));
                    using var raw = await EventLoop.Running.RunInExecutor(() => new FileStream(from, FileMode.Open));
                    using var xml = await EventLoop.Running.RunInExecutor(() => XmlReader.Create(from));
                    await Loop.Yield();
                }
            }
            """, ExecutorKey,
            Verify.Diagnostic(DiagnosticDescriptors.BlockingIo).WithLocation(0).WithArguments("new StreamReader", "await loop.RunInExecutor(() => ...)"),
            Verify.Diagnostic(DiagnosticDescriptors.BlockingIo).WithLocation(1).WithArguments("new StreamWriter", "await loop.RunInExecutor(() => ...)"),
            Verify.Diagnostic(DiagnosticDescriptors.BlockingIo).WithLocation(2).WithArguments("new FileStream", "await loop.RunInExecutor(() => ...)"),
            Verify.Diagnostic(DiagnosticDescriptors.BlockingIo).WithLocation(3).WithArguments("XmlReader.Create", "await loop.RunInExecutor(() => ...)"));

    [Test]
    public Task ConstructorsOverAnOpenStreamOrHandle_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Xml;
            using Microsoft.Win32.SafeHandles;

            public static class Jobs
            {
                public static async Coroutine Wrap(Stream stream, SafeFileHandle handle, TextReader text)
                {
                    using var reader = new StreamReader(stream);
                    using var writer = new StreamWriter(stream, leaveOpen: true);
                    using var raw = new FileStream(handle, FileAccess.Read);
                    using var binary = new BinaryReader(stream);
                    using var xml = XmlReader.Create(text);
                    await Loop.Yield();
                }
            }
            """);
}
