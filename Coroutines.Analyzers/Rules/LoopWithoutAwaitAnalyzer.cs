using System.Collections.Immutable;
using Coroutines.Analyzers.Regions;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Rules;

/// <summary>
/// CORO031: an endless loop (<c>while (true)</c>, <c>for (;;)</c>, <c>do … while (true)</c>) in a coroutine whose body has
/// no await point at all (nested functions excluded). It starves every other coroutine, and cancellation, which is
/// delivered at an await, can never reach it (ASYNC913).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LoopWithoutAwaitAnalyzer : CoroutineAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.LoopWithoutAwait);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Loop);
    }

    private static void Analyze(OperationAnalysisContext context, CoroutineSymbols symbols)
    {
        var loop = (ILoopOperation)context.Operation;
        var endless = loop switch
        {
            IWhileLoopOperation whileLoop => IsConstantTrue(whileLoop.Condition),
            IForLoopOperation forLoop => forLoop.Condition is null || IsConstantTrue(forLoop.Condition),
            _ => false,
        };
        if (!endless
            || !CoroutineRegion.TryFind(loop, context.ContainingSymbol, symbols, out var region)
            || !region.CanAwait
            || CoroutineRegion.IsWhereAwaitIsIllegal(loop.Syntax)
            || region.ContainsAwait(loop.Body))
            return;
        var keyword = loop.Syntax switch
        {
            WhileStatementSyntax whileStatement => whileStatement.WhileKeyword,
            DoStatementSyntax doStatement => doStatement.DoKeyword,
            ForStatementSyntax forStatement => forStatement.ForKeyword,
            _ => default,
        };
        var location = keyword == default ? loop.Syntax.GetLocation() : keyword.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LoopWithoutAwait, location));
    }

    private static bool IsConstantTrue(IOperation? condition) =>
        condition?.ConstantValue is { HasValue: true, Value: true };
}
