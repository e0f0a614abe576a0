using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// The in-memory project of the generator-throughput workloads: 1,000 <c>[Coroutine]</c> methods in ten files of
/// 100, built against the .NET 10 reference assemblies and Coroutines.Runtime with nullable enabled, as a user
/// project is. Each method has a <c>for</c> loop around a <c>try</c>/<c>finally</c>, three kinds of await (a future,
/// <c>Loop.Yield()</c>, <c>Loop.Sleep</c>) and two locals that live across them.
/// </summary>
public static class ThroughputProject
{
    /// <summary>How many <c>[Coroutine]</c> methods the project has.</summary>
    public const int Methods = 1000;

    private const int MethodsPerFile = 100;

    /// <summary>The parse options of the project and of the driver.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>A fresh compilation of the project (nothing bound yet).</summary>
    public static CSharpCompilation CreateCompilation() =>
        CreateUserProject("GeneratorThroughput", Enumerable.Range(0, Methods / MethodsPerFile)
            .Select(file => CSharpSyntaxTree.ParseText(SourceFile(file), ParseOptions, $"Coroutines{file}.cs")));

    /// <summary>A library compiled as a user's project is: the .NET 10 reference assemblies, Coroutines.Runtime, nullable enabled.</summary>
    internal static CSharpCompilation CreateUserProject(string name, IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            name,
            trees,
            Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
                .Append(MetadataReference.CreateFromFile(typeof(Coroutine).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// The project after an edit inside the body of one method (<c>Work0</c>'s first statement becomes <c>int total = -1;</c>), made the way an
    /// editor makes it: an incremental re-parse of that one file.
    /// </summary>
    public static CSharpCompilation WithOneMethodEdited(CSharpCompilation compilation)
    {
        var tree = compilation.SyntaxTrees.First();
        var text = tree.GetText();
        const string statement = "int total = 0;";
        int start = text.ToString().IndexOf(statement, StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException("The first file has no 'int total = 0;' to edit.");
        var edited = text.WithChanges(new TextChange(new TextSpan(start + "int total = ".Length, 1), "-1"));
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(edited));
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
