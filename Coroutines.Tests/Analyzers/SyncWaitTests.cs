using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.SyncWaitAnalyzer, Coroutines.CodeFixes.Fixers.SyncWaitCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class SyncWaitTests
{
    private const string Key = SyncWaitCodeFixer.AwaitKey;

    [Test]
    public Task WaitResultAndGetResult_BecomeAwait() =>
        Verify.VerifyCodeFixAsync("""
            public static class Jobs
            {
                public static async Coroutine Run(Task task, Task<string> text, ValueTask<int> number, Task<string> other)
                {
                    {|#0:task.Wait()|};
                    var length = {|#1:text.Result|}.Length;
                    var doubled = {|#2:number.GetAwaiter().GetResult()|} * 2;
                    Console.WriteLine({|#3:other.Result|});
                    await Loop.Yield();
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine Run(Task task, Task<string> text, ValueTask<int> number, Task<string> other)
                {
                    await task;
                    var length = (await text).Length;
                    var doubled = await number * 2;
                    Console.WriteLine(await other);
                    await Loop.Yield();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(0).WithArguments("Task.Wait", "await"),
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(1).WithArguments("Task.Result", "await"),
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(2).WithArguments("ValueTaskAwaiter.GetResult", "await"),
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(3).WithArguments("Task.Result", "await"));

    [Test]
    public Task WaitAllAndRunUntilComplete_BecomeWhenAllAndAwait() =>
        Verify.VerifyCodeFixAsync("""
            public static class Jobs
            {
                public static async Coroutine Child() => await Loop.Yield();

                public static async Coroutine Run(Task first, Task second)
                {
                    {|#0:Task.WaitAll(first, second)|};
                    {|#1:EventLoop.Running.RunUntilComplete(Child())|};
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine Child() => await Loop.Yield();

                public static async Coroutine Run(Task first, Task second)
                {
                    await Task.WhenAll(first, second);
                    await Child();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(0).WithArguments("Task.WaitAll", "await"),
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(1).WithArguments("EventLoop.RunUntilComplete", "await"));

    [Test]
    public Task WaitWhoseResultIsUsedAndWaitAny_AreReportedWithoutAFix()
    {
        const string source = """
            public static class Jobs
            {
                public static async Coroutine Run(Task first, Task second)
                {
                    if ({|#0:first.Wait(100)|})
                        Console.WriteLine("done");
                    var index = {|#1:Task.WaitAny(first, second)|};
                    await Loop.Yield();
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source, Key,
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(0).WithArguments("Task.Wait", "await"),
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(1).WithArguments("Task.WaitAny", "await"));
    }

    [Test]
    public Task CompletedTaskIdiomsProbesAndOffLoopCode_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Linq.Expressions;

            public static class Jobs
            {
                public static string Synchronous(Task<string> text) => text.Result;

                public static async Coroutine Run(Task<string> text, Task<int> number, List<Task<int>> all, Task probe)
                {
                    await text;
                    Console.WriteLine(text.Result);
                    await Task.WhenAll(all);
                    foreach (var each in all)
                        Console.WriteLine(each.Result);
                    if (number.IsCompleted)
                        Console.WriteLine(number.Result);
                    var name = nameof(text.Result);
                    probe.Wait(0);
                    probe.Wait(TimeSpan.Zero);
                    _ = number.ContinueWith(t => t.Result + 1);
                    await Task.Run(() => number.Result);
                    Expression<Func<int>> tree = () => number.Result;
                    Func<Task> offLoop = async () => { probe.Wait(); await Task.Yield(); };
                }
            }
            """);

    [Test]
    public Task AlreadyAwaitedTask_ReassignedOrPassedByRefAfterTheAwait_IsReportedAgain() =>
        Verify.VerifyAnalyzerAsync("""
            public static class Jobs
            {
                private static void Replace(ref Task<string> task) => task = Task.FromResult("other");
                private static void Make(out Task<string> task) => task = Task.FromResult("made");

                public static async Coroutine Run(Task<string> first, Task<string> second, Task<string> third, Task<string> fourth, Task<int> fifth, bool more)
                {
                    await first;
                    first = Task.Run(() => "later");
                    Console.WriteLine({|#0:first.Result|});

                    await second;
                    Replace(ref second);
                    Console.WriteLine({|#1:second.Result|});

                    await third;
                    Make(out third);
                    Console.WriteLine({|#2:third.Result|});

                    await fourth;
                    fourth ??= Task.FromResult("never");
                    (fourth, var unused) = (Task.Run(() => "tuple"), 1);
                    Console.WriteLine({|#3:fourth.Result|});

                    await fifth;
                    while (more)
                    {
                        Console.WriteLine({|#4:fifth.Result|});
                        fifth = Task.Run(() => 5);
                    }
                }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(0).WithArguments("Task.Result", "await"),
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(1).WithArguments("Task.Result", "await"),
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(2).WithArguments("Task.Result", "await"),
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(3).WithArguments("Task.Result", "await"),
            Verify.Diagnostic(DiagnosticDescriptors.SyncWait).WithLocation(4).WithArguments("Task.Result", "await"));

    [Test]
    public Task AlreadyAwaitedTask_RebindingBeforeTheAwaitOrAwaitedAgainEachIteration_StaysExempt() =>
        Verify.VerifyAnalyzerAsync("""
            public static class Jobs
            {
                public static async Coroutine Run(Task<string> first, Task<int> second, bool more)
                {
                    first = Task.Run(() => "before");
                    await first;
                    Console.WriteLine(first.Result);
                    Console.WriteLine(first.Result.Length);

                    while (more)
                    {
                        await second;
                        Console.WriteLine(second.Result);
                        second = Task.Run(() => 2);
                    }
                }
            }
            """);
}
