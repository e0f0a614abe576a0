using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.LoopWithoutAwaitAnalyzer, Coroutines.CodeFixes.Fixers.LoopWithoutAwaitCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class LoopWithoutAwaitTests
{
    private const string Key = LoopWithoutAwaitCodeFixer.InsertYieldKey;

    [Test]
    public Task EndlessLoopsWithoutAwait_GetALoopYield() =>
        Verify.VerifyCodeFixAsync("""
            public static class Pollers
            {
                public static async Coroutine Run(Queue<int> queue)
                {
                    {|#0:while|} (true)
                    {
                        if (queue.Count > 3)
                            break;
                    }
                    {|#1:for|} (;;)
                    {
                        if (!queue.TryDequeue(out var item))
                            continue;
                        Console.WriteLine(item);
                    }
                }

                public static async Coroutine Spin(Queue<int> queue)
                {
                    {|#2:do|}
                        queue.Clear();
                    while (true);
                }
            }
            """, """
            public static class Pollers
            {
                public static async Coroutine Run(Queue<int> queue)
                {
                    while (true)
                    {
                        if (queue.Count > 3)
                            break;
                        await Loop.Yield();
                    }
                    for (;;)
                    {
                        await Loop.Yield();
                        if (!queue.TryDequeue(out var item))
                            continue;
                        Console.WriteLine(item);
                    }
                }

                public static async Coroutine Spin(Queue<int> queue)
                {
                    do
                    {
                        queue.Clear();
                        await Loop.Yield();
                    }
                    while (true);
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.LoopWithoutAwait).WithLocation(0),
            Verify.Diagnostic(DiagnosticDescriptors.LoopWithoutAwait).WithLocation(1),
            Verify.Diagnostic(DiagnosticDescriptors.LoopWithoutAwait).WithLocation(2));

    [Test]
    public Task AwaitOnlyInANestedLambda_DoesNotCount() =>
        Verify.VerifyCodeFixAsync("""
            public static class Pollers
            {
                public static async Coroutine Run()
                {
                    {|#0:while|} (true)
                    {
                        Func<Coroutine> later = async () => await Loop.Yield();
                    }
                }
            }
            """, """
            public static class Pollers
            {
                public static async Coroutine Run()
                {
                    while (true)
                    {
                        Func<Coroutine> later = async () => await Loop.Yield();
                        await Loop.Yield();
                    }
                }
            }
            """, Key, Verify.Diagnostic(DiagnosticDescriptors.LoopWithoutAwait).WithLocation(0));

    [Test]
    public Task LoopsThatAwaitOrEndOrRunOffTheLoop_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public static class Pollers
            {
                public static void Synchronous()
                {
                    while (true) { }
                }

                public static async Coroutine Run(List<int> items)
                {
                    while (true)
                        await Loop.Yield();
                    for (var i = 0; i < items.Count; i++)
                        items[i]++;
                    foreach (var item in items)
                        Console.WriteLine(item);
                    await Task.Run(() => { while (true) { } });
                }
            }
            """);
}
