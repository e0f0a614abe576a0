using System.Text;
using Coroutines.Benchmarks.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Generator cost on extreme shapes of one <c>[Coroutine]</c> method, by size, to show how it grows: a sum of N
/// terms around an await (<c>deep-sum-N</c>) and N lambdas nested in each other that capture a local living across
/// an await (<c>nested-lambdas-N</c>). One <c>RunGenerators</c> of a fresh driver over a compilation built once (its
/// declarations are warm after the warm-up run); ns/op is the whole run.
/// </summary>
public static class GeneratorShapeWorkloads
{
    /// <summary>The workload name.</summary>
    public const string Name = "generator-shapes";

    /// <summary>Every shape at the sizes compared.</summary>
    public static IEnumerable<Workload> All() =>
    [
        .. new[] { 1250, 5000 }.Select(n => new Shape($"deep-sum-{n}", DeepSum(n))),
        .. new[] { 50, 100, 200, 400, 500 }.Select(n => new Shape($"nested-lambdas-{n}", NestedLambdas(n))),
        .. new[] { 100, 200, 500 }.Select(n => new Shape($"nested-block-lambdas-{n}", NestedBlockLambdas(n))),
        .. new[] { 100, 200, 500 }.Select(n => new Shape($"nested-parameter-lambdas-{n}", NestedParameterLambdas(n))),
    ];

    /// <summary><c>var x = await Loop.Sleep(1, 1) + one + ... ;</c> with <paramref name="terms"/> terms.</summary>
    public static string DeepSum(int terms) =>
        Method("var x = await Loop.Sleep(1, 1)" + string.Concat(Enumerable.Repeat(" + one", terms - 1)) + ";\n        return x;");

    /// <summary><c>Func&lt;int&gt; f0 = () => ((Func&lt;int&gt;)(() => ... one ...))();</c> nested <paramref name="depth"/> deep.</summary>
    public static string NestedLambdas(int depth)
    {
        var lambda = new StringBuilder("Func<int> f = ");
        for (int i = 0; i < depth - 1; i++)
            lambda.Append("() => ((Func<int>)(");
        lambda.Append("() => one").Append(string.Concat(Enumerable.Repeat("))()", depth - 1))).Append(';');
        return Method(lambda + "\n        one += await Loop.Sleep(1, 1);\n        return f();");
    }

    /// <summary>Statement lambdas nested <paramref name="depth"/> deep, each declaring a local the next one reads.</summary>
    public static string NestedBlockLambdas(int depth)
    {
        var lambda = new StringBuilder("Func<int> f = () => { int v0 = one; ");
        for (int i = 1; i < depth; i++)
            lambda.Append($"return ((Func<int>)(() => {{ int v{i} = v{i - 1} + one; ");
        lambda.Append($"return v{depth - 1}; ");
        lambda.Append(string.Concat(Enumerable.Repeat("}))(); ", depth - 1))).Append("};");
        return Method(lambda + "\n        one += await Loop.Sleep(1, 1);\n        return f();");
    }

    /// <summary>Lambdas nested <paramref name="depth"/> deep, each with a parameter, the innermost adding the outer ones' parameters.</summary>
    public static string NestedParameterLambdas(int depth)
    {
        var lambda = new StringBuilder("Func<int, int> f = a0 => ");
        for (int i = 1; i < depth; i++)
            lambda.Append($"((Func<int, int>)(a{i} => ");
        lambda.Append("one");
        for (int i = 0; i < depth; i += 10)
            lambda.Append($" + a{i}");
        for (int i = depth - 1; i >= 1; i--)
            lambda.Append($"))(a{i - 1})");
        lambda.Append(';');
        return Method(lambda + "\n        one += await Loop.Sleep(1, 1);\n        return f(2);");
    }

    private static string Method(string body) => $$"""
        using System;
        using Coroutines;
        namespace Shapes;
        public static partial class Methods
        {
            [Coroutine]
            public static async Coroutine<int> Shape()
            {
                int one = 1;
                await Loop.Yield();
                {{body}}
            }
        }
        """;

    private sealed class Shape(string impl, string source) : Workload
    {
        private readonly CSharpCompilation _compilation = CSharpCompilation.Create(
            "GeneratorShapes",
            [CSharpSyntaxTree.ParseText(source, ThroughputProject.ParseOptions, "Shapes.cs")],
            Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Append(MetadataReference.CreateFromFile(typeof(Coroutine).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        public override string Name => GeneratorShapeWorkloads.Name;

        public override string Impl => impl;

        public override bool WarmUpAtFullSize => true;

        public override Report Run(Sizes sizes)
        {
            var probe = Probe.Start();
            var driver = GeneratorThroughputWorkload.CreateDriver().RunGenerators(_compilation);
            var report = probe.ToReport(Name, Impl, 1);
            var result = driver.GetRunResult();
            Check(result.Diagnostics.IsEmpty, $"the generator reported no diagnostics on {impl}");
            Check(result.GeneratedTrees.Any(t => t.ToString().Contains("class ShapeCoroutine", StringComparison.Ordinal)), $"{impl} was lowered into a machine");
            return report.With("total_ms", report.NsPerOp / 1e6);
        }
    }
}
