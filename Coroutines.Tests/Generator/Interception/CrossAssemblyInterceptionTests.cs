using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Coroutines.Tests.Generator.Interception;

/// <summary>
/// A call of a <c>[Coroutine]</c> method of a library built with the generator runs the library's machine: the
/// calling project's interceptor forwards to the library's public entry point.
/// </summary>
public sealed class CrossAssemblyInterceptionTests
{
    private const string Library = """
        using Coroutines;
        namespace Shared;
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Twice(int n) { await Loop.Yield(); return 2 * n; }
        }
        """;

    private const string App = """
        using Coroutines;
        namespace App;
        public static class Probe
        {
            public static Coroutine<int> Direct() => Shared.Jobs.Twice(21);

            public static Coroutine<int> ThroughMethodGroup() { System.Func<int, Coroutine<int>> make = Shared.Jobs.Twice; return make(21); }
        }
        """;

    [Test]
    public void CallOfALibrarysCoroutineRunsTheLibrarysMachine()
    {
        var library = Emit(GeneratorHarness.Generate(GeneratorHarness.Compile(GeneratorHarness.InterceptionOptions, ("Shared/Jobs.cs", Library))).Output);
        var app = GeneratorHarness.Compile(GeneratorHarness.InterceptionOptions, ("App/Probe.cs", App))
            .WithAssemblyName("App")
            .AddReferences(MetadataReference.CreateFromImage(library));
        var run = GeneratorHarness.Generate(app);
        Assert.That(run.Result.GeneratedSources.Single(s => s.HintName == "Probe.Interceptors.g.cs").SourceText.ToString(),
            Does.Contain("=> global::Shared.Jobs.TwiceAsync(n);"));

        var context = new AssemblyLoadContext("cross-assembly-interception", isCollectible: true);
        var loadedLibrary = context.LoadFromStream(new MemoryStream(library));
        context.Resolving += (_, name) => name.Name == loadedLibrary.GetName().Name ? loadedLibrary : null;
        var probe = context.LoadFromStream(new MemoryStream(Emit(run.Output))).GetType("App.Probe", throwOnError: true)!;

        var direct = (Coroutine<int>)probe.GetMethod("Direct")!.Invoke(null, null)!;
        var throughGroup = (Coroutine<int>)probe.GetMethod("ThroughMethodGroup")!.Invoke(null, null)!;
        Assert.Multiple(() =>
        {
            Assert.That(direct.GetType().Name, Is.EqualTo("TwiceCoroutine"));
            Assert.That(EventLoop.Run(direct), Is.EqualTo(42));
            Assert.That(throughGroup.GetType().Name, Is.Not.EqualTo("TwiceCoroutine"));
            Assert.That(EventLoop.Run(throughGroup), Is.EqualTo(42));
        });
    }

    [Test]
    public void ANewVersionOfTheLibraryRegeneratesTheInterceptorsOfUneditedFiles()
    {
        byte[] Library(string parameterType) => Emit(GeneratorHarness.Generate(GeneratorHarness.Compile(GeneratorHarness.InterceptionOptions,
            ("Shared/Jobs.cs", CrossAssemblyInterceptionTests.Library.Replace("Twice(int n)", $"Twice({parameterType} n)")))).Output);
        var oldLibrary = MetadataReference.CreateFromImage(Library("int"));
        const string direct = "namespace App; public static class Probe { public static Coroutines.Coroutine<int> Direct() => Shared.Jobs.Twice(21); }";
        var app = GeneratorHarness.Compile(GeneratorHarness.InterceptionOptions, ("App/Probe.cs", direct)).WithAssemblyName("App").AddReferences(oldLibrary);
        var first = GeneratorHarness.Generate(app);

        // as in an IDE when the referenced project changes: the same files, a new reference
        var second = GeneratorHarness.Generate(app.ReplaceReference(oldLibrary, MetadataReference.CreateFromImage(Library("short"))), first.Driver);
        string Interceptors(GeneratorHarness.Run run) => run.Result.GeneratedSources.Single(s => s.HintName == "Probe.Interceptors.g.cs").SourceText.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(Interceptors(first), Does.Contain("Twice(int n)"));
            Assert.That(Interceptors(second), Does.Contain("Twice(short n)"));
            Assert.That(GeneratorHarness.Problems(second.Output), Is.Empty);
        });
    }

    private static byte[] Emit(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.That(emitted.Success, Is.True, () => string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return image.ToArray();
    }
}
