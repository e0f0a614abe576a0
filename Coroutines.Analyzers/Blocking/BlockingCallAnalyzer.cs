using System.Collections.Immutable;
using Coroutines.Analyzers.Regions;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Blocking;

/// <summary>
/// The shared shape of the blocking-call rules (CORO001–CORO005): classify each invocation, property read and object
/// creation once with the compilation's <see cref="BlockingCallClassifier"/>, and report it when it falls into this rule's
/// category and sits in a coroutine region where <c>await</c> is legal. Because the classifier gives every call one category,
/// the rules never double-report a call.
/// </summary>
public abstract class BlockingCallAnalyzer : CoroutineAnalyzer
{
    private protected BlockingCallAnalyzer(DiagnosticDescriptor rule, BlockingCategory category)
    {
        Rule = rule;
        Category = category;
        SupportedDiagnostics = ImmutableArray.Create(rule);
    }

    private protected DiagnosticDescriptor Rule { get; }

    private protected BlockingCategory Category { get; }

    /// <inheritdoc/>
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <inheritdoc/>
    private protected sealed override void OnCompilationStart(CompilationStartAnalysisContext start, CoroutineSymbols symbols)
    {
        var classifier = BlockingCallClassifier.For(symbols);
        start.RegisterOperationAction(
            operation => Analyze(operation, symbols, classifier),
            OperationKind.Invocation, OperationKind.PropertyReference, OperationKind.ObjectCreation);
    }

    private void Analyze(OperationAnalysisContext context, CoroutineSymbols symbols, BlockingCallClassifier classifier)
    {
        var operation = context.Operation;
        var call = classifier.Classify(operation);
        if (call.Category != Category
            || !CoroutineRegion.TryFind(operation, context.ContainingSymbol, symbols, out var region)
            || CoroutineRegion.IsWhereAwaitIsIllegal(operation.Syntax)
            || IsExempt(operation, region, symbols))
            return;
        context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), call.Properties, call.Display, call.Replacement));
    }

    /// <summary>Rule-specific exemptions that need the region (completed-task idioms, a lock held across an await).</summary>
    private protected virtual bool IsExempt(IOperation operation, CoroutineRegion region, CoroutineSymbols symbols) => false;
}
