using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Coroutines.Tests.Analyzers.Infrastructure;

/// <summary>
/// The Roslyn SDK verifier for one analyzer and its fixer, set up to compile offline: .NET 10 reference assemblies from
/// Basic.Reference.Assemblies (never the testing library's NuGet download) plus Coroutines.Runtime, and a shared file of
/// global usings so test sources stay short. <see cref="TestSupport.Stubs"/> can be added for runtime APIs that other
/// branches are adding (the executor, AsyncLock).
/// </summary>
public static class CoroutineVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>An expected diagnostic of <paramref name="descriptor"/>, to locate with markup and give message arguments.</summary>
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>Asserts that <paramref name="source"/> produces exactly <paramref name="expected"/> (markup spans included).</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        Create(source, null, null, false, expected).RunAsync();

    /// <summary>Like <see cref="VerifyAnalyzerAsync"/>, with the test stubs compiled in.</summary>
    public static Task VerifyAnalyzerWithStubsAsync(string source, params DiagnosticResult[] expected) =>
        Create(source, null, null, true, expected).RunAsync();

    /// <summary>
    /// Asserts the diagnostics of <paramref name="source"/>, that applying the fix <paramref name="equivalenceKey"/> one at a
    /// time and with Fix All both give <paramref name="fixedSource"/>. Pass the source as the fixed source to assert
    /// "diagnostic but no fix".
    /// </summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, string? equivalenceKey, params DiagnosticResult[] expected) =>
        Create(source, fixedSource, equivalenceKey, false, expected).RunAsync();

    /// <summary>
    /// Like <see cref="VerifyCodeFixAsync(string, string, string?, DiagnosticResult[])"/>, with <paramref name="configure"/>
    /// adjusting the test first (iteration counts, compiler diagnostics, source generators).
    /// </summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, string? equivalenceKey, Action<Test> configure,
        params DiagnosticResult[] expected)
    {
        var test = Create(source, fixedSource, equivalenceKey, false, expected);
        configure(test);
        return test.RunAsync();
    }

    /// <summary>Like <see cref="VerifyCodeFixAsync(string, string, string?, DiagnosticResult[])"/>, with the test stubs compiled in.</summary>
    public static Task VerifyCodeFixWithStubsAsync(string source, string fixedSource, string? equivalenceKey, params DiagnosticResult[] expected) =>
        Create(source, fixedSource, equivalenceKey, true, expected).RunAsync();

    private static Test Create(string source, string? fixedSource, string? equivalenceKey, bool stubs, DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, CodeActionEquivalenceKey = equivalenceKey };
        test.TestState.Sources.Add(("/0/GlobalUsings.cs", TestSupport.GlobalUsings));
        if (stubs)
            test.TestState.Sources.Add(("/0/Stubs.cs", TestSupport.Stubs));
        if (fixedSource is not null)
        {
            test.FixedCode = fixedSource;
            test.FixedState.Sources.Add(("/0/GlobalUsings.cs", TestSupport.GlobalUsings));
            if (stubs)
                test.FixedState.Sources.Add(("/0/Stubs.cs", TestSupport.Stubs));
        }
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    /// <summary>The verifier test, offline, with optional source generators.</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        /// <summary>Creates a test that compiles against <see cref="TestSupport.References"/>.</summary>
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies("none");
            TestState.AdditionalReferences.AddRange(TestSupport.References);
        }

        /// <summary>
        /// Source generators run on the test and fixed sources (as in a user's project, where Coroutines.Generator adds a
        /// part to every type with <c>[Coroutine]</c> methods). Their output is compiled but not compared.
        /// </summary>
        public List<Type> SourceGenerators { get; } = new();

        /// <inheritdoc/>
        protected override IEnumerable<Type> GetSourceGenerators() => SourceGenerators;
    }
}
