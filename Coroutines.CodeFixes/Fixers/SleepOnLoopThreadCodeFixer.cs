using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using Coroutines.Analyzers;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>
/// CORO002: <c>Thread.Sleep(x)</c> and <c>Task.Delay(x).Wait()</c> become <c>await Loop.Sleep(...)</c>, with the delay as a
/// TimeSpan (<c>2000</c> ms becomes <c>TimeSpan.FromSeconds(2)</c>, as in the tutorial); <c>Thread.Sleep(0)</c>,
/// <c>Thread.Yield()</c>, <c>Thread.SpinWait(n)</c> and <c>SpinWait.SpinOnce()</c> become <c>await Loop.Yield()</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SleepOnLoopThreadCodeFixer)), Shared]
public sealed class SleepOnLoopThreadCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the Loop.Sleep / Loop.Yield fix.</summary>
    public const string LoopSleepKey = "Coroutines.CORO002.LoopSleep";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.SleepOnLoopThreadId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (Rewrite(diagnostic, node, model, cancellationToken) is not null)
            yield return new FixOption(diagnostic.Properties.TryGetValue(FixProperties.Fix, out var fix) && fix == FixProperties.LoopYieldFix
                ? "Use 'await Loop.Yield()'"
                : "Use 'await Loop.Sleep(...)'", LoopSleepKey);
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        // The delay is computed from the original tree, where the semantic model applies.
        if (Rewrite(diagnostic, node, batch.Model, batch.CancellationToken) is { } replacement)
            editor.ReplaceNode(node, replacement);
    }

    private static ExpressionSyntax? Rewrite(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        // Thread.Sleep returns void, but Thread.Yield returns bool and SpinUntil is not rewritable: fix statements only.
        if (node is not InvocationExpressionSyntax invocation || node.Parent is not ExpressionStatementSyntax)
            return null;
        diagnostic.Properties.TryGetValue(FixProperties.Fix, out var fix);
        switch (fix)
        {
            case FixProperties.LoopYieldFix:
                return AwaitSyntax.Await(SyntaxFactory.ParseExpression(AwaitSyntax.TypeName(model, node.SpanStart, "Coroutines.Loop") + ".Yield()"), node);
            case FixProperties.LoopSleepFix when invocation.ArgumentList.Arguments.Count == 1:
                return Sleep(invocation.ArgumentList.Arguments[0].Expression, node, model, cancellationToken);
            case FixProperties.DelaySleepFix when FindDelay(invocation) is { ArgumentList.Arguments: { Count: 1 } arguments }:
                return Sleep(arguments[0].Expression, node, model, cancellationToken);
            default:
                return null;
        }
    }

    private static InvocationExpressionSyntax? FindDelay(InvocationExpressionSyntax invocation)
    {
        var receiver = (invocation.Expression as MemberAccessExpressionSyntax)?.Expression;
        if (receiver is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter })
            receiver = getAwaiter.Expression;
        return receiver as InvocationExpressionSyntax;
    }

    private static ExpressionSyntax? Sleep(ExpressionSyntax delay, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var type = model.GetTypeInfo(delay, cancellationToken).Type;
        string argument;
        if (type?.ToDisplayString() == "System.TimeSpan")
            argument = delay.WithoutTrivia().ToFullString();
        else if (type?.SpecialType != SpecialType.System_Int32)
            return null;
        else if (delay is LiteralExpressionSyntax { Token.Value: int milliseconds } && milliseconds % 1000 == 0)
            argument = AwaitSyntax.TypeName(model, node.SpanStart, "System.TimeSpan") + ".FromSeconds(" + (milliseconds / 1000).ToString(CultureInfo.InvariantCulture) + ")";
        else
            argument = AwaitSyntax.TypeName(model, node.SpanStart, "System.TimeSpan") + ".FromMilliseconds(" + delay.WithoutTrivia().ToFullString() + ")";
        var sleep = SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression(AwaitSyntax.TypeName(model, node.SpanStart, "Coroutines.Loop") + ".Sleep"),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(argument)))));
        return AwaitSyntax.Await(sleep, node);
    }
}
