using System.Collections.Immutable;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO052: a <c>[Coroutine]</c> method the generator cannot lower: it must return <c>Coroutine</c>/<c>Coroutine&lt;T&gt;</c>,
/// be <c>async</c> and have a body, and every containing type must be <c>partial</c> (the generator adds <c>MCoroutine</c>
/// and <c>MAsync</c> to the same type). Each problem is its own diagnostic, with its own fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidCoroutineDeclarationAnalyzer : CoroutineAnalyzer
{
    /// <summary>Property: the return type the fix writes (<c>Coroutine</c> or <c>Coroutine&lt;T&gt;</c>), for the return-type problem.</summary>
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
            if (!symbols.IsCoroutineType(method.ReturnType))
            {
                var suggested = SuggestReturnType(method, symbols);
                Report(context, location, method, $"must return 'Coroutine' or 'Coroutine<T>', not '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'",
                    FixProperties.DeclarationReturnType, suggested);
            }
            if (!method.IsAsync && (declaration.Body is not null || declaration.ExpressionBody is not null))
                Report(context, location, method, "must be async", FixProperties.DeclarationNotAsync, null);
            else if (declaration.Body is null && declaration.ExpressionBody is null)
                Report(context, location, method, "must have a body to lower", FixProperties.NoFix, null);
            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (!IsPartial(type, context))
                {
                    Report(context, location, method, $"must be declared in partial types; make '{type.Name}' partial", FixProperties.DeclarationNotPartial, null);
                    break;
                }
            }
        }
    }

    private static void Report(SymbolAnalysisContext context, Location location, IMethodSymbol method, string problem, string kind, string? suggested)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperties.Fix, kind).Add(FixProperties.Problem, kind);
        if (suggested is not null)
            properties = properties.Add(SuggestedReturnType, suggested);
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

    private static bool IsPartial(INamedTypeSymbol type, SymbolAnalysisContext context)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                return true;
        }
        return false;
    }
}
