using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.CoroutineOutlivesScopeAnalyzer, Coroutines.CodeFixes.Fixers.CoroutineOutlivesScopeCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class CoroutineOutlivesScopeTests
{
    private const string Key = CoroutineOutlivesScopeCodeFixer.ReturnAwaitKey;

    private const string Connection = """

        public sealed class Connection : IDisposable
        {
            public void Dispose() { }
            public async Coroutine<string> Query(string sql) { await Loop.Yield(); return sql; }
            public async Coroutine Send(string text) => await Loop.Yield();
        }
        """;

    [Test]
    public Task CoroutineReturnedFromUsingOrTryFinally_InAMethodLocalFunctionOrLambda_IsAwaitedInsideTheScope() =>
        Verify.VerifyCodeFixAsync("""
            public static class Jobs
            {
                public static Coroutine<string> Fetch(string sql)
                {
                    using (var connection = new Connection())
                    {
                        return {|#0:connection.Query(sql)|};
                    }
                }

                public static Coroutine Notify(string text, bool loud)
                {
                    using var connection = new Connection();
                    if (loud)
                        return {|#1:connection.Send(text.ToUpperInvariant())|};
                    return {|#2:connection.Send(text)|};
                }

                public static Coroutine Guarded(Connection connection)
                {
                    try
                    {
                        return {|#3:connection.Send("a")|};
                    }
                    finally
                    {
                        connection.Dispose();
                    }
                }

                public static Coroutine ThroughALocal()
                {
                    using var connection = new Connection();
                    var sending = connection.Send("b");
                    return {|#4:sending|};
                }

                public static Func<Coroutine<string>> Later(string sql) => () =>
                {
                    using var connection = new Connection();
                    return {|#5:connection.Query(sql)|};
                };

                public static Coroutine<string> Either(bool first)
                {
                    return Pick();

                    Coroutine<string> Pick()
                    {
                        using var connection = new Connection();
                        return {|#6:first ? connection.Query("1") : connection.Query("2")|};
                    }
                }
            }
            """ + Connection, """
            public static class Jobs
            {
                public static async Coroutine<string> Fetch(string sql)
                {
                    using (var connection = new Connection())
                    {
                        return await connection.Query(sql);
                    }
                }

                public static async Coroutine Notify(string text, bool loud)
                {
                    using var connection = new Connection();
                    if (loud)
                    {
                        await connection.Send(text.ToUpperInvariant());
                        return;
                    }
                    await connection.Send(text);
                }

                public static async Coroutine Guarded(Connection connection)
                {
                    try
                    {
                        await connection.Send("a");
                        return;
                    }
                    finally
                    {
                        connection.Dispose();
                    }
                }

                public static async Coroutine ThroughALocal()
                {
                    using var connection = new Connection();
                    var sending = connection.Send("b");
                    await sending;
                }

                public static Func<Coroutine<string>> Later(string sql) => async () =>
                {
                    using var connection = new Connection();
                    return await connection.Query(sql);
                };

                public static Coroutine<string> Either(bool first)
                {
                    return Pick();

                    async Coroutine<string> Pick()
                    {
                        using var connection = new Connection();
                        return await (first ? connection.Query("1") : connection.Query("2"));
                    }
                }
            }
            """ + Connection, Key,
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(0).WithArguments("Query", "using"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(1).WithArguments("Send", "using"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(2).WithArguments("Send", "using"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(3).WithArguments("Send", "try/finally"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(4).WithArguments("sending", "using"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(5).WithArguments("Query", "using"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(6)
                .WithArguments("first ? connection.Query(\"1\") : connection.Query(\"2\")", "using"));

    [Test]
    public Task CoroutineReturnedFromALockOrStoredBeyondTheScope_IsReportedWithoutAFix()
    {
        const string source = """
            public sealed class Worker
            {
                private readonly object _gate = new();
                private Coroutine? _pending;
                private CoroutineTask? _task;
                private readonly Coroutine[] _queue = new Coroutine[4];

                public Coroutine? Later { get; set; }

                public Coroutine Locked(Connection connection)
                {
                    lock (_gate)
                    {
                        return {|#0:connection.Send("a")|};
                    }
                }

                public async Coroutine Stores()
                {
                    Coroutine outer;
                    using (var connection = new Connection())
                    {
                        _pending = {|#1:connection.Send("b")|};
                        Later = {|#2:connection.Send("c")|};
                        outer = {|#3:connection.Send("d")|};
                        _task = {|#4:Loop.CreateTask(connection.Send("e"))|};
                        _queue[0] = {|#5:connection.Send("f")|};
                    }
                    await outer;
                }
            }
            """ + Connection;
        return Verify.VerifyCodeFixAsync(source, source, Key,
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(0).WithArguments("Send", "lock"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(1).WithArguments("Send", "using"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(2).WithArguments("Send", "using"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(3).WithArguments("Send", "using"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(4).WithArguments("CreateTask", "using"),
            Verify.Diagnostic(DiagnosticDescriptors.CoroutineOutlivesScope).WithLocation(5).WithArguments("Send", "using"));
    }

    [Test]
    public Task CoroutinesAwaitedOrScheduledAndAwaitedInsideTheScope_OrCreatedOutsideIt_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public sealed class Worker
            {
                private CoroutineTask? _task;
                private Coroutine? _pending;

                public async Coroutine<string> Awaited()
                {
                    using var connection = new Connection();
                    return await connection.Query("a");
                }

                public async Coroutine ScheduledAndAwaited()
                {
                    using (var connection = new Connection())
                    {
                        var task = Loop.CreateTask(connection.Send("b"));
                        await task;
                        _task = Loop.CreateTask(connection.Send("c"));
                        await _task;
                        _pending = connection.Send("d");
                        await _pending;
                        Coroutine local;
                        local = connection.Send("e");
                        await local;
                    }
                }

                public async Coroutine StoredThenAwaitedInScope()
                {
                    Coroutine outer;
                    using (var connection = new Connection())
                    {
                        outer = connection.Send("f");
                        await outer;
                    }
                }

                public Coroutine CreatedBeforeTheScope(Connection connection)
                {
                    var sending = connection.Send("g");
                    using (new Connection())
                    {
                        return sending;
                    }
                }

                public Coroutine NoScope(Connection connection) => connection.Send("h");

                public Func<Coroutine> ReturnsALambda()
                {
                    using var connection = new Connection();
                    return () => connection.Send("i");
                }

                public Coroutine CleanupAfterTheReturnedValue(Connection connection)
                {
                    try
                    {
                        connection.Dispose();
                    }
                    finally
                    {
                        Console.WriteLine("closed");
                    }
                    return connection.Send("j");
                }
            }
            """ + Connection);
}
