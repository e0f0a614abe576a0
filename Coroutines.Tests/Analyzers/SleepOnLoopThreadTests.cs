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

    [Test]
    public Task SleepsInAsyncLambdaAndLocalFunctionReturningCoroutine_AreFixedTogether() =>
        Verify.VerifyCodeFixAsync("""
            public static class Jobs
            {
                public static async Coroutine Run(TimeSpan delay, int milliseconds)
                {
                    Func<Coroutine> lambda = async () =>
                    {
                        {|#0:Thread.Sleep(delay)|};
                        await Loop.Yield();
                    };
                    await lambda();
                    await Local();

                    async Coroutine Local()
                    {
                        {|#1:Thread.Sleep(milliseconds)|};
                        {|#2:Thread.Sleep(0)|};
                        {|#3:Task.Delay(1500).Wait()|};
                    }
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine Run(TimeSpan delay, int milliseconds)
                {
                    Func<Coroutine> lambda = async () =>
                    {
                        await Loop.Sleep(delay);
                        await Loop.Yield();
                    };
                    await lambda();
                    await Local();

                    async Coroutine Local()
                    {
                        await Loop.Sleep(TimeSpan.FromMilliseconds(milliseconds));
                        await Loop.Yield();
                        await Loop.Sleep(TimeSpan.FromMilliseconds(1500));
                    }
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.SleepOnLoopThread).WithLocation(0).WithArguments("Thread.Sleep", "Loop.Sleep(...)"),
            Verify.Diagnostic(DiagnosticDescriptors.SleepOnLoopThread).WithLocation(1).WithArguments("Thread.Sleep", "Loop.Sleep(...)"),
            Verify.Diagnostic(DiagnosticDescriptors.SleepOnLoopThread).WithLocation(2).WithArguments("Thread.Sleep", "Loop.Yield()"),
            Verify.Diagnostic(DiagnosticDescriptors.SleepOnLoopThread).WithLocation(3).WithArguments("Task.Wait", "Loop.Sleep(...)"));

    [Test]
    public Task YieldAndSpinWait_BecomeLoopYield() =>
        Verify.VerifyCodeFixAsync("""
            public static class Jobs
            {
                public static async Coroutine Spin()
                {
                    {|#0:Thread.Yield()|};
                    {|#1:Thread.SpinWait(100)|};
                    await Loop.Yield();
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine Spin()
                {
                    await Loop.Yield();
                    await Loop.Yield();
                    await Loop.Yield();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.SleepOnLoopThread).WithLocation(0).WithArguments("Thread.Yield", "Loop.Yield()"),
            Verify.Diagnostic(DiagnosticDescriptors.SleepOnLoopThread).WithLocation(1).WithArguments("Thread.SpinWait", "Loop.Yield()"));

    [Test]
    public Task SpinUntil_IsReportedWithoutAFix()
    {
        const string source = """
            public static class Jobs
            {
                public static async Coroutine WaitForFlag(Func<bool> flag)
                {
                    {|#0:SpinWait.SpinUntil(flag)|};
                    await Loop.Yield();
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source, Key,
            Verify.Diagnostic(DiagnosticDescriptors.SleepOnLoopThread).WithLocation(0).WithArguments("SpinWait.SpinUntil", "AsyncEvent.Wait()"));
    }

    [Test]
    public Task SleepOffTheLoopOrOutsideACoroutine_IsNotReported() =>
        Verify.VerifyAnalyzerWithStubsAsync("""
            using System.Linq.Expressions;

            public static class Jobs
            {
                public static void Synchronous() => Thread.Sleep(10);

                public static async Task TaskMethod()
                {
                    Thread.Sleep(10);
                    await Task.Yield();
                }

                public static async Coroutine Coroutine()
                {
                    await EventLoop.Running.RunInExecutor(() => { Thread.Sleep(10); return 1; });
                    await Task.Run(() => Thread.Sleep(10));
                    new Thread(() => Thread.Sleep(10)).Start();
                    Func<Task> offLoop = async () => { Thread.Sleep(10); await Task.Yield(); };
                    Expression<Action> tree = () => Thread.Sleep(10);
                    var name = nameof(Thread.Sleep);
                    Helper();
                    await Loop.Yield();

                    void Helper() => Thread.Sleep(10);
                }
            }
            """);
}
