using System.Collections.Immutable;
using Coroutines.Analyzers.Symbols;
using Coroutines.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO053 (Info): a call to a <c>[Coroutine]</c> method <c>M</c> where the generated entry point <c>MAsync</c> exists in the
/// same type with the same parameters. Calling <c>M</c> still works, but runs the compiler's opaque
/// lowering instead of the generated state machine that reports its await sites. Calls from <c>MAsync</c> itself (the
/// generator's fallback) are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DirectCoroutineBodyCallAnalyzer : CoroutineAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.DirectCoroutineBodyCall);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, CoroutineSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!symbols.HasCoroutineAttribute(method.OriginalDefinition) || FindEntryPoint(method.OriginalDefinition, symbols) is not { } entryPoint
            || SymbolEqualityComparer.Default.Equals(context.ContainingSymbol.OriginalDefinition, entryPoint))
            return;
        var location = invocation.Syntax is InvocationExpressionSyntax syntax ? NameOf(syntax.Expression).GetLocation() : invocation.Syntax.GetLocation();
        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperties.EntryPoint, entryPoint.Name);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DirectCoroutineBodyCall, location, properties, method.Name, entryPoint.Name));
    }

    /// <summary>The generated <c>MAsync</c> with <paramref name="method"/>'s static-ness, arity and parameter types, if present.</summary>
    internal static IMethodSymbol? FindEntryPoint(IMethodSymbol method, CoroutineSymbols symbols)
    {
        foreach (var member in method.ContainingType.GetMembers(CoroutineNames.EntryPointOf(method.Name)))
        {
            if (member is not IMethodSymbol candidate || candidate.IsStatic != method.IsStatic || candidate.Arity != method.Arity
                || candidate.Parameters.Length != method.Parameters.Length || symbols.HasCoroutineAttribute(candidate))
                continue;
            var same = true;
            for (var i = 0; i < candidate.Parameters.Length && same; i++)
            {
                same = candidate.Parameters[i].RefKind == method.Parameters[i].RefKind
                    && (SymbolEqualityComparer.Default.Equals(candidate.Parameters[i].Type, method.Parameters[i].Type)
                        || candidate.Parameters[i].Type is ITypeParameterSymbol && method.Parameters[i].Type is ITypeParameterSymbol);
            }
            if (same)
                return candidate;
        }
        return null;
    }

    private static SyntaxNode NameOf(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name,
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name,
        _ => expression,
    };
}
