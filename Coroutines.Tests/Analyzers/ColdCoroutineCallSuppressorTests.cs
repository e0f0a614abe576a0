using Coroutines.Analyzers.Suppressors;
using Coroutines.Tests.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Coroutines.Tests.Analyzers;

/// <summary>CORO900: CS4014 is suppressed on unawaited coroutine calls (cold: they do not run at all) and kept on Tasks.</summary>
public sealed class ColdCoroutineCallSuppressorTests
{
    [Test]
    public Task UnawaitedCoroutineCalls_HaveTheirCS4014Suppressed_AndTaskCallsKeepIt() =>
        Verify("""
            internal static class Jobs
            {
                private static async Coroutine Work() => await Loop.Yield();
                private static async Coroutine<int> Compute() { await Loop.Yield(); return 1; }
                private static async Task Hot() => await Task.Yield();

                public static async Coroutine Run()
                {
                    {|#0:Work()|};
                    {|#1:Compute()|};
                    {|#2:Hot()|};
                    await Loop.Yield();
                }

                public static async Task FromTaskCode()
                {
                    {|#3:Work()|};
                    await Task.Yield();
                }
            }
            """,
            DiagnosticResult.CompilerWarning("CS4014").WithLocation(0).WithIsSuppressed(true),
            DiagnosticResult.CompilerWarning("CS4014").WithLocation(1).WithIsSuppressed(true),
            DiagnosticResult.CompilerWarning("CS4014").WithLocation(2).WithIsSuppressed(false),
            DiagnosticResult.CompilerWarning("CS4014").WithLocation(3).WithIsSuppressed(true));

    [Test]
    public void Suppression_HasItsIdAndAJustification()
    {
        var suppression = new ColdCoroutineCallSuppressor().SupportedSuppressions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(suppression.Id, Is.EqualTo("CORO900"));
            Assert.That(suppression.SuppressedDiagnosticId, Is.EqualTo("CS4014"));
            Assert.That(suppression.Justification.ToString(), Does.Contain("cold").And.Contain("CORO010"));
        });
    }

    private static Task Verify(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<ColdCoroutineCallSuppressor, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = new ReferenceAssemblies("none"),
            // CS4014 is a warning: the suppressor test needs the compiler's warnings.
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.TestState.AdditionalReferences.AddRange(TestSupport.References);
        test.TestState.Sources.Add(("/0/GlobalUsings.cs", TestSupport.GlobalUsings));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
