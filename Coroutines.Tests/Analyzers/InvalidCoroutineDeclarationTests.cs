using Coroutines.Analyzers;
using Coroutines.CodeFixes.Fixers;
using Verify = Coroutines.Tests.Analyzers.Infrastructure.CoroutineVerifier<
    Coroutines.Analyzers.Rules.InvalidCoroutineDeclarationAnalyzer, Coroutines.CodeFixes.Fixers.InvalidCoroutineDeclarationCodeFixer>;

namespace Coroutines.Tests.Analyzers;

public sealed class InvalidCoroutineDeclarationTests
{
    private const string Key = InvalidCoroutineDeclarationCodeFixer.FixDeclarationKey;

    [Test]
    public Task DeclarationWithEveryProblem_IsCorrectedByOneFix()
    {
        // dotnet format applies one fix per diagnostic ID and run: that fix must leave nothing behind.
        const string source = """
            public class Outer
            {
                public static class Jobs
                {
                    [Coroutine]
                    public static Task {|#0:Run|}()
                    {
                        Console.WriteLine("run");
                    }
                }
            }
            """;
        const string fixedSource = """
            public partial class Outer
            {
                public static partial class Jobs
                {
                    [Coroutine]
                    public static async Coroutine Run()
                    {
                        Console.WriteLine("run");
                    }
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, fixedSource, Key, test =>
            {
                // One application of the fix leaves no CORO052 behind: three diagnostics, one iteration.
                test.NumberOfIncrementalIterations = 1;
                test.NumberOfFixAllIterations = 1;
                // The source does not compile (Run returns no Task); the fixed source does.
                test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
            },
            Verify.Diagnostic(DiagnosticDescriptors.InvalidCoroutineDeclaration).WithLocation(0).WithArguments("Run", "must return 'Coroutine' or 'Coroutine<T>', not 'Task'"),
            Verify.Diagnostic(DiagnosticDescriptors.InvalidCoroutineDeclaration).WithLocation(0).WithArguments("Run", "must be async"),
            Verify.Diagnostic(DiagnosticDescriptors.InvalidCoroutineDeclaration).WithLocation(0).WithArguments("Run", "must be declared in partial types; make 'Jobs' partial"));
    }

    [Test]
    public Task WrongReturnTypes_BecomeCoroutine() =>
        Verify.VerifyCodeFixAsync("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Task {|#0:Run|}() => await Task.Yield();

                [Coroutine]
                public static async Task<int> {|#1:Compute|}()
                {
                    await Task.Yield();
                    return 1;
                }
            }
            """, """
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine Run() => await Task.Yield();

                [Coroutine]
                public static async Coroutine<int> Compute()
                {
                    await Task.Yield();
                    return 1;
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.InvalidCoroutineDeclaration).WithLocation(0).WithArguments("Run", "must return 'Coroutine' or 'Coroutine<T>', not 'Task'"),
            Verify.Diagnostic(DiagnosticDescriptors.InvalidCoroutineDeclaration).WithLocation(1).WithArguments("Compute", "must return 'Coroutine' or 'Coroutine<T>', not 'Task<int>'"));

    [Test]
    public Task NonAsyncCoroutine_BecomesAsync() =>
        Verify.VerifyCodeFixAsync("""
            public static partial class Jobs
            {
                [Coroutine]
                public static Coroutine {|#0:Fail|}()
                {
                    throw new InvalidOperationException("not yet");
                }
            }
            """, """
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine Fail()
                {
                    throw new InvalidOperationException("not yet");
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.InvalidCoroutineDeclaration).WithLocation(0).WithArguments("Fail", "must be async"));

    [Test]
    public Task CoroutinesInNonPartialTypes_MakeEveryContainingTypePartial() =>
        Verify.VerifyCodeFixAsync("""
            public class Outer
            {
                public static class Jobs
                {
                    [Coroutine]
                    public static async Coroutine {|#0:Run|}() => await Loop.Yield();

                    [Coroutine]
                    public static async Coroutine {|#1:Again|}() => await Loop.Yield();
                }
            }
            """, """
            public partial class Outer
            {
                public static partial class Jobs
                {
                    [Coroutine]
                    public static async Coroutine Run() => await Loop.Yield();

                    [Coroutine]
                    public static async Coroutine Again() => await Loop.Yield();
                }
            }
            """, Key,
            Verify.Diagnostic(DiagnosticDescriptors.InvalidCoroutineDeclaration).WithLocation(0).WithArguments("Run", "must be declared in partial types; make 'Jobs' partial"),
            Verify.Diagnostic(DiagnosticDescriptors.InvalidCoroutineDeclaration).WithLocation(1).WithArguments("Again", "must be declared in partial types; make 'Jobs' partial"));

    [Test]
    public Task NonAsyncCoroutineReturningAValue_IsReportedWithoutAFix()
    {
        const string source = """
            public static partial class Jobs
            {
                private static async Coroutine Inner() => await Loop.Yield();

                [Coroutine]
                public static Coroutine {|#0:Forward|}() => Inner();
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source, Key,
            Verify.Diagnostic(DiagnosticDescriptors.InvalidCoroutineDeclaration).WithLocation(0).WithArguments("Forward", "must be async"));
    }

    [Test]
    public Task ValidDeclarationsAndUnattributedMethods_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine Run() => await Loop.Yield();

                [Coroutine]
                public static async Coroutine<string> Name() { await Loop.Yield(); return "x"; }
            }

            public static class Plain
            {
                public static async Coroutine Run() => await Loop.Yield();
                public static async Task Other() => await Task.Yield();
            }
            """);
}
