using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Tests.Generator;

/// <summary>The user's XML docs reach IntelliSense on the generated entry point: it inherits them from the method.</summary>
public class EntryPointDocumentationTests
{
    private static (GeneratorHarness.Run Run, Compilation Output) Generate(string source)
    {
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var compilation = GeneratorHarness.Compile().AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, options, "Samples/Sample.cs"));
        var driver = CSharpGeneratorDriver.Create(new[] { new Coroutines.Generator.CoroutineGenerator().AsSourceGenerator() }, parseOptions: options);
        var run = GeneratorHarness.Generate(compilation, driver);
        return (run, run.Output);
    }

    [Test]
    public void TheEntryPointInheritsTheUsersDocumentation()
    {
        var (run, output) = Generate("""
            using Coroutines;
            namespace Samples;
            /// <summary>Jobs.</summary>
            public static partial class Jobs
            {
                /// <summary>Counts to <paramref name="limit"/>, one step per loop iteration.</summary>
                /// <param name="limit">Where to stop.</param>
                [Coroutine]
                public static async Coroutine<int> Count(int limit)
                {
                    await Loop.Yield();
                    return limit;
                }

                /// <summary>Echoes <paramref name="value"/>.</summary>
                /// <param name="value">The value.</param>
                [Coroutine]
                public static async Coroutine<T> Echo<T>(T value)
                {
                    await Loop.Yield();
                    return value;
                }
            }
            """);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, "the cref resolves (no CS1574) and nothing is undocumented (no CS1591)");
        var jobs = output.GetTypeByMetadataName("Samples.Jobs")!;
        foreach (var name in new[] { "Count", "Echo" })
        {
            var method = jobs.GetMembers(name).OfType<IMethodSymbol>().Single();
            var entryPoint = jobs.GetMembers(name + "Async").OfType<IMethodSymbol>().Single();
            string xml = entryPoint.GetDocumentationCommentXml() ?? "";
            Assert.That(xml, Does.Contain($"<inheritdoc cref=\"{method.GetDocumentationCommentId()}\"/>"));
            // what IntelliSense shows: the symbol the cref names, with the user's summary
            var inherited = DocumentationCommentId.GetFirstSymbolForDeclarationId(method.GetDocumentationCommentId()!, output);
            Assert.That(inherited, Is.EqualTo(method).Using<ISymbol>(SymbolEqualityComparer.Default));
            Assert.That(inherited!.GetDocumentationCommentXml(), Does.Contain("<summary>"));
        }
    }

    [Test]
    public void AnUndocumentedMethodsEntryPointSaysWhatItIs()
    {
        var (run, _) = Generate("""
            using Coroutines;
            namespace Samples;
            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Count(int limit)
                {
                    await Loop.Yield();
                    return limit;
                }
            }
            """);
        string source = GeneratorHarness.Source(run, "Count");
        Assert.That(source, Does.Contain("/// Creates the coroutine of <c>Count</c>").And.Not.Contain("inheritdoc cref"));
    }
}
