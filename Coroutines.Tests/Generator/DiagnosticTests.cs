using Coroutines.Generator;
using Microsoft.CodeAnalysis;

namespace Coroutines.Tests.Generator;

/// <summary>Invalid declarations get errors; constructs the generator cannot lower get CORO101 and a fallback entry point.</summary>
public class DiagnosticTests
{
    private static GeneratorHarness.Run Generate(string body) =>
        GeneratorHarness.Generate(GeneratorHarness.Compile(("Samples/Sample.cs", "using System;\nusing Coroutines;\nnamespace Samples;\n" + body)));

    [TestCase("public static partial class Jobs { [Coroutine] public static async Coroutine Run(ref int x) { await Loop.Yield(); } }", "passed by reference")]
    public void InvalidDeclarationsAreErrors(string source, string message)
    {
        var run = Generate(source);
        var diagnostic = run.GeneratorDiagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo(DiagnosticDescriptors.InvalidDeclarationId));
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(diagnostic.GetMessage(), Does.Contain(message));
        Assert.That(run.Result.GeneratedSources, Is.Empty);
    }

    // These are the analyzer's CORO052 (with a code fix); the generator generates nothing and adds no second diagnostic.
    [TestCase("public static class Jobs { [Coroutine] public static async Coroutine Run() => await Loop.Yield(); }")]
    [TestCase("public static partial class Jobs { [Coroutine] public static Coroutine Run() => null!; }")]
    [TestCase("public static partial class Jobs { [Coroutine] public static async System.Threading.Tasks.Task Run() => await System.Threading.Tasks.Task.Yield(); }")]
    public void DeclarationsTheAnalyzerReports_GenerateNothingSilently(string source)
    {
        var run = Generate(source);
        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(run.Result.GeneratedSources, Is.Empty);
    }

    [Test]
    public void UnsupportedConstructFallsBackToTheOriginalMethod()
    {
        var run = Generate("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Run()
                {
                    int[] items = { 1, 2 };
                    ref int first = ref items[0];
                    first++;
                    await Loop.Yield();
                    return items[0];
                }
            }
            """);
        var diagnostic = run.GeneratorDiagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo(DiagnosticDescriptors.NotLoweredId));
        Assert.That(diagnostic.GetMessage(), Does.Contain("ref local").And.Contain("RunAsync").And.Contain("'Run'"));
        Assert.That(diagnostic.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(9), "the diagnostic points at the construct");
        string source = GeneratorHarness.Source(run, "Run");
        Assert.That(source, Does.Contain("=> Run();").And.Not.Contain("class RunCoroutine"));
        Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty);
    }

    [Test]
    public void LambdaCapturingACatchVariableInALoweredLoopFallsBack()
    {
        var run = Generate("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine Run()
                {
                    var actions = new System.Collections.Generic.List<Action>();
                    for (int i = 0; i < 3; i++)
                    {
                        try { await Loop.Yield(); }
                        catch (Exception caught)
                        {
                            await Loop.Yield();
                            actions.Add(() => Console.WriteLine(caught));
                        }
                    }
                }
            }
            """);
        Assert.That(run.GeneratorDiagnostics.Single().GetMessage(), Does.Contain("capturing 'caught'").And.Contain("catch clause"));
        Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty);
    }

    [Test]
    public void OverloadsGetNumberedMachinesAndOverloadedEntryPoints()
    {
        var run = Generate("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Run(int a) { await Loop.Yield(); return a; }

                [Coroutine]
                public static async Coroutine<int> Run(string s) { await Loop.Yield(); return s.Length; }
            }
            """);
        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        var sources = run.Result.GeneratedSources.Select(s => s.SourceText.ToString()).ToList();
        Assert.That(sources, Has.Some.Contains("class RunCoroutine1").And.Some.Contains("class RunCoroutine2"));
        Assert.That(sources, Has.Some.Contains("RunAsync(int a)").And.Some.Contains("RunAsync(string s)"));
        Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty);
    }

    [Test]
    public void ExistingMemberWithTheGeneratedNameIsAnError()
    {
        var run = Generate("""
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine Run(int a) => await Loop.Yield();

                public static Coroutine RunAsync(int a) => Run(a);
            }
            """);
        var diagnostic = run.GeneratorDiagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo(DiagnosticDescriptors.NameClashId));
        Assert.That(diagnostic.GetMessage(), Does.Contain("RunAsync"));
    }

    [Test]
    public void StructInstanceCoroutineWorksOnACopy()
    {
        var run = Generate("""
            public partial struct Counter
            {
                public int Value;

                [Coroutine]
                public async Coroutine<int> Next() { await Loop.Yield(); return ++Value; }
            }
            """);
        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        string source = GeneratorHarness.Source(run, "Next");
        Assert.That(source, Does.Contain("private global::Samples.Counter __this;").And.Contain("new NextCoroutine(this)"), "a mutable copy, as the C# compiler makes");
        Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty);
    }
}
