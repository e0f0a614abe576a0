using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Coroutines.Analyzers;
using Coroutines.Analyzers.Rules;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>CORO010: <c>Body();</c> and <c>_ = Body();</c> become <c>await Body();</c> where the enclosing function is async.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnawaitedCoroutineCodeFixer)), Shared]
public sealed class UnawaitedCoroutineCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the add-await fix.</summary>
    public const string AddAwaitKey = "Coroutines.CORO010.AddAwait";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnawaitedCoroutineId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.TryGetValue(FixProperties.Fix, out var fix) && fix == UnawaitedCoroutineAnalyzer.AddAwaitFix && Target(node) is not null)
            yield return new FixOption("Await the coroutine", AddAwaitKey);
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        if (Target(node) is not { } target)
            return;
        editor.ReplaceNode(target, (current, _) => current is AssignmentExpressionSyntax assignment
            ? AwaitSyntax.Await(assignment.Right, current)
            : AwaitSyntax.Await((ExpressionSyntax)current, current));
    }

    /// <summary>The expression to replace: the call itself, or the whole <c>_ = call</c> discard assignment.</summary>
    private static ExpressionSyntax? Target(SyntaxNode node)
    {
        if (node is not ExpressionSyntax expression)
            return null;
        if (expression.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax } discard)
            return discard;
        return expression.Parent is ExpressionStatementSyntax ? expression : null;
    }
}
