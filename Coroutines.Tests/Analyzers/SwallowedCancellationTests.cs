using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.SwallowedCancellationAnalyzer, Coroutines.CodeFixes.Fixers.SwallowedCancellationCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class SwallowedCancellationTests
{
    private const string Key = SwallowedCancellationCodeFixer.RethrowKey;

    [Test]
    public Task BroadHandlersAroundAnAwait_GetACancellationRethrowClause() =>
        Verify.VerifyCodeFixAsync("""
            public static class Jobs
            {
                public static async Coroutine Run()
                {
                    try
                    {
                        await Loop.Sleep(1.0);
                    }
                    {|#0:catch|} (Exception error)
                    {
                        Console.WriteLine(error);
                    }
                    try
                    {
                        await Loop.Yield();
                    }
                    {|#1:catch|}
                    {
                    }
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine Run()
                {
                    try
                    {
                        await Loop.Sleep(1.0);
                    }
                    catch (OperationCanceledException)
                    {
                        throw;
                    }
                    catch (Exception error)
                    {
                        Console.WriteLine(error);
                    }
                    try
                    {
                        await Loop.Yield();
                    }
                    catch (OperationCanceledException)
                    {
                        throw;
                    }
                    catch
                    {
                    }
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.SwallowedCancellation).WithLocation(0).WithArguments("Exception"),
            Verify.Diagnostic(DiagnosticDescriptors.SwallowedCancellation).WithLocation(1).WithArguments("Exception"));

    [Test]
    public Task CancellationHandlersThatSwallow_EndWithThrow() =>
        Verify.VerifyCodeFixAsync("""
            public static class Jobs
            {
                public static async Coroutine Run()
                {
                    try
                    {
                        await Loop.Yield();
                    }
                    {|#0:catch|} (CancelledError)
                    {
                        Console.WriteLine("cancelled");
                    }
                    try
                    {
                        await Loop.Yield();
                    }
                    {|#1:catch|} (OperationCanceledException)
                    {
                    }
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine Run()
                {
                    try
                    {
                        await Loop.Yield();
                    }
                    catch (CancelledError)
                    {
                        Console.WriteLine("cancelled");
                        throw;
                    }
                    try
                    {
                        await Loop.Yield();
                    }
                    catch (OperationCanceledException)
                    {
                        throw;
                    }
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.SwallowedCancellation).WithLocation(0).WithArguments("CancelledError"),
            Verify.Diagnostic(DiagnosticDescriptors.SwallowedCancellation).WithLocation(1).WithArguments("OperationCanceledException"));

    [Test]
    public Task FilteredRethrowingNarrowAndAwaitFreeHandlers_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public static class Jobs
            {
                public static async Task TaskMethod()
                {
                    try { await Task.Yield(); } catch (Exception) { }
                }

                public static async Coroutine Run()
                {
                    try { await Loop.Yield(); } catch (Exception error) when (error is not OperationCanceledException) { }
                    try { await Loop.Yield(); } catch (Exception) { Console.WriteLine("failed"); throw; }
                    try { await Loop.Yield(); } catch (InvalidOperationException) { }
                    try { await Loop.Yield(); } catch (TaskCanceledException) { }
                    try { await Loop.Yield(); } catch (OperationCanceledException) { throw; } catch (Exception) { }
                    try { Console.WriteLine(); } catch (Exception) { }
                }
            }
            """);
}
