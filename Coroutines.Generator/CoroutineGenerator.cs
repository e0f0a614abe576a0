using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator;

/// <summary>
/// Lowers every <c>[Coroutine]</c> method <c>M</c> into a nested state-machine class <c>MCoroutine</c> and an entry
/// point <c>MAsync</c>. Pipeline: attributed methods → equatable specs (<see cref="Parser"/>) → C# text
/// (<see cref="Emitter"/>); diagnostics travel beside the specs and are reported by their own output node.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class CoroutineGenerator : IIncrementalGenerator
{
    /// <summary>The attribute that marks a coroutine method.</summary>
    public const string CoroutineAttributeName = "Coroutines.CoroutineAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<CoroutineParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CoroutineAttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, ct) => Parser.Parse(syntaxContext, ct))
            .WithTrackingName(TrackingNames.ParseResults);

        IncrementalValuesProvider<CoroutineMethodSpec> specs = results
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Specs);

        IncrementalValuesProvider<(string HintName, string Source)> sources = specs
            .Select(static (spec, ct) => (spec.HintName, Emitter.Emit(spec, ct)))
            .WithTrackingName(TrackingNames.GeneratedSources);

        context.RegisterSourceOutput(sources, static (output, source) => output.AddSource(source.HintName, source.Source));

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = results
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }
}
