using System.Collections.Immutable;
using Coroutines.Tests.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Tests.Analyzers;

/// <summary>
/// Analyzers and fixers run on every keystroke, so they see broken code all the time: none of them may throw. This feeds
/// every analyzer truncated and garbled versions of a source that exercises all rules, asserts that no analyzer threw
/// (no AD0001), and applies every offered fix to each diagnostic.
/// </summary>
public sealed class RobustnessTests
{
    private const string Source = """
        using System.Linq.Expressions;

        public static partial class Jobs
        {
            private static readonly object Gate = new();
            private static readonly SemaphoreSlim Slots = new(1);

            [Coroutine]
            public static async Coroutine<int> Compute(int seed) { await Loop.Yield(); return seed; }
            public static Coroutine<int> ComputeAsync(int seed) => Compute(seed);

            [Coroutine]
            public static async Task Wrong() => await Task.Yield();

            public static async void Fire() => await Loop.Yield();

            public static async Coroutine Run(Task<string> text, string path, ManualResetEventSlim ready, Store store)
            {
                Thread.Sleep(2000);
                var value = text.Result;
                text.Wait();
                var content = File.ReadAllText(path);
                ready.Wait();
                store.Save();
                Compute(1);
                Loop.CreateTask(Compute(2));
                lock (Gate) { Console.WriteLine(value); }
                Slots.Wait();
                await Loop.Yield();
                Slots.Release();
                while (true) { if (content.Length > 3) break; }
                try { await Loop.Sleep(1.0); } catch (Exception) { }
                Expression<Func<int>> tree = () => text.Result.Length;
                var name = nameof(text.Result);
                await Task.Run(() => Thread.Sleep(10));
                Action handler = async () => await Loop.Yield();
                Pause();

                void Pause() => Thread.Sleep(5);
            }

            public static Coroutine<int> Scoped(int seed)
            {
                using (var slots = new SemaphoreSlim(1))
                {
                    return Compute(seed);
                }
            }
        }

        public sealed class Store
        {
            public void Save() { }
            public Task SaveAsync() => Task.CompletedTask;
        }
        """;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = [.. typeof(Coroutines.Analyzers.DiagnosticDescriptors).Assembly
        .GetTypes()
        .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)];

    private static readonly ImmutableArray<CodeFixProvider> Fixers = [.. typeof(Coroutines.CodeFixes.Fixers.SyncWaitCodeFixer).Assembly
        .GetTypes()
        .Where(type => typeof(CodeFixProvider).IsAssignableFrom(type) && !type.IsAbstract)
        .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)];

    [Test]
    public async Task TheFullSource_TriggersEveryRule()
    {
        var (_, diagnostics, failures) = await AnalyzeAsync(Source);

        Assert.That(failures, Is.Empty);
        var expected = Coroutines.Analyzers.DiagnosticDescriptors.All.Select(d => d.Id).ToArray();
        Assert.That(diagnostics.Select(d => d.Id).Distinct(), Is.EquivalentTo(expected));
    }

    [Test]
    public async Task TruncatedAndGarbledSources_NeverMakeAnAnalyzerOrFixerThrow()
    {
        var failures = new List<string>();
        foreach (var variant in Variants())
        {
            var (document, diagnostics, analyzerFailures) = await AnalyzeAsync(variant);
            failures.AddRange(analyzerFailures);
            foreach (var diagnostic in diagnostics)
                failures.AddRange(await ApplyFixesAsync(document, diagnostic));
        }

        Assert.That(failures, Is.Empty);
    }

    private static IEnumerable<string> Variants()
    {
        // Cut points and dropped lines are spread over the whole source; the step keeps the test to a few seconds.
        for (var length = 0; length < Source.Length; length += 37)
            yield return Source[..length];
        var lines = Source.Split('\n');
        for (var dropped = 0; dropped < lines.Length; dropped += 3)
            yield return string.Join('\n', lines.Where((_, index) => index != dropped));
        yield return Source.Replace(";", "", StringComparison.Ordinal);
        yield return Source.Replace("}", "", StringComparison.Ordinal);
        yield return Source.Replace("(", "", StringComparison.Ordinal);
    }

    private static async Task<(Document Document, ImmutableArray<Diagnostic> Diagnostics, List<string> Failures)> AnalyzeAsync(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Robustness", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithMetadataReferences(TestSupport.References)
            .AddDocument("GlobalUsings.cs", TestSupport.GlobalUsings).Project;
        var document = project.AddDocument("Source.cs", source);
        var compilation = (await document.Project.GetCompilationAsync())!;
        var failures = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
        failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()));
        return (document, diagnostics.RemoveAll(d => d.Id == "AD0001"), failures);
    }

    private static async Task<List<string>> ApplyFixesAsync(Document document, Diagnostic diagnostic)
    {
        var failures = new List<string>();
        foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            try
            {
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                foreach (var action in actions)
                    await action.GetOperationsAsync(CancellationToken.None);
            }
            catch (Exception exception)
            {
                failures.Add($"{fixer.GetType().Name} on {diagnostic.Id}: {exception.GetType().Name}: {exception.Message}");
            }
        }
        return failures;
    }
}
