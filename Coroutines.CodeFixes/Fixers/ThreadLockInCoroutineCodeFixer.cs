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
/// CORO030: retypes the lock field to the loop's <c>AsyncLock</c> and turns every <c>lock (gate) body</c> on it into
/// <c>using (await gate.Acquire()) body</c>. Offered only when that is safe to do mechanically: the field is private, of type
/// <c>object</c> or <c>Lock</c>, declared alone, every use of it is a <c>lock</c> statement in an async function, and the
/// compilation has <c>Coroutines.AsyncLock</c> with a parameterless <c>Acquire()</c>. The type may have other parts: the
/// generated part of a type with <c>[Coroutine]</c> methods, and parts in other files that do not use the field.
/// Acquire/await/release patterns are left to the developer.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ThreadLockInCoroutineCodeFixer)), Shared]
public sealed class ThreadLockInCoroutineCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the use-AsyncLock fix.</summary>
    public const string UseAsyncLockKey = "Coroutines.CORO030.UseAsyncLock";

    private const string AsyncLockMetadataName = "Coroutines.AsyncLock";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ThreadLockInCoroutineId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.TryGetValue(FixProperties.Fix, out var fix) && fix == ThreadLockInCoroutineAnalyzer.LockStatementKind
            && Analyze(node, model, cancellationToken) is not null)
            yield return new FixOption("Use AsyncLock", UseAsyncLockKey);
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        if (Analyze(node, batch.Model, batch.CancellationToken) is not { } plan || !batch.FirstTime(plan.Field))
            return;
        var asyncLock = AwaitSyntax.Type(batch.Model, node.SpanStart, "Coroutines.AsyncLock");
        editor.ReplaceNode(plan.Declaration, (current, _) =>
        {
            var declaration = (FieldDeclarationSyntax)current;
            var variable = declaration.Declaration.Variables[0];
            var initialized = variable.WithInitializer(EqualsValueClause(ObjectCreationExpression(asyncLock).WithArgumentList(ArgumentList())));
            return declaration.WithDeclaration(declaration.Declaration
                .WithType(asyncLock.WithTriviaFrom(declaration.Declaration.Type))
                .WithVariables(SingletonSeparatedList(initialized)));
        });
        foreach (var lockStatement in plan.Locks)
        {
            editor.ReplaceNode(lockStatement, (current, _) =>
            {
                var statement = (LockStatementSyntax)current;
                var acquire = InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                    statement.Expression.WithoutTrivia(), IdentifierName("Acquire")));
                return UsingStatement(statement.Statement)
                    .WithExpression(AwaitSyntax.Await(acquire))
                    .WithOpenParenToken(statement.OpenParenToken)
                    .WithCloseParenToken(statement.CloseParenToken)
                    .WithUsingKeyword(Token(statement.LockKeyword.LeadingTrivia, SyntaxKind.UsingKeyword, statement.LockKeyword.TrailingTrivia));
            });
        }
    }

    private static Plan? Analyze(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is not LockStatementSyntax lockStatement
            || model.GetSymbolInfo(lockStatement.Expression, cancellationToken).Symbol is not IFieldSymbol field
            || field.DeclaredAccessibility != Accessibility.Private
            || !(field.Type.SpecialType == SpecialType.System_Object || field.Type.ToDisplayString() == "System.Threading.Lock")
            || model.Compilation.GetTypeByMetadataName(AsyncLockMetadataName) is not { } asyncLock
            || !asyncLock.GetMembers("Acquire").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0 && !m.IsStatic))
            return null;
        var references = field.DeclaringSyntaxReferences;
        if (references.Length != 1 || references[0].SyntaxTree != model.SyntaxTree
            || references[0].GetSyntax(cancellationToken).Parent?.Parent is not FieldDeclarationSyntax { Declaration.Variables.Count: 1 } declaration)
            return null;
        var locks = new List<LockStatementSyntax>();
        foreach (var typeReference in field.ContainingType.DeclaringSyntaxReferences)
        {
            var tree = typeReference.SyntaxTree;
            // Coroutines.Generator adds a part to every type with [Coroutine] methods, and regenerates it from the fixed
            // source: its uses of the field follow by themselves.
            if (tree != model.SyntaxTree && GeneratedCode.IsGenerated(tree, cancellationToken))
                continue;
            SemanticModel? partModel = tree == model.SyntaxTree ? model : null;
            foreach (var name in typeReference.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != field.Name)
                    continue;
                partModel ??= model.Compilation.GetSemanticModel(tree);
                if (!SymbolEqualityComparer.Default.Equals(partModel.GetSymbolInfo(name, cancellationToken).Symbol, field))
                    continue;
                // A use in a part the user wrote in another file: this fix edits one document, so it cannot retype the
                // field without leaving that use behind.
                if (tree != model.SyntaxTree)
                    return null;
                var usage = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access : (ExpressionSyntax)name;
                if (usage.Parent is not LockStatementSyntax user || user.Expression != usage || !IsInAsyncFunction(user))
                    return null;
                locks.Add(user);
            }
        }
        return new Plan(field, declaration, locks);
    }

    private static bool IsInAsyncFunction(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MemberDeclarationSyntax:
                    return false;
            }
        }
        return false;
    }

    private sealed class Plan
    {
        public Plan(IFieldSymbol field, FieldDeclarationSyntax declaration, List<LockStatementSyntax> locks)
        {
            Field = field;
            Declaration = declaration;
            Locks = locks;
        }

        public IFieldSymbol Field { get; }
        public FieldDeclarationSyntax Declaration { get; }
        public List<LockStatementSyntax> Locks { get; }
    }
}
