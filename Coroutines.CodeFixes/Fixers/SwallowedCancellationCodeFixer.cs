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
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>
/// CORO040: a broad handler gets <c>catch (OperationCanceledException) { throw; }</c> inserted before it; a handler of the
/// cancellation type itself ends with <c>throw;</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SwallowedCancellationCodeFixer)), Shared]
public sealed class SwallowedCancellationCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the rethrow fix.</summary>
    public const string RethrowKey = "Coroutines.CORO040.RethrowCancellation";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.SwallowedCancellationId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is CatchClauseSyntax && diagnostic.Properties.TryGetValue(FixProperties.Fix, out var fix))
        {
            if (fix == SwallowedCancellationAnalyzer.InsertRethrowClauseFix)
                yield return new FixOption("Rethrow OperationCanceledException before this handler", RethrowKey);
            else if (fix == SwallowedCancellationAnalyzer.AppendRethrowFix)
                yield return new FixOption("Rethrow the cancellation", RethrowKey);
        }
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        var clause = (CatchClauseSyntax)node;
        if (diagnostic.Properties[FixProperties.Fix] == SwallowedCancellationAnalyzer.AppendRethrowFix)
        {
            editor.ReplaceNode(clause, (current, _) =>
            {
                var catchClause = (CatchClauseSyntax)current;
                return catchClause.WithBlock(catchClause.Block.AddStatements(ThrowStatement().WithAdditionalAnnotations(Formatter.Annotation)));
            });
            return;
        }
        var rethrow = CatchClause(
                CatchDeclaration(ParseTypeName(AwaitSyntax.TypeName(batch.Model, clause.SpanStart, "System.OperationCanceledException"))),
                filter: null,
                Block(ThrowStatement()))
            .WithAdditionalAnnotations(Formatter.Annotation);
        editor.InsertBefore(clause, rethrow);
    }
}
