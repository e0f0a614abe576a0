using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Tests.Generator.Interception;

/// <summary>The interception pipeline caches per call site: an edit re-reads and regenerates only the edited file's calls.</summary>
public sealed class InterceptionIncrementalTests
{
    private const string Jobs = """
        using Coroutines;
        namespace Samples;
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Work(int n) { await Loop.Yield(); return n; }
        }
        """;

    private const string First = """
        using Coroutines;
        namespace Samples;
        public static class First
        {
            public static Coroutine<int> Run() => Jobs.Work(1);
            public static int Plain() => System.Math.Abs(-1);
        }
        """;

    private const string Second = """
        using Coroutines;
        namespace Samples;
        public static class Second
        {
            public static Coroutine<int> Run() => Jobs.Work(2);
        }
        """;

    private static (GeneratorHarness.Run First, GeneratorHarness.Run Second) RunTwice(Func<CSharpCompilation, Compilation> edit)
    {
        var compilation = GeneratorHarness.Compile(GeneratorHarness.InterceptionOptions, ("Jobs.cs", Jobs), ("First.cs", First), ("Second.cs", Second));
        var first = GeneratorHarness.Generate(compilation);
        return (first, GeneratorHarness.Generate(edit(compilation), first.Driver));
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorHarness.Run run, string step) =>
        run.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    [Test]
    public void EditingOneCallSiteReReadsOnlyThatFilesCalls()
    {
        var (first, second) = RunTwice(compilation =>
        {
            var old = compilation.SyntaxTrees.Single(t => t.FilePath == "First.cs");
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(First.Replace("Jobs.Work(1)", "Jobs.Work(10)"), GeneratorHarness.InterceptionOptions, "First.cs"));
        });
        Assert.That(first.Result.TrackedSteps[TrackingNames.InterceptedCalls].SelectMany(s => s.Outputs).Count(), Is.EqualTo(2), "one model per call site");

        // The syntax provider re-runs its transform only for the edited file: one call site, whose location changed.
        var calls = second.Result.TrackedSteps[TrackingNames.InterceptedCalls].SelectMany(s => s.Outputs).ToList();
        Assert.That(calls.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => o.Value.ToString()).ToList(), Has.Count.EqualTo(1).And.All.Contain("First.cs"));
        Assert.That(calls.Count(o => o.Reason == IncrementalStepRunReason.Cached), Is.EqualTo(1));

        var files = second.Result.TrackedSteps[TrackingNames.InterceptorSources].SelectMany(s => s.Outputs).ToList();
        Assert.That(files.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => o.Value.ToString()).ToList(), Has.Count.EqualTo(1).And.All.Contain("First.Interceptors.g.cs"));
        Assert.That(files.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), Is.EqualTo(1));
    }

    [Test]
    public void EditingACoroutinesBodyRegeneratesNoInterceptor()
    {
        var (_, second) = RunTwice(compilation =>
        {
            var old = compilation.SyntaxTrees.Single(t => t.FilePath == "Jobs.cs");
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Jobs.Replace("return n;", "return n + 1;"), GeneratorHarness.InterceptionOptions, "Jobs.cs"));
        });
        Assert.That(Reasons(second, TrackingNames.InterceptedCalls), Is.All.EqualTo(IncrementalStepRunReason.Cached));
        Assert.That(Reasons(second, TrackingNames.InterceptorSources), Is.Not.Empty.And.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
    }

    [Test]
    public void InterceptionModelsHoldNoSymbolsSyntaxOrCompilations()
    {
        var (first, _) = RunTwice(compilation => compilation);
        int visited = 0;
        foreach (var step in new[] { TrackingNames.InterceptedCalls, TrackingNames.InterceptorFiles })
        {
            foreach (var value in first.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value))
                IncrementalTests.AssertNoBannedTypes(value, new HashSet<object>(ReferenceEqualityComparer.Instance), step, ref visited);
        }
        Assert.That(visited, Is.GreaterThan(4), "the walk must reach into the models");
    }
}
