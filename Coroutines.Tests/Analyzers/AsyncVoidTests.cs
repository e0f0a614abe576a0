using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.AsyncVoidAnalyzer, Coroutines.CodeFixes.Fixers.AsyncVoidCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class AsyncVoidTests
{
    private const string Key = AsyncVoidCodeFixer.ReturnCoroutineKey;

    [Test]
    public Task AsyncVoidMethodsAndLocalFunctions_ReturnCoroutine() =>
        Verify.VerifyCodeFixAsync("""
            public sealed class Worker
            {
                public async void {|#0:Start|}()
                {
                    await Loop.Yield();
                    Helper();

                    async void {|#1:Helper|}() => await Loop.Yield();
                }
            }
            """, """
            public sealed class Worker
            {
                public async Coroutine Start()
                {
                    await Loop.Yield();
                    Helper();

                    async Coroutine Helper() => await Loop.Yield();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.AsyncVoid).WithLocation(0).WithArguments("Start"),
            Verify.Diagnostic(DiagnosticDescriptors.AsyncVoid).WithLocation(1).WithArguments("Helper"));

    [Test]
    public Task AsyncVoidLambdasAndEventHandlers_AreReportedWithoutAFix()
    {
        const string source = """
            public sealed class Window
            {
                public event EventHandler? Clicked;

                public Window()
                {
                    Clicked += OnClicked;
                    Action callback = {|#0:async|} () => await Loop.Yield();
                }

                private async void {|#1:OnClicked|}(object? sender, EventArgs e) => await Loop.Yield();
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source, Key,
            Verify.Diagnostic(DiagnosticDescriptors.AsyncVoid).WithLocation(0).WithArguments("async lambda"),
            Verify.Diagnostic(DiagnosticDescriptors.AsyncVoid).WithLocation(1).WithArguments("OnClicked"));
    }

    [Test]
    public Task AsyncTaskCoroutineAndSyncVoid_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public static class Jobs
            {
                public static async Task TaskMethod() => await Task.Yield();
                public static async Coroutine CoroutineMethod() => await Loop.Yield();
                public static void Synchronous() { }
                public static Func<Coroutine> Factory() => async () => await Loop.Yield();
            }
            """);
}
