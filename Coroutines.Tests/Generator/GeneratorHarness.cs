using System.Collections.Immutable;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Tests.Generator;

/// <summary>Compiles sources in memory against the .NET 10 reference assemblies and the runtime, and runs the generator on them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>What the package's MSBuild targets give a project: the generated interceptors' namespace is allowed.</summary>
    public static readonly CSharpParseOptions InterceptionOptions =
        ParseOptions.WithFeatures([new("InterceptorsNamespaces", "Coroutines.Generated")]);

    private static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Coroutine).Assembly.Location))
            .ToImmutableArray();

    public static CSharpCompilation Compile(params (string Path, string Source)[] files) => Compile(ParseOptions, files);

    public static CSharpCompilation Compile(CSharpParseOptions options, params (string Path, string Source)[] files) =>
        CSharpCompilation.Create(
            "Sample",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, options, f.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    public static GeneratorDriver CreateDriver(CSharpParseOptions? options = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new CoroutineGenerator().AsSourceGenerator() },
            parseOptions: options ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public sealed record Run(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorRunResult Result);

    public static Run Generate(Compilation compilation, GeneratorDriver? driver = null)
    {
        // generated files are parsed like the user's: interceptors need the same features
        driver = (driver ?? CreateDriver(compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions)).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        return new Run(driver, output, diagnostics, result);
    }

    /// <summary>
    /// Errors and warnings of the compilation after generation (the generated code must add none). Generated files
    /// silence every warning (the user's method reports its own); here they are compiled without that line, so a
    /// warning the machinery itself causes still fails the tests.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation output) =>
        WithGeneratedWarningsOn(output).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>The line of every generated file that silences its warnings.</summary>
    public const string SilencedWarnings = "#pragma warning disable\n";

    private static Compilation WithGeneratedWarningsOn(Compilation output)
    {
        foreach (var tree in output.SyntaxTrees)
        {
            string text = tree.GetText().ToString();
            int silenced = text.IndexOf("\n" + SilencedWarnings, StringComparison.Ordinal);
            if (!tree.FilePath.EndsWith(".Coroutine.g.cs", StringComparison.Ordinal) || silenced < 0)
                continue;
            string unsilenced = text.Remove(silenced + 1, SilencedWarnings.Length - 1);   // the line stays, empty
            output = output.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(unsilenced, (CSharpParseOptions)tree.Options, tree.FilePath));
        }
        return output;
    }

    public static string Source(Run run, string methodName) =>
        run.Result.GeneratedSources.Single(s => s.HintName.EndsWith("." + methodName + ".Coroutine.g.cs", StringComparison.Ordinal)).SourceText.ToString();
}
