using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.ThreadLockInCoroutineAnalyzer, Coroutines.CodeFixes.Fixers.ThreadLockInCoroutineCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class ThreadLockInCoroutineTests
{
    private const string Key = ThreadLockInCoroutineCodeFixer.UseAsyncLockKey;
    private const string LockMessage = "gives no mutual exclusion between coroutines, which all run on the loop thread";

    [Test]
    public Task LocksOnAPrivateField_BecomeAsyncLock() =>
        Verify.VerifyCodeFixWithStubsAsync("""
            public sealed class Counter
            {
                private readonly object _gate = new object();
                private int _value;

                public async Coroutine Increment()
                {
                    await Loop.Yield();
                    {|#0:lock|} (_gate)
                    {
                        _value++;
                    }
                }

                public async Coroutine Reset()
                {
                    {|#1:lock|} (_gate)
                        _value = 0;
                    await Loop.Yield();
                }
            }
            """, """
            public sealed class Counter
            {
                private readonly AsyncLock _gate = new AsyncLock();
                private int _value;

                public async Coroutine Increment()
                {
                    await Loop.Yield();
                    using (await _gate.Acquire())
                    {
                        _value++;
                    }
                }

                public async Coroutine Reset()
                {
                    using (await _gate.Acquire())
                        _value = 0;
                    await Loop.Yield();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(0).WithArguments("lock", LockMessage),
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(1).WithArguments("lock", LockMessage));

    [Test]
    public Task LockFieldAlsoUsedSynchronouslyOrPublic_IsReportedWithoutAFix()
    {
        const string source = """
            public sealed class Counter
            {
                private readonly object _gate = new();
                public readonly object Shared = new();

                public void Synchronous()
                {
                    lock (_gate) { }
                }

                public async Coroutine Run()
                {
                    {|#0:lock|} (_gate) { }
                    {|#1:lock|} (Shared) { }
                    await Loop.Yield();
                }
            }
            """;
        return Verify.VerifyCodeFixWithStubsAsync(source, source, Key,
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(0).WithArguments("lock", LockMessage),
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(1).WithArguments("lock", LockMessage));
    }

    [Test]
    public Task AgainstTheRealRuntime_TheLockFieldBecomesAnAsyncLock()
    {
        const string source = """
            public sealed class Counter
            {
                private readonly object _gate = new();

                public async Coroutine Run()
                {
                    {|#0:lock|} (_gate) { }
                    await Loop.Yield();
                }
            }
            """;
        const string fixedSource = """
            public sealed class Counter
            {
                private readonly AsyncLock _gate = new AsyncLock();

                public async Coroutine Run()
                {
                    using (await _gate.Acquire()) { }
                    await Loop.Yield();
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, fixedSource, Key,
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(0).WithArguments("lock", LockMessage));
    }

    [Test]
    public Task AcquiresHeldAcrossAnAwait_AreReported()
    {
        const string source = """
            public sealed class Resource
            {
                private readonly object _gate = new();
                private readonly SemaphoreSlim _slots = new(1);

                public async Coroutine Monitored()
                {
                    {|#0:Monitor.Enter(_gate)|};
                    try
                    {
                        await Loop.Yield();
                    }
                    finally
                    {
                        Monitor.Exit(_gate);
                    }
                }

                public async Coroutine Semaphore()
                {
                    {|#1:_slots.Wait()|};
                    await Loop.Sleep(1.0);
                    _slots.Release();
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source, Key,
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(0).WithArguments("Monitor.Enter", "is held across 'await'"),
            Verify.Diagnostic(DiagnosticDescriptors.ThreadLockInCoroutine).WithLocation(1).WithArguments("SemaphoreSlim.Wait", "is held across 'await'"));
    }

    [Test]
    public Task LocksOutsideCoroutinesAndReleasedBeforeAwait_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public sealed class Resource
            {
                private readonly object _gate = new();

                public void Synchronous()
                {
                    lock (_gate) { }
                }

                public async Task TaskMethod()
                {
                    lock (_gate) { }
                    await Task.Yield();
                }

                public async Coroutine Run()
                {
                    Monitor.Enter(_gate);
                    Monitor.Exit(_gate);
                    await Loop.Yield();
                    Action callback = () => { lock (_gate) { } };
                    await Task.Run(() => { lock (_gate) { } });
                }
            }
            """);
}
