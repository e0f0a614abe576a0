using Coroutines.Analyzers;
using Coroutines.Analyzers.Rules;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.SleepOnLoopThreadAnalyzer, Coroutines.CodeFixes.Fixers.SleepOnLoopThreadCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class SleepOnLoopThreadTests
{
    private const string Key = SleepOnLoopThreadCodeFixer.LoopSleepKey;

    [Test]
    public Task TutorialTasksExample_ThreadSleepInCoroutine_IsFixedToTheSamplesLoopSleep() =>
        Verify.VerifyCodeFixAsync("""
            public static partial class TasksExample
            {
                [Coroutine]
                private static async Coroutine TaskEx(int n)
                {
                    {|#0:Thread.Sleep(2000)|};
                    Console.WriteLine($"Loop event is processing coroutine no: {n}");
                    await Loop.Yield();
                }
            }
            """, """
            public static partial class TasksExample
            {
                [Coroutine]
                private static async Coroutine TaskEx(int n)
                {
                    await Loop.Sleep(TimeSpan.FromSeconds(2));
                    Console.WriteLine($"Loop event is processing coroutine no: {n}");
                    await Loop.Yield();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.SleepOnLoopThread).WithLocation(0).WithArguments("Thread.Sleep", "Loop.Sleep(...)"));
}
