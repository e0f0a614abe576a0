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

/// <summary>CORO012: <c>async void M()</c> becomes <c>async Coroutine M()</c> (methods and local functions).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidCodeFixer)), Shared]
public sealed class AsyncVoidCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the return-Coroutine fix.</summary>
    public const string ReturnCoroutineKey = "Coroutines.CORO012.ReturnCoroutine";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.AsyncVoidId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.TryGetValue(FixProperties.Fix, out var fix) && fix == AsyncVoidAnalyzer.ReturnCoroutineFix && Declaration(node) is not null)
            yield return new FixOption("Return 'Coroutine'", ReturnCoroutineKey);
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        if (Declaration(node) is not { } declaration)
            return;
        var coroutine = AwaitSyntax.Type(batch.Model, declaration.SpanStart, "Coroutines.Coroutine");
        editor.ReplaceNode(declaration, (current, _) =>
        {
            return current switch
            {
                MethodDeclarationSyntax method => method.WithReturnType(coroutine.WithTriviaFrom(method.ReturnType)),
                LocalFunctionStatementSyntax local => local.WithReturnType(coroutine.WithTriviaFrom(local.ReturnType)),
                _ => current,
            };
        });
    }

    private static SyntaxNode? Declaration(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax or LocalFunctionStatementSyntax => node,
        _ => node.Parent as MethodDeclarationSyntax ?? (SyntaxNode?)(node.Parent as LocalFunctionStatementSyntax),
    };
}
