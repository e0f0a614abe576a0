using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.DroppedTaskReferenceAnalyzer, Coroutines.CodeFixes.Fixers.DroppedTaskReferenceCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class DroppedTaskReferenceTests
{
    private const string Key = DroppedTaskReferenceCodeFixer.TrackTaskKey;

    [Test]
    public Task DroppedTasksInAStaticMethod_AreKeptInOneStaticSet() =>
        Verify.VerifyCodeFixAsync("""
            public static class Jobs
            {
                public static async Coroutine Work() => await Loop.Yield();

                public static async Coroutine Run()
                {
                    {|#0:Loop.CreateTask(Work())|};
                    _ = {|#1:Loop.EnsureFuture(Work())|};
                    await Loop.Yield();
                }
            }
            """, """
            public static class Jobs
            {
                // Scheduled tasks stay referenced until they complete (CORO011).
                private static readonly HashSet<Future> BackgroundTasks = new();

                public static async Coroutine Work() => await Loop.Yield();

                public static async Coroutine Run()
                {
                    var task = Loop.CreateTask(Work());
                    BackgroundTasks.Add(task);
                    task.AddDoneCallback(done => BackgroundTasks.Remove(done));
                    var task2 = Loop.EnsureFuture(Work());
                    BackgroundTasks.Add(task2);
                    task2.AddDoneCallback(done => BackgroundTasks.Remove(done));
                    await Loop.Yield();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.DroppedTaskReference).WithLocation(0).WithArguments("Loop.CreateTask"),
            Verify.Diagnostic(DiagnosticDescriptors.DroppedTaskReference).WithLocation(1).WithArguments("Loop.EnsureFuture"));

    [Test]
    public Task DroppedTaskInAnInstanceMethod_IsKeptInAnInstanceSet() =>
        Verify.VerifyCodeFixAsync("""
            public sealed class Server
            {
                private readonly EventLoop _loop = EventLoop.New();

                private async Coroutine Handle() => await Loop.Yield();

                public void Accept()
                {
                    {|#0:_loop.CreateTask(Handle())|};
                }
            }
            """, """
            public sealed class Server
            {
                // Scheduled tasks stay referenced until they complete (CORO011).
                private readonly HashSet<Future> _backgroundTasks = new();

                private readonly EventLoop _loop = EventLoop.New();

                private async Coroutine Handle() => await Loop.Yield();

                public void Accept()
                {
                    var task = _loop.CreateTask(Handle());
                    _backgroundTasks.Add(task);
                    task.AddDoneCallback(done => _backgroundTasks.Remove(done));
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.DroppedTaskReference).WithLocation(0).WithArguments("EventLoop.CreateTask"));

    [Test]
    public Task StoredOrAwaitedTasks_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public static class Jobs
            {
                private static readonly List<CoroutineTask> Running = new();

                public static async Coroutine Work() => await Loop.Yield();

                public static async Coroutine Run()
                {
                    var task = Loop.CreateTask(Work());
                    Running.Add(Loop.CreateTask(Work()));
                    await Loop.CreateTask(Work());
                    await task;
                }
            }
            """);
}
