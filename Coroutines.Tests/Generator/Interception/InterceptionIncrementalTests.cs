using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Tests.Generator.Interception;

/// <summary>
/// The interception pipeline caches per file and per call site: an edit reads again only the edited file and regenerates
/// only its interceptors, unless it changed a declaration that calls in other files may bind to.
/// </summary>
public sealed class InterceptionIncrementalTests
{
    private const string Jobs = """
        using Coroutines;
        namespace Samples;
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Work(int n) { await Loop.Yield(); return n; }

            public static async Coroutine<int> Later(int n) { await Loop.Yield(); return n; }
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
            public static Coroutine<int> RunLater() => Jobs.Later(3);
        }
        """;

    private static (GeneratorHarness.Run First, GeneratorHarness.Run Second) RunTwice(Func<CSharpCompilation, Compilation> edit)
    {
        var compilation = GeneratorHarness.Compile(GeneratorHarness.InterceptionOptions, ("Jobs.cs", Jobs), ("First.cs", First), ("Second.cs", Second));
        var first = GeneratorHarness.Generate(compilation);
        return (first, GeneratorHarness.Generate(edit(compilation), first.Driver));
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, string path, string source) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == path), CSharpSyntaxTree.ParseText(source, GeneratorHarness.InterceptionOptions, path));

    /// <summary>
    /// The files whose interception step ran again (its output is not Cached). The driver lists only the steps whose
    /// outputs reach a generated file, so a file without redirected calls is never listed.
    /// </summary>
    private static List<IncrementalStepRunReason> ReadsThatRan(GeneratorHarness.Run run) =>
        Reasons(run, TrackingNames.InterceptionReads).Where(r => r != IncrementalStepRunReason.Cached).ToList();

    /// <summary>Whether an interception step's output (the calls of one file) holds calls in <paramref name="file"/>.</summary>
    private static bool HoldsCallsIn(object value, string file) =>
        ((System.Collections.IEnumerable)value).Cast<object>().Any(call => call.ToString()!.Contains(file, StringComparison.Ordinal));

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

        // Only the edited file is read again: one call site, whose location changed.
        var calls = second.Result.TrackedSteps[TrackingNames.InterceptedCalls].SelectMany(s => s.Outputs).ToList();
        Assert.That(calls.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => o.Value.ToString()).ToList(), Has.Count.EqualTo(1).And.All.Contain("First.cs"));
        Assert.That(calls.Count(o => o.Reason == IncrementalStepRunReason.Cached), Is.EqualTo(1));

        var files = second.Result.TrackedSteps[TrackingNames.InterceptorSources].SelectMany(s => s.Outputs).ToList();
        Assert.That(files.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => o.Value.ToString()).ToList(), Has.Count.EqualTo(1).And.All.Contain("First.Interceptors.g.cs"));
        Assert.That(files.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), Is.EqualTo(1));
    }

    [Test]
    public void EditingOneCallSiteRunsOnlyThatFilesInterceptionStep()
    {
        var (first, second) = RunTwice(compilation => Edit(compilation, "First.cs", First.Replace("Jobs.Work(1)", "Jobs.Work(10)")));
        Assert.That(Reasons(first, TrackingNames.InterceptionReads), Has.Count.EqualTo(2), "one interception step per file with calls");

        var reads = second.Result.TrackedSteps[TrackingNames.InterceptionReads].SelectMany(s => s.Outputs).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(reads.Where(o => o.Reason != IncrementalStepRunReason.Cached).Select(o => HoldsCallsIn(o.Value, "First.cs")).ToList(),
                Is.EqualTo(new[] { true }), "only the edited file is read again");
            Assert.That(reads.Count(o => o.Reason == IncrementalStepRunReason.Cached), Is.EqualTo(1), "Second.cs is not read again");
        });
    }

    [Test]
    public void EditingABodyElsewhereReadsNoOtherFile()
    {
        var (_, second) = RunTwice(compilation => Edit(compilation, "Second.cs", Second.Replace("Jobs.Later(3);", "Jobs.Later(3 + 1);")));
        var reads = second.Result.TrackedSteps[TrackingNames.InterceptionReads].SelectMany(s => s.Outputs).ToList();
        Assert.That(reads.Select(o => (o.Reason, First: HoldsCallsIn(o.Value, "First.cs"))).ToList(), Is.EquivalentTo(new[]
        {
            (IncrementalStepRunReason.Modified, false),
            (IncrementalStepRunReason.Cached, true),
        }));
    }

    [Test]
    public void AddingCoroutineToAMethodInterceptsItsCallsInUneditedFiles()
    {
        var (first, second) = RunTwice(compilation => Edit(compilation, "Jobs.cs", Jobs.Replace("public static async Coroutine<int> Later", "[Coroutine] public static async Coroutine<int> Later")));
        string Interceptors(GeneratorHarness.Run run) => run.Result.GeneratedSources.Single(s => s.HintName == "Second.Interceptors.g.cs").SourceText.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(Interceptors(first), Does.Not.Contain("LaterAsync"));
            Assert.That(Interceptors(second), Does.Contain("=> global::Samples.Jobs.LaterAsync(n);"), "Second.cs is unchanged, yet its call of Later is intercepted now");
            Assert.That(ReadsThatRan(second), Has.Count.EqualTo(2), "a new coroutine makes every file be read again");
            Assert.That(GeneratorHarness.Problems(second.Output), Is.Empty);
        });
    }

    [Test]
    public void ChangingACoroutinesSignatureRegeneratesTheInterceptorsOfUneditedFiles()
    {
        var (_, second) = RunTwice(compilation => Edit(compilation, "Jobs.cs", Jobs.Replace("Work(int n)", "Work(short n)")));
        var source = second.Result.GeneratedSources.Single(s => s.HintName == "Second.Interceptors.g.cs").SourceText.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(source, Does.Contain("Work(short n)"));
            Assert.That(GeneratorHarness.Problems(second.Output), Is.Empty);
        });
    }

    [Test]
    public void EditingACoroutinesBodyRegeneratesNoInterceptor()
    {
        var (_, second) = RunTwice(compilation =>
        {
            var old = compilation.SyntaxTrees.Single(t => t.FilePath == "Jobs.cs");
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Jobs.Replace("return n;", "return n + 1;"), GeneratorHarness.InterceptionOptions, "Jobs.cs"));
        });
        Assert.That(ReadsThatRan(second), Is.Empty, "the files with calls are not read again: a body is no declaration");
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
