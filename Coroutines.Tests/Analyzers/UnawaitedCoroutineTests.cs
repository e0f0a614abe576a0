using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.UnawaitedCoroutineAnalyzer, Coroutines.CodeFixes.Fixers.UnawaitedCoroutineCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class UnawaitedCoroutineTests
{
    private const string Key = UnawaitedCoroutineCodeFixer.AddAwaitKey;

    [Test]
    public Task DroppedAndDiscardedCoroutines_AreAwaited() =>
        Verify.VerifyCodeFixAsync("""
            public static class Jobs
            {
                public static async Coroutine<int> Compute() { await Loop.Yield(); return 1; }

                public static async Coroutine Run()
                {
                    {|#0:Compute()|};
                    _ = {|#1:Compute()|};
                    Func<Coroutine> later = async () => { {|#2:Compute()|}; await Loop.Yield(); };
                    await later();
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine<int> Compute() { await Loop.Yield(); return 1; }

                public static async Coroutine Run()
                {
                    await Compute();
                    await Compute();
                    Func<Coroutine> later = async () => { await Compute(); await Loop.Yield(); };
                    await later();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.UnawaitedCoroutine).WithLocation(0).WithArguments("Compute"),
            Verify.Diagnostic(DiagnosticDescriptors.UnawaitedCoroutine).WithLocation(1).WithArguments("Compute"),
            Verify.Diagnostic(DiagnosticDescriptors.UnawaitedCoroutine).WithLocation(2).WithArguments("Compute"));

    [Test]
    public Task UnusedLocalsAndCallsInSyncMethods_AreReportedWithoutAFix()
    {
        const string source = """
            public static class Jobs
            {
                public static async Coroutine Work() => await Loop.Yield();

                public static void Synchronous()
                {
                    {|#0:Work()|};
                }

                public static async Coroutine Run()
                {
                    var forgotten = {|#1:Work()|};
                    await Loop.Yield();
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source, Key,
            Verify.Diagnostic(DiagnosticDescriptors.UnawaitedCoroutine).WithLocation(0).WithArguments("Work"),
            Verify.Diagnostic(DiagnosticDescriptors.UnawaitedCoroutine).WithLocation(1).WithArguments("Work"));
    }

    [Test]
    public Task AwaitedScheduledReturnedAndStoredCoroutines_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public static class Jobs
            {
                public static async Coroutine Work() => await Loop.Yield();

                public static Coroutine Forward() => Work();

                public static void Main()
                {
                    using var loop = EventLoop.New();
                    loop.RunUntilComplete(Work());
                }

                public static async Coroutine Run()
                {
                    await Work();
                    var task = Loop.CreateTask(Work());
                    var pending = Work();
                    await pending;
                    Func<Coroutine> factory = () => Work();
                    await task;
                }
            }
            """);
}
