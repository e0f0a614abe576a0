using System.Collections.Immutable;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Analyzers.Suppressors;

/// <summary>
/// Suppresses CS4014 ("Because this call is not awaited, execution of the current method continues before the call is
/// completed") where the unawaited call returns a coroutine. The message describes a hot Task; a coroutine is cold, so
/// the call runs nothing at all, and CORO010 reports that. A call returning a Task or a loop task keeps its CS4014: there
/// the compiler's message is right.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ColdCoroutineCallSuppressor : DiagnosticSuppressor
{
    /// <summary>The suppression's ID.</summary>
    public const string Id = "CORO900";

    /// <summary>CORO900: suppresses CS4014 on calls that create a coroutine.</summary>
    public static readonly SuppressionDescriptor ColdCoroutineCall = new(
        Id,
        "CS4014",
        "A coroutine is cold: the unawaited call does not run concurrently, it does not run at all (CORO010 reports it as never awaited).");

    /// <inheritdoc/>
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(ColdCoroutineCall);

    /// <inheritdoc/>
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (diagnostic.Location.SourceTree is not { } tree)
                continue;
            var model = context.GetSemanticModel(tree);
            if (CoroutineSymbols.For(model.Compilation) is not { } symbols)
                return;
            var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is ExpressionSyntax expression && symbols.IsCoroutineType(model.GetTypeInfo(expression, context.CancellationToken).Type))
                context.ReportSuppression(Suppression.Create(ColdCoroutineCall, diagnostic));
        }
    }
}
