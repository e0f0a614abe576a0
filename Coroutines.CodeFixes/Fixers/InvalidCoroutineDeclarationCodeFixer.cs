using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Coroutines.Analyzers;
using Coroutines.Analyzers.Rules;
using Coroutines.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coroutines.CodeFixes.Fixers;

/// <summary>
/// CORO052: changes the return type to the suggested <c>Coroutine</c>/<c>Coroutine&lt;T&gt;</c>, adds <c>async</c> (only when
/// no <c>return</c> statement returns a value, which would stop compiling), or makes the containing types <c>partial</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InvalidCoroutineDeclarationCodeFixer)), Shared]
public sealed class InvalidCoroutineDeclarationCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the return-type fix.</summary>
    public const string ReturnTypeKey = "Coroutines.CORO052.ReturnType";

    /// <summary>Equivalence key of the add-async fix.</summary>
    public const string AddAsyncKey = "Coroutines.CORO052.AddAsync";

    /// <summary>Equivalence key of the make-partial fix.</summary>
    public const string MakePartialKey = "Coroutines.CORO052.MakePartial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidCoroutineDeclarationId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is not MethodDeclarationSyntax method || !diagnostic.Properties.TryGetValue(FixProperties.Problem, out var problem))
            yield break;
        switch (problem)
        {
            case FixProperties.DeclarationReturnType when diagnostic.Properties.TryGetValue(InvalidCoroutineDeclarationAnalyzer.SuggestedReturnType, out var suggested):
                yield return new FixOption($"Return '{suggested}'", ReturnTypeKey);
                break;
            case FixProperties.DeclarationNotAsync when !ReturnsValue(method):
                yield return new FixOption("Make the method async", AddAsyncKey);
                break;
            case FixProperties.DeclarationNotPartial:
                yield return new FixOption("Make the containing types partial", MakePartialKey);
                break;
        }
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        switch (key)
        {
            case ReturnTypeKey:
                var suggested = diagnostic.Properties[InvalidCoroutineDeclarationAnalyzer.SuggestedReturnType]!;
                var returnType = ParseTypeName(AwaitSyntax.TypeName(batch.Model, node.SpanStart, "Coroutines.Coroutine") + suggested.Substring("Coroutine".Length));
                editor.ReplaceNode(node, (current, _) => current is MethodDeclarationSyntax method
                    ? method.WithReturnType(returnType.WithTriviaFrom(method.ReturnType))
                    : current);
                break;
            case AddAsyncKey:
                editor.ReplaceNode(node, (current, _) => current is MethodDeclarationSyntax method && !method.Modifiers.Any(SyntaxKind.AsyncKeyword)
                    ? AddAsync(method)
                    : current);
                break;
            case MakePartialKey:
                foreach (var type in node.Ancestors().OfType<TypeDeclarationSyntax>())
                {
                    editor.ReplaceNode(type, (current, _) => current is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                        ? MakePartial(declaration)
                        : current);
                }
                break;
        }
    }

    private static TypeDeclarationSyntax MakePartial(TypeDeclarationSyntax declaration)
    {
        // 'partial' must come last among the modifiers, right before the type keyword.
        if (declaration.Modifiers.Count == 0)
        {
            var keyword = declaration.Keyword;
            return declaration.WithKeyword(keyword.WithLeadingTrivia())
                .WithModifiers(TokenList(Token(SyntaxKind.PartialKeyword).WithLeadingTrivia(keyword.LeadingTrivia).WithTrailingTrivia(Space)));
        }
        return declaration.AddModifiers(Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(Space));
    }

    private static MethodDeclarationSyntax AddAsync(MethodDeclarationSyntax method)
    {
        if (method.Modifiers.Count > 0)
            return method.AddModifiers(Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(Space));
        var returnType = method.ReturnType;
        return method.WithReturnType(returnType.WithLeadingTrivia())
            .WithModifiers(TokenList(Token(SyntaxKind.AsyncKeyword).WithLeadingTrivia(returnType.GetLeadingTrivia()).WithTrailingTrivia(Space)));
    }

    private static bool ReturnsValue(MethodDeclarationSyntax method) =>
        method.ExpressionBody is not null
        || method.Body is null
        || method.Body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ReturnStatementSyntax>().Any(r => r.Expression is not null);
}
