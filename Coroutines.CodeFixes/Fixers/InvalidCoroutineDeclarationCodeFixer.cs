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
/// CORO052: one fix corrects every problem of the declaration at once, so a single <c>dotnet format</c> run (which applies
/// one fix per diagnostic ID) leaves nothing behind: it changes the return type to the suggested
/// <c>Coroutine</c>/<c>Coroutine&lt;T&gt;</c>, adds <c>async</c> (only when no <c>return</c> statement returns a value, which
/// would stop compiling), and makes the containing types <c>partial</c>. Every diagnostic of the declaration offers the
/// same fix and carries all the problems (see <see cref="InvalidCoroutineDeclarationAnalyzer"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InvalidCoroutineDeclarationCodeFixer)), Shared]
public sealed class InvalidCoroutineDeclarationCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the fix-the-declaration fix.</summary>
    public const string FixDeclarationKey = "Coroutines.CORO052.FixDeclaration";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidCoroutineDeclarationId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is MethodDeclarationSyntax method && Plan(diagnostic, method) is var (returnType, addAsync, makePartial)
            && (returnType is not null || addAsync || makePartial))
            yield return new FixOption(Title(returnType, addAsync, makePartial), FixDeclarationKey);
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        // A declaration with several problems has several diagnostics; Fix All fixes it once.
        if (key != FixDeclarationKey || node is not MethodDeclarationSyntax declaration || !batch.FirstTime(declaration))
            return;
        var (suggested, addAsync, makePartial) = Plan(diagnostic, declaration);
        if (suggested is not null || addAsync)
        {
            var returnType = suggested is null
                ? null
                : ParseTypeName(AwaitSyntax.TypeName(batch.Model, node.SpanStart, "Coroutines.Coroutine") + suggested.Substring("Coroutine".Length));
            editor.ReplaceNode(node, (current, _) =>
            {
                if (current is not MethodDeclarationSyntax method)
                    return current;
                if (returnType is not null)
                    method = method.WithReturnType(returnType.WithTriviaFrom(method.ReturnType));
                return addAsync && !method.Modifiers.Any(SyntaxKind.AsyncKeyword) ? AsyncModifier.Add(method) : method;
            });
        }
        if (makePartial)
        {
            foreach (var type in node.Ancestors().OfType<TypeDeclarationSyntax>())
            {
                editor.ReplaceNode(type, (current, _) => current is TypeDeclarationSyntax typeDeclaration && !typeDeclaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                    ? MakePartial(typeDeclaration)
                    : current);
            }
        }
    }

    private static (string? ReturnType, bool AddAsync, bool MakePartial) Plan(Diagnostic diagnostic, MethodDeclarationSyntax method)
    {
        diagnostic.Properties.TryGetValue(InvalidCoroutineDeclarationAnalyzer.SuggestedReturnType, out var returnType);
        var addAsync = diagnostic.Properties.ContainsKey(FixProperties.DeclarationNotAsync) && !ReturnsValue(method);
        var makePartial = diagnostic.Properties.ContainsKey(FixProperties.DeclarationNotPartial);
        return (returnType, addAsync, makePartial);
    }

    private static string Title(string? returnType, bool addAsync, bool makePartial)
    {
        var parts = new List<string>();
        if (returnType is not null)
            parts.Add($"return '{returnType}'");
        if (addAsync)
            parts.Add("make the method async");
        if (makePartial)
            parts.Add("make the containing types partial");
        var title = string.Join(", ", parts);
        return char.ToUpperInvariant(title[0]) + title.Substring(1);
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

    private static bool ReturnsValue(MethodDeclarationSyntax method) =>
        method.ExpressionBody is not null
        || method.Body is null
        || method.Body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ReturnStatementSyntax>().Any(r => r.Expression is not null);
}
