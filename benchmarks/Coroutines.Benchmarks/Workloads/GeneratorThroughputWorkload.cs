using System.Collections.Immutable;
using System.Text;
using Coroutines.Benchmarks.Harness;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// Issue 4, generator throughput: a project with 1,000 <c>[Coroutine]</c> methods (ten files of 100, each method
/// with a loop, a try/finally and three kinds of await) built in memory against the .NET 10 reference assemblies
/// and Coroutines.Runtime, and one <c>RunGenerators</c> of a fresh <see cref="CSharpGeneratorDriver"/> over it.
/// A fresh driver has no cached pipeline state, so every run parses, models and emits all 1,000 machines, as a
/// clean build does; quick mode's warm-up runs only warm the JIT. ns/op is per method; <c>total_ms</c> is the run.
/// </summary>
public sealed class GeneratorThroughputWorkload : Workload
{
    /// <summary>The workload name.</summary>
    public const string WorkloadName = "generator-throughput";

    /// <summary>How many <c>[Coroutine]</c> methods the project has.</summary>
    public const int Methods = 1000;

    private const int MethodsPerFile = 100;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The in-memory project, built once.</summary>
    public CSharpCompilation Compilation { get; } = CreateCompilation();

    /// <inheritdoc />
    public override string Name => WorkloadName;

    /// <inheritdoc />
    public override string Impl => "coroutine-generator";

    /// <summary>A driver with nothing cached, like the one a clean build starts with.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new CoroutineGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    /// <inheritdoc />
    public override Report Run(Sizes sizes)
    {
        var driver = CreateDriver();
        var probe = Probe.Start();
        driver = driver.RunGenerators(Compilation);
        var report = probe.ToReport(Name, Impl, Methods);
        var result = driver.GetRunResult();
        Check(result.Diagnostics.IsEmpty, "the generator reported no diagnostics on the 1,000 methods");
        Check(result.GeneratedTrees.Length >= Methods, "a machine was generated for every method");
        return report.With("total_ms", report.NsPerOp * Methods / 1e6);
    }

    private static CSharpCompilation CreateCompilation()
    {
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Coroutine).Assembly.Location));
        var trees = Enumerable.Range(0, Methods / MethodsPerFile)
            .Select(file => CSharpSyntaxTree.ParseText(SourceFile(file), ParseOptions, $"Coroutines{file}.cs"));
        return CSharpCompilation.Create(
            "GeneratorThroughput",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string SourceFile(int file)
    {
        var source = new StringBuilder()
            .AppendLine("using System;")
            .AppendLine("using Coroutines;")
            .AppendLine()
            .AppendLine("namespace Throughput;")
            .AppendLine()
            .AppendLine($"public static partial class Coroutines{file}")
            .AppendLine("{");
        for (int i = 0; i < MethodsPerFile; i++)
        {
            int id = file * MethodsPerFile + i;
            source.AppendLine($$"""
                    [Coroutine]
                    public static async Coroutine<int> Work{{id}}(int count, Future<int> input)
                    {
                        int total = {{id}};
                        for (int i = 0; i < count; i++)
                        {
                            try
                            {
                                total += await input;
                                await Loop.Yield();
                            }
                            finally
                            {
                                total++;
                            }
                        }
                        await Loop.Sleep(0.001);
                        return total;
                    }

                """);
        }
        return source.AppendLine("}").ToString();
    }
}
