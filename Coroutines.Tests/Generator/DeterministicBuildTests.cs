using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Tests.Generator;

/// <summary>
/// No build path is baked into the binaries: the same project built from two directories, deterministically and
/// with a PathMap (what <c>ContinuousIntegrationBuild</c> sets up), gives byte-identical assemblies. Built in memory
/// the way the compiler builds from the command line: the generated files are embedded in the PDB, which is embedded
/// in the assembly, so a path inside generated text changes the assembly.
/// </summary>
public class DeterministicBuildTests
{
    private const string Source = """
        using Coroutines;
        namespace Samples;
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Work()
            {
                int total = 0;
                for (int i = 0; i < 3; i++)
                {
                    await Loop.Yield();
                    total += i;
                }
                return total;
            }
        }
        """;

    private static readonly string[] Directories =
    {
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "build-one", "Samples") + System.IO.Path.DirectorySeparatorChar,
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "elsewhere", "build-two", "Samples") + System.IO.Path.DirectorySeparatorChar,
    };

    private const string MappedRoot = "/_/";

    private static (byte[] Assembly, string Generated) Build(string projectDirectory, bool tellTheGeneratorThePaths)
    {
        string pathMap = projectDirectory + "=" + MappedRoot;
        var tree = CSharpSyntaxTree.ParseText(Source, GeneratorHarness.ParseOptions, projectDirectory + "Jobs.cs", System.Text.Encoding.UTF8);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true, nullableContextOptions: NullableContextOptions.Enable)
            .WithSourceReferenceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, projectDirectory, ImmutableArray.Create(new KeyValuePair<string, string>(projectDirectory, MappedRoot))));
        var compilation = GeneratorHarness.Compile().AddSyntaxTrees(tree).WithOptions(options);

        var globalOptions = tellTheGeneratorThePaths
            ? new Dictionary<string, string> { ["build_property.projectdir"] = projectDirectory, ["build_property.pathmap"] = pathMap }
            : new Dictionary<string, string>();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new CoroutineGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions,
            optionsProvider: new GlobalOptionsProvider(globalOptions),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false, baseDirectory: projectDirectory + "obj"));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.That(generatorDiagnostics, Is.Empty);

        // as csc does: every generated file is embedded in the PDB, and the PDB in the assembly
        var generatedTrees = output.SyntaxTrees.Where(t => t != tree).ToList();
        var embedded = generatedTrees.Select(t => EmbeddedText.FromSource(t.FilePath, t.GetText())).ToList();
        using var image = new System.IO.MemoryStream();
        var result = output.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded), embeddedTexts: embedded);
        Assert.That(result.Success, Is.True, () => string.Join("\n", result.Diagnostics));
        return (image.ToArray(), generatedTrees.Single().GetText().ToString());
    }

    [Test]
    public void TwoBuildsFromDifferentDirectoriesGiveIdenticalAssemblies()
    {
        var (first, generated) = Build(Directories[0], tellTheGeneratorThePaths: true);
        var (second, _) = Build(Directories[1], tellTheGeneratorThePaths: true);
        Assert.That(first.SequenceEqual(second), Is.True, "the assemblies differ");
        Assert.That(generated, Does.Contain("new global::Coroutines.AwaitSite(\"Jobs.cs\", 11, \"Loop.Yield()\")"), "await sites name the file relative to the project");
        Assert.That(generated, Does.Contain("#line 11 \"/_/Jobs.cs\""), "#line directives honour the PathMap");
        Assert.That(generated, Does.Not.Contain(Directories[0]));
    }

    [Test]
    public void WithoutTheProjectDirectoryAndPathMapTheBuildPathWouldReachTheAssembly()
    {
        // The control for the test above: what it compares is sensitive to a path in the generated text.
        var (first, generated) = Build(Directories[0], tellTheGeneratorThePaths: false);
        var (second, _) = Build(Directories[1], tellTheGeneratorThePaths: false);
        Assert.That(first.SequenceEqual(second), Is.False);
        Assert.That(generated, Does.Contain("#line 11 " + CommentLiteral(Directories[0] + "Jobs.cs")));
        Assert.That(generated, Does.Contain("new global::Coroutines.AwaitSite(\"Jobs.cs\""), "outside any known project, an await site names only the file");
    }

    private static string CommentLiteral(string path) => "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"";

    /// <summary>The <c>build_property.*</c> values MSBuild writes into the generated global editorconfig.</summary>
    private sealed class GlobalOptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
