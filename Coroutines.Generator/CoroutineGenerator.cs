using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator;

/// <summary>
/// Lowers every <c>[Coroutine]</c> method <c>M</c> into a nested state-machine class <c>MCoroutine</c> and an entry
/// point <c>MAsync</c>. Pipeline: attributed methods → equatable specs (<see cref="Parser"/>) → C# text
/// (<see cref="Emitter"/>); diagnostics travel beside the specs and are reported by their own output node. A second
/// pipeline (<see cref="Interception.InterceptionPipeline"/>) redirects every call of <c>M</c> to <c>MAsync</c>, so the
/// user calls the method by its own name and still runs the generated machine.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class CoroutineGenerator : IIncrementalGenerator
{
    /// <summary>The attribute that marks a coroutine method.</summary>
    public const string CoroutineAttributeName = Shared.CoroutineNames.AttributeMetadataName;

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

        IncrementalValueProvider<BuildPaths> buildPaths = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => new BuildPaths(
                options.GlobalOptions.TryGetValue("build_property.projectdir", out var projectDirectory) ? projectDirectory : null,
                options.GlobalOptions.TryGetValue("build_property.pathmap", out var pathMap) ? pathMap : null));

        IncrementalValuesProvider<(string HintName, string Source)> sources = specs
            .Combine(buildPaths)
            .Select(static (input, ct) => (input.Left.HintName, Emitter.Emit(input.Left, input.Right, ct)))
            .WithTrackingName(TrackingNames.GeneratedSources);

        context.RegisterSourceOutput(sources, static (output, source) => output.AddSource(source.HintName, source.Source));

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = results
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        Interception.InterceptionPipeline.Register(context, specs.Select(static (spec, _) => (spec.HintName, spec.MethodName)));
    }
}
