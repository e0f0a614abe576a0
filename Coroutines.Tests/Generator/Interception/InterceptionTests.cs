using System.Reflection;
using System.Runtime.Loader;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;

namespace Coroutines.Tests.Generator.Interception;

/// <summary>
/// A call of a <c>[Coroutine]</c> method runs the generated machine: the program in <see cref="CallForms"/> is compiled
/// with the generator and the interceptors' namespace allowed (as the package's targets allow it), loaded, and each
/// call form's coroutine is checked for its type and run to its result.
/// </summary>
[NonParallelizable]
public sealed class InterceptionTests
{
    private static Assembly? s_program;

    private static Assembly Program => s_program ??= CompileProgram();

    private static Assembly CompileProgram()
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(GeneratorHarness.InterceptionOptions, ("Forms/Program.cs", CallForms.Source)));
        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.That(emitted.Success, Is.True, () => string.Join("\n", emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)));
        image.Position = 0;
        return new AssemblyLoadContext("interception", isCollectible: true).LoadFromStream(image);
    }

    private static Coroutine<int> Call(string probe) =>
        (Coroutine<int>)Program.GetType("Forms.Probe", throwOnError: true)!.GetMethod(probe)!.Invoke(null, null)!;

    [TestCase("Static", "Calls", "StaticCoroutine", 2)]
    [TestCase("Instance", "Counter", "InstanceCoroutine", 12)]
    [TestCase("ImplicitThis", "Counter", "InstanceCoroutine", 15)]
    [TestCase("GenericMethod", "Calls", "GenericCoroutine`1", 42)]
    [TestCase("GenericType", "Box`1", "GetCoroutine", 3)]
    [TestCase("GenericMethodOfGenericType", "Box`1", "MeasureCoroutine`1", 4)]
    [TestCase("InGenericContext", "Box`1", "MeasureCoroutine`1", 1)]
    [TestCase("Struct", "Tally", "NextCoroutine", 5)]
    [TestCase("ReadonlyStructMember", "Tally", "PeekCoroutine", 6)]
    [TestCase("Extension", "Calls", "ExtensionCoroutine", 11)]
    [TestCase("Private", "Calls", "PrivateCoroutine", 8)]
    [TestCase("ConditionalAccess", "Counter", "InstanceCoroutine", 13)]
    [TestCase("InsideLambda", "Calls", "StaticCoroutine", 9)]
    [TestCase("StaticOfPrivateNestedType", "Hidden", "MakeCoroutine", 6)]
    [TestCase("GenericStaticOfPrivateNestedType", "Hidden", "EchoCoroutine`1", 11)]
    [TestCase("AttributeThroughAlias", "Aliased", "TripleCoroutine", 9)]
    public void CallRunsTheGeneratedMachine(string probe, string declaringType, string machine, int result)
    {
        var coroutine = Call(probe);
        Assert.Multiple(() =>
        {
            Assert.That(coroutine.GetType().Name, Is.EqualTo(machine));
            Assert.That(coroutine.GetType().DeclaringType?.Name, Is.EqualTo(declaringType));
            Assert.That(EventLoop.Run(coroutine), Is.EqualTo(result));
        });
    }

    // A delegate, an expression tree and an instance method of a type the generated namespace cannot name (the compiler
    // requires the interceptor's 'this' parameter to be of the receiver's type, which only code inside the containing
    // type can name) keep the compiler's lowering, which behaves the same: the coroutine is not the machine and still
    // gives the method's result.
    [TestCase("MethodGroup", "StaticCoroutine", 6)]
    [TestCase("ExpressionTree", "StaticCoroutine", 7)]
    [TestCase("PrivateNestedType", "RunCoroutine", 7)]
    [TestCase("PrivateNestedParameter", "RevealCoroutine", 4)]
    public void CallThatCannotBeInterceptedRunsTheCompilersLowering(string probe, string machine, int result)
    {
        var coroutine = Call(probe);
        Assert.Multiple(() =>
        {
            Assert.That(coroutine.GetType().Name, Is.Not.EqualTo(machine));
            Assert.That(EventLoop.Run(coroutine), Is.EqualTo(result));
        });
    }

    [Test]
    public void CallsInsideAGeneratedMachineRunTheOtherMachines()
    {
        var coroutine = (Coroutine<string>)Program.GetType("Forms.Probe", throwOnError: true)!.GetMethod("Nested")!.Invoke(null, null)!;
        Assert.Multiple(() =>
        {
            Assert.That(coroutine.GetType().Name, Is.EqualTo("NestedCoroutine"));
            Assert.That(EventLoop.Run(coroutine), Is.EqualTo(
                "StaticCoroutine ExtensionCoroutine NextCoroutine PrivateCoroutine GenericCoroutine`1 GetCoroutine StaticCoroutine " + (2 + 12 + 2 + 6 + 4 + 0 + 6)));
        });
    }

    [Test]
    public void WithoutTheInterceptorsNamespaceNothingIsEmitted()
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(("Forms/Program.cs", CallForms.Source)));
        Assert.Multiple(() =>
        {
            Assert.That(run.Result.GeneratedSources.Select(s => s.HintName), Has.None.EndsWith(".Interceptors.g.cs"));
            Assert.That(run.Result.TrackedSteps.TryGetValue(TrackingNames.InterceptedCalls, out var calls) ? calls.SelectMany(s => s.Outputs) : [], Is.Empty);
            Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty);
        });
    }

    [Test]
    public void AnotherNamespaceInTheFeatureIsNotEnough()
    {
        var options = GeneratorHarness.ParseOptions.WithFeatures([new("InterceptorsNamespaces", "Coroutines.Generated.Other;Mine")]);
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(options, ("Forms/Program.cs", CallForms.Source)));
        Assert.That(run.Result.GeneratedSources.Select(s => s.HintName), Has.None.EndsWith(".Interceptors.g.cs"));
    }

    [Test]
    public void ALanguageVersionWithoutFileLocalTypesGetsNoInterceptors()
    {
        var options = GeneratorHarness.InterceptionOptions.WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10);
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(options, ("Forms/Program.cs", "namespace Forms; public static partial class Calls { [Coroutines.Coroutine] public static async Coroutines.Coroutine<int> Static(int n) { await Coroutines.Loop.Yield(); return n; } public static Coroutines.Coroutine<int> Call() => Static(1); }")));
        Assert.That(run.Result.GeneratedSources.Select(s => s.HintName), Has.None.EndsWith(".Interceptors.g.cs"));
    }

    [Test]
    public void ThePreviewNameOfTheFeatureAlsoEnablesInterception()
    {
        var options = GeneratorHarness.ParseOptions.WithFeatures([new("InterceptorsPreviewNamespaces", "Mine;Coroutines.Generated")]);
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(options, ("Forms/Program.cs", CallForms.Source)));
        Assert.That(run.Result.GeneratedSources.Select(s => s.HintName), Does.Contain("Program.Interceptors.g.cs"));
    }
}
