using System.Collections.Immutable;
using Coroutines.Analyzers.Regions;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO040: in a coroutine, a catch clause that would catch the loop's <c>CancelledError</c> (its type is CancelledError,
/// OperationCanceledException, Exception, or a bare catch), has no filter, guards a try block that awaits, and does not end
/// by throwing. In .NET, unlike Python, cancellation derives from Exception, so a broad handler swallows it. A clause after
/// one that already catches cancellation is not reached by it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SwallowedCancellationAnalyzer : CoroutineAnalyzer
{
    /// <summary>The fix kind: insert <c>catch (OperationCanceledException) { throw; }</c> before the broad handler.</summary>
    public const string InsertRethrowClauseFix = "InsertRethrowClause";

    /// <summary>The fix kind: end the cancellation handler with <c>throw;</c>.</summary>
    public const string AppendRethrowFix = "AppendRethrow";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.SwallowedCancellation);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        if (symbols.OperationCanceledException is null)
            return;
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Try);
    }

    private static void Analyze(OperationAnalysisContext context, CoroutineSymbols symbols)
    {
        var tryOperation = (ITryOperation)context.Operation;
        if (tryOperation.Catches.IsEmpty
            || !CoroutineRegion.TryFind(tryOperation, context.ContainingSymbol, symbols, out var region)
            || !region.ContainsAwait(tryOperation.Body))
            return;
        var cancellation = symbols.CancelledError ?? symbols.OperationCanceledException!;
        foreach (var clause in tryOperation.Catches)
        {
            var type = clause.ExceptionType;
            if (!CoroutineSymbols.DerivesFrom(cancellation, type as INamedTypeSymbol) && type.SpecialType != SpecialType.System_Object)
                continue;
            if (clause.Filter is not null)
                continue;
            if (!EndsWithThrow(clause.Handler))
            {
                var isCancellationType = CoroutineSymbols.DerivesFrom(type, symbols.OperationCanceledException);
                var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperties.Fix, isCancellationType ? AppendRethrowFix : InsertRethrowClauseFix);
                var location = clause.Syntax is CatchClauseSyntax syntax ? syntax.CatchKeyword.GetLocation() : clause.Syntax.GetLocation();
                var name = type.SpecialType == SpecialType.System_Object ? "Exception" : type.Name;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SwallowedCancellation, location, properties, name));
            }
            // The first clause that catches cancellation decides; later clauses never see it.
            return;
        }
    }

    private static bool EndsWithThrow(IBlockOperation handler) =>
        handler.Operations.Length > 0 && handler.Operations[handler.Operations.Length - 1] is IThrowOperation
            or IExpressionStatementOperation { Operation: IThrowOperation };
}
