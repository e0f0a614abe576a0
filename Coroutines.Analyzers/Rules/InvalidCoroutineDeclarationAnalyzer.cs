using System.Collections.Immutable;
using Coroutines.Analyzers.Symbols;
using Coroutines.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO052: a <c>[Coroutine]</c> method the generator cannot lower: it must return <c>Coroutine</c>/<c>Coroutine&lt;T&gt;</c>,
/// be <c>async</c> and have a body, and every containing type must be <c>partial</c> (the generator adds <c>MCoroutine</c>
/// and <c>MAsync</c> to the same type). Each problem is its own diagnostic; each diagnostic carries every fixable problem of
/// its declaration (<see cref="SuggestedReturnType"/>, <see cref="FixProperties.DeclarationNotAsync"/>,
/// <see cref="FixProperties.DeclarationNotPartial"/> as keys), so one fix corrects the whole declaration.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidCoroutineDeclarationAnalyzer : CoroutineAnalyzer
{
    /// <summary>Property: the return type the fix writes (<c>Coroutine</c> or <c>Coroutine&lt;T&gt;</c>), present when the return type is wrong.</summary>
    public const string SuggestedReturnType = "SuggestedReturnType";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidCoroutineDeclaration);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        start.RegisterSymbolAction(c => Analyze(c, symbols), SymbolKind.Method);
    }

    private static void Analyze(SymbolAnalysisContext context, CoroutineSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!symbols.HasCoroutineAttribute(method))
            return;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is not MethodDeclarationSyntax declaration)
                continue;
            var location = declaration.Identifier.GetLocation();
            var check = CoroutineDeclaration.Check(declaration, method, context.CancellationToken);
            var hasBody = check.HasBody;
            string? suggested = check.ReturnsCoroutine ? null : SuggestReturnType(method, symbols);
            var notAsync = !check.IsAsync && hasBody;
            var notPartial = check.NonPartialType;
            // Every diagnostic of the declaration carries all its fixable problems, so the one fix corrects them all.
            var all = ImmutableDictionary<string, string?>.Empty;
            if (suggested is not null)
                all = all.Add(SuggestedReturnType, suggested);
            if (notAsync)
                all = all.Add(FixProperties.DeclarationNotAsync, "true");
            if (notPartial is not null)
                all = all.Add(FixProperties.DeclarationNotPartial, "true");
            if (suggested is not null)
                Report(context, location, method, $"must return 'Coroutine' or 'Coroutine<T>', not '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'",
                    FixProperties.DeclarationReturnType, all);
            if (notAsync)
                Report(context, location, method, "must be async", FixProperties.DeclarationNotAsync, all);
            else if (!hasBody)
                Report(context, location, method, "must have a body to lower", FixProperties.NoFix, all);
            if (notPartial is not null)
                Report(context, location, method, $"must be declared in partial types; make '{notPartial.Name}' partial", FixProperties.DeclarationNotPartial, all);
        }
    }

    private static void Report(SymbolAnalysisContext context, Location location, IMethodSymbol method, string problem, string kind,
        ImmutableDictionary<string, string?> allProblems)
    {
        var properties = allProblems.SetItem(FixProperties.Fix, kind).SetItem(FixProperties.Problem, kind);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidCoroutineDeclaration, location, properties, method.Name, problem));
    }

    private static string SuggestReturnType(IMethodSymbol method, CoroutineSymbols symbols)
    {
        if (method.ReturnsVoid || method.ReturnType is not INamedTypeSymbol named)
            return "Coroutine";
        var definition = named.OriginalDefinition;
        if (CoroutineSymbols.Is(definition, symbols.Task) || CoroutineSymbols.Is(definition, symbols.ValueTask))
            return "Coroutine";
        var result = CoroutineSymbols.Is(definition, symbols.TaskOfT) || CoroutineSymbols.Is(definition, symbols.ValueTaskOfT)
            ? named.TypeArguments[0]
            : method.ReturnType;
        return $"Coroutine<{result.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}>";
    }
}
