using System.Collections;
using System.Reflection;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Tests.Generator;

/// <summary>The pipeline caches: unrelated edits regenerate nothing, an edit in one coroutine regenerates only that one.</summary>
public class IncrementalTests
{
    private const string First = """
        using Coroutines;
        namespace Samples;
        public static partial class First
        {
            [Coroutine]
            public static async Coroutine<int> One() { await Loop.Yield(); return 1; }
        }
        """;

    private const string Second = """
        using Coroutines;
        namespace Samples;
        public static partial class Second
        {
            [Coroutine]
            public static async Coroutine<int> Two() { await Loop.Yield(); return 2; }
        }
        """;

    private static readonly string[] Steps = { TrackingNames.ParseResults, TrackingNames.Specs, TrackingNames.GeneratedSources };

    [Test]
    public void UnrelatedEditLeavesEveryStepCached()
    {
        var compilation = GeneratorHarness.Compile(("First.cs", First), ("Second.cs", Second));
        var first = GeneratorHarness.Generate(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Samples; public class Unrelated { }", GeneratorHarness.ParseOptions, "Unrelated.cs"));
        var second = GeneratorHarness.Generate(edited, first.Driver);

        foreach (var step in Steps)
        {
            var reasons = second.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.That(reasons, Is.Not.Empty, step);
            Assert.That(reasons, Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), step);
        }
        Assert.That(second.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason),
            Is.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void EditInsideOneCoroutineRegeneratesOnlyThatOne()
    {
        var compilation = GeneratorHarness.Compile(("First.cs", First), ("Second.cs", Second));
        var first = GeneratorHarness.Generate(compilation);
        var oldTree = compilation.SyntaxTrees.First(t => t.FilePath == "First.cs");
        var newTree = CSharpSyntaxTree.ParseText(First.Replace("return 1;", "return 10;"), GeneratorHarness.ParseOptions, "First.cs");
        var second = GeneratorHarness.Generate(compilation.ReplaceSyntaxTree(oldTree, newTree), first.Driver);

        var outputs = second.Result.TrackedSteps[TrackingNames.GeneratedSources].SelectMany(s => s.Outputs).ToList();
        var modified = outputs.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => o.Value.ToString()).ToList();
        Assert.That(modified, Has.Count.EqualTo(1));
        Assert.That(modified[0], Does.Contain("First.One"));
        Assert.That(outputs.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), Is.EqualTo(1));
    }

    [Test]
    public void PipelineModelsHoldNoSymbolsSyntaxOrCompilations()
    {
        var compilation = GeneratorHarness.Compile(("First.cs", First), ("Second.cs", Second));
        var run = GeneratorHarness.Generate(compilation);
        int visited = 0;
        foreach (var step in Steps)
        {
            foreach (var output in run.Result.TrackedSteps[step].SelectMany(s => s.Outputs))
                AssertNoBannedTypes(output.Value, new HashSet<object>(ReferenceEqualityComparer.Instance), step, ref visited);
        }
        Assert.That(visited, Is.GreaterThan(10), "the walk must reach into the models");
    }

    private static readonly Type[] Banned = { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location) };

    internal static void AssertNoBannedTypes(object? value, HashSet<object> seen, string path, ref int visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
            return;
        visited++;
        var type = value.GetType();
        Assert.That(Banned.Any(b => b.IsAssignableFrom(type)), Is.False, $"{path} holds a {type.Name}");
        if (value is SyntaxTree or DiagnosticDescriptor)
            return;   // diagnostics carry their tree and descriptor by design (they are reported from a separate node)
        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
                AssertNoBannedTypes(item, seen, path + "[]", ref visited);
            return;
        }
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertNoBannedTypes(field.GetValue(value), seen, path + "." + field.Name, ref visited);
    }
}
