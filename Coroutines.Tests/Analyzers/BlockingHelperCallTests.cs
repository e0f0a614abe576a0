using Coroutines.Analyzers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.BlockingHelperCallAnalyzer, Coroutines.CodeFixes.Fixers.BlockingHelperCallCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class BlockingHelperCallTests
{
    private const string ExecutorKey = "Coroutines.CORO007.RunInExecutor";

    [Test]
    public Task BlockingSyncLocalFunctionsCalledFromACoroutine_RunInTheExecutor() =>
        Verify.VerifyCodeFixWithStubsAsync("""
            public static class Jobs
            {
                public static async Coroutine Run(string path)
                {
                    var text = {|#0:Read()|};
                    {|#1:Pause()|};
                    await Loop.Yield();

                    string Read() => File.ReadAllText(path);
                    void Pause() { Console.WriteLine(text); Thread.Sleep(100); }
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine Run(string path)
                {
                    var text = await EventLoop.Running.RunInExecutor(() => Read());
                    await EventLoop.Running.RunInExecutor(() => Pause());
                    await Loop.Yield();

                    string Read() => File.ReadAllText(path);
                    void Pause() { Console.WriteLine(text); Thread.Sleep(100); }
                }
            }
            """, ExecutorKey,
            Verify.Diagnostic(DiagnosticDescriptors.BlockingHelperCall).WithLocation(0).WithArguments("Read", "File.ReadAllText"),
            Verify.Diagnostic(DiagnosticDescriptors.BlockingHelperCall).WithLocation(1).WithArguments("Pause", "Thread.Sleep"));

    [Test]
    public Task HelpersThatDoNotBlockOrAreNotCalledFromACoroutine_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public static class Jobs
            {
                public static void Synchronous(string path)
                {
                    Read();
                    string Read() => File.ReadAllText(path);
                }

                public static async Coroutine Run(string path)
                {
                    var length = Measure();
                    await Offload();
                    await Loop.Yield();

                    int Measure() => path.Length + new MemoryStream().ReadByte();
                    Task Offload() => Task.Run(() => Thread.Sleep(10));
                }
            }
            """);
}
