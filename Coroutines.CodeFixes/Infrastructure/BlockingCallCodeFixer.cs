using System.Collections.Generic;
using System.Threading;
using Coroutines.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coroutines.CodeFixes.Infrastructure;

/// <summary>
/// The two rewrites of the blocking-call rules (CORO003–CORO005): await the async sibling the analyzer found
/// (<c>File.ReadAllText(p)</c> → <c>await File.ReadAllTextAsync(p)</c>; awaiting a Task in a coroutine resumes on the loop),
/// and run the call in the loop's executor (<c>await EventLoop.Running.RunInExecutor(() => File.ReadAllText(p))</c>). The
/// executor fix is offered only where that call binds, so it appears exactly when the runtime provides the executor.
/// </summary>
public abstract class BlockingCallCodeFixer : CoroutineCodeFixer
{

    /// <summary>The rule ID, used to build stable equivalence keys.</summary>
    protected abstract string RuleId { get; }

    /// <summary>Equivalence key of the async-sibling fix.</summary>
    protected string SiblingKey => "Coroutines." + RuleId + ".AwaitAsyncSibling";

    /// <summary>Equivalence key of the executor fix.</summary>
    protected string ExecutorKey => "Coroutines." + RuleId + ".RunInExecutor";

    /// <inheritdoc/>
    protected sealed override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.TryGetValue(FixProperties.Sibling, out var sibling) && sibling is not null && RewriteToSibling(node, sibling) is not null)
            yield return new FixOption($"Await '{sibling}'", SiblingKey);
        if (diagnostic.Properties.ContainsKey(FixProperties.OfferExecutor) && node is ExpressionSyntax expression && ExecutorBinds(expression, model, cancellationToken))
            yield return new FixOption("Run it in the loop's executor", ExecutorKey);
    }

    /// <inheritdoc/>
    protected sealed override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        if (key == SiblingKey && diagnostic.Properties.TryGetValue(FixProperties.Sibling, out var sibling) && sibling is not null)
            editor.ReplaceNode(node, (current, _) => RewriteToSibling(current, sibling) ?? current);
        else if (key == ExecutorKey)
        {
            var eventLoop = AwaitSyntax.TypeName(batch.Model, node.SpanStart, "Coroutines.EventLoop");
            editor.ReplaceNode(node, (current, _) => current is ExpressionSyntax expression ? AwaitSyntax.Await(ExecutorInvocation(expression, eventLoop), current) : current);
        }
    }

    private static ExpressionSyntax? RewriteToSibling(SyntaxNode node, string sibling)
    {
        if (node is not InvocationExpressionSyntax invocation)
            return null;
        ExpressionSyntax? renamed = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.WithName(Rename(access.Name, sibling)),
            SimpleNameSyntax name => Rename(name, sibling).WithTriviaFrom(name),
            _ => null,
        };
        return renamed is null ? null : AwaitSyntax.Await(invocation.WithExpression(renamed), node);
    }

    private static SimpleNameSyntax Rename(SimpleNameSyntax name, string newName) => name switch
    {
        GenericNameSyntax generic => generic.WithIdentifier(Identifier(newName)),
        _ => IdentifierName(newName),
    };

    private static InvocationExpressionSyntax ExecutorInvocation(ExpressionSyntax work, string eventLoop) =>
        InvocationExpression(
            ParseExpression(eventLoop + ".Running.RunInExecutor"),
            ArgumentList(SingletonSeparatedList(Argument(ParenthesizedLambdaExpression(work.WithoutTrivia())))));

    private static bool ExecutorBinds(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        var candidate = ExecutorInvocation(expression, AwaitSyntax.TypeName(model, expression.SpanStart, "Coroutines.EventLoop"));
        var info = model.GetSpeculativeSymbolInfo(expression.SpanStart, candidate, SpeculativeBindingOption.BindAsExpression);
        return info.Symbol is IMethodSymbol;
    }
}
