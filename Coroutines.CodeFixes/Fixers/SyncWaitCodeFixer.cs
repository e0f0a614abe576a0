using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Coroutines.Analyzers;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>
/// CORO001: <c>t.Wait()</c>, <c>t.Result</c> and <c>t.GetAwaiter().GetResult()</c> become <c>await t</c>;
/// <c>Task.WaitAll(ts)</c> becomes <c>await Task.WhenAll(ts)</c>; <c>loop.RunUntilComplete(c)</c> becomes <c>await c</c>.
/// Waits whose bool result is used (<c>if (t.Wait(100))</c>) have no automatic fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncWaitCodeFixer)), Shared]
public sealed class SyncWaitCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the await fix.</summary>
    public const string AwaitKey = "Coroutines.CORO001.Await";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.SyncWaitId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (Rewrite(diagnostic, node) is not null)
            yield return new FixOption("Use 'await' instead of waiting", AwaitKey);
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key) =>
        editor.ReplaceNode(node, (current, _) => Rewrite(diagnostic, current) ?? current);

    private static ExpressionSyntax? Rewrite(Diagnostic diagnostic, SyntaxNode node)
    {
        diagnostic.Properties.TryGetValue(FixProperties.Fix, out var fix);
        var isStatement = node.Parent is ExpressionStatementSyntax;
        switch (fix)
        {
            case FixProperties.AwaitReceiverFix when node is MemberAccessExpressionSyntax property:
                return AwaitSyntax.Await(property.Expression, node);
            case FixProperties.AwaitReceiverFix when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }:
                if (access.Name.Identifier.ValueText == "GetResult"
                    && access.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter })
                    return AwaitSyntax.Await(getAwaiter.Expression, node);
                return access.Name.Identifier.ValueText == "Wait" && isStatement ? AwaitSyntax.Await(access.Expression, node) : null;
            case FixProperties.AwaitWhenAllFix when isStatement && node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation:
                var whenAll = invocation.WithExpression(access.WithName(IdentifierName("WhenAll")));
                return AwaitSyntax.Await(whenAll, node);
            case FixProperties.AwaitArgumentFix when node is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments }:
                return AwaitSyntax.Await(arguments[0].Expression, node);
            default:
                return null;
        }
    }
}
