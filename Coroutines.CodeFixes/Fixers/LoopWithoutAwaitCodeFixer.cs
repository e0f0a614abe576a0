using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Coroutines.Analyzers;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>
/// CORO031: inserts <c>await Loop.Yield();</c> into the endless loop's body: at the end (ASYNC913's checkpoint), or at the
/// start when the body uses <c>continue</c>, so that every iteration reaches it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LoopWithoutAwaitCodeFixer)), Shared]
public sealed class LoopWithoutAwaitCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the insert-yield fix.</summary>
    public const string InsertYieldKey = "Coroutines.CORO031.InsertYield";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.LoopWithoutAwaitId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax)
            yield return new FixOption("Insert 'await Loop.Yield();'", InsertYieldKey);
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        var loopType = AwaitSyntax.TypeName(batch.Model, node.SpanStart, "Coroutines.Loop");
        editor.ReplaceNode(node, (current, _) => current switch
        {
            WhileStatementSyntax loop => loop.WithStatement(WithYield(loop.Statement, loopType)),
            DoStatementSyntax loop => loop.WithStatement(WithYield(loop.Statement, loopType)),
            ForStatementSyntax loop => loop.WithStatement(WithYield(loop.Statement, loopType)),
            _ => current,
        });
    }

    private static StatementSyntax WithYield(StatementSyntax body, string loopType)
    {
        var yield = ExpressionStatement(AwaitSyntax.Await(ParseExpression(loopType + ".Yield()")))
            .WithAdditionalAnnotations(Formatter.Annotation);
        var block = body as BlockSyntax ?? Block(body).WithAdditionalAnnotations(Formatter.Annotation);
        var usesContinue = block.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax
            or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or ForEachStatementSyntax) || n == block)
            .OfType<ContinueStatementSyntax>().Any();
        return usesContinue ? block.WithStatements(block.Statements.Insert(0, yield)) : block.AddStatements(yield);
    }
}
