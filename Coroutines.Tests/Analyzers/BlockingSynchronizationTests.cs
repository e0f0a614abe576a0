using Coroutines.Analyzers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.BlockingSynchronizationAnalyzer, Coroutines.CodeFixes.Fixers.BlockingSynchronizationCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class BlockingSynchronizationTests
{
    private const string SiblingKey = "Coroutines.CORO004.AwaitAsyncSibling";
    private const string ExecutorKey = "Coroutines.CORO004.RunInExecutor";

    [Test]
    public Task SemaphoreSlimWait_BecomesAwaitedWaitAsync() =>
        Verify.VerifyCodeFixAsync("""
            public sealed class Pool
            {
                private readonly SemaphoreSlim _slots = new(2);

                public async Coroutine Use(CancellationToken token)
                {
                    {|#0:_slots.Wait()|};
                    {|#1:_slots.Wait(token)|};
                    _slots.Release(2);
                }
            }
            """, """
            public sealed class Pool
            {
                private readonly SemaphoreSlim _slots = new(2);

                public async Coroutine Use(CancellationToken token)
                {
                    await _slots.WaitAsync();
                    await _slots.WaitAsync(token);
                    _slots.Release(2);
                }
            }
            """, SiblingKey,
            Verify.Diagnostic(DiagnosticDescriptors.BlockingSynchronization).WithLocation(0).WithArguments("SemaphoreSlim.Wait", "await SemaphoreSlim.WaitAsync(...)"),
            Verify.Diagnostic(DiagnosticDescriptors.BlockingSynchronization).WithLocation(1).WithArguments("SemaphoreSlim.Wait", "await SemaphoreSlim.WaitAsync(...)"));

    [Test]
    public Task EventWaitAndThreadJoin_RunInTheExecutor() =>
        Verify.VerifyCodeFixWithStubsAsync("""
            public static class Jobs
            {
                public static async Coroutine Run(ManualResetEventSlim ready, Thread worker)
                {
                    {|#0:ready.Wait()|};
                    {|#1:worker.Join()|};
                    await Loop.Yield();
                }
            }
            """, """
            public static class Jobs
            {
                public static async Coroutine Run(ManualResetEventSlim ready, Thread worker)
                {
                    await EventLoop.Running.RunInExecutor(() => ready.Wait());
                    await EventLoop.Running.RunInExecutor(() => worker.Join());
                    await Loop.Yield();
                }
            }
            """, ExecutorKey,
            Verify.Diagnostic(DiagnosticDescriptors.BlockingSynchronization).WithLocation(0).WithArguments("ManualResetEventSlim.Wait", "AsyncEvent.Wait()"),
            Verify.Diagnostic(DiagnosticDescriptors.BlockingSynchronization).WithLocation(1).WithArguments("Thread.Join", "await loop.RunInExecutor(() => ...)"));

    [Test]
    public Task ZeroTimeoutProbesAndLocksHeldAcrossAwait_AreNotReportedHere() =>
        Verify.VerifyAnalyzerAsync("""
            public sealed class Pool
            {
                private readonly SemaphoreSlim _slots = new(2);
                private readonly object _gate = new();

                public void Synchronous() => _slots.Wait();

                public async Coroutine Run(ManualResetEvent signal, Thread worker)
                {
                    if (_slots.Wait(0))
                        _slots.Release();
                    if (_slots.Wait(TimeSpan.Zero))
                        _slots.Release();
                    signal.WaitOne(0);
                    worker.Join(0);
                    if (Monitor.TryEnter(_gate))
                        Monitor.Exit(_gate);
                    _slots.Wait();
                    await Loop.Yield();
                    _slots.Release();
                    await Task.Run(() => signal.WaitOne());
                }
            }
            """);
}
