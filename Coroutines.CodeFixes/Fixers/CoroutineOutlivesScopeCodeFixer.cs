using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Coroutines.Analyzers;
using Coroutines.Analyzers.Regions;
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
/// CORO016: awaits the returned coroutine inside the scope. The function becomes <c>async</c> and every <c>return e;</c>
/// of it becomes <c>return await e;</c> (for <c>Coroutine&lt;T&gt;</c>) or <c>await e; return;</c> (for <c>Coroutine</c>), so
/// the coroutine runs before the <c>using</c> disposes or the <c>finally</c> runs. Offered for methods, local functions and
/// lambdas with a block body that return a coroutine, when every <c>return</c> returns a coroutine of the function's result type
/// and none sits where <c>await</c> does not compile.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CoroutineOutlivesScopeCodeFixer)), Shared]
public sealed class CoroutineOutlivesScopeCodeFixer : CoroutineCodeFixer
{
    /// <summary>Equivalence key of the return-await fix.</summary>
    public const string ReturnAwaitKey = "Coroutines.CORO016.ReturnAwait";

    private const string CoroutineName = "Coroutines.Coroutine";
    private const string CoroutineOfTName = "Coroutines.Coroutine<T>";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.CoroutineOutlivesScopeId);

    /// <inheritdoc/>
    protected override IEnumerable<FixOption> GetFixes(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.TryGetValue(FixProperties.Fix, out var fix) && fix == CoroutineOutlivesScopeAnalyzer.ReturnAwaitFix
            && Analyze(node, model, cancellationToken) is not null)
            yield return new FixOption("Await it inside the scope ('return await')", ReturnAwaitKey);
    }

    /// <inheritdoc/>
    protected override void Apply(DocumentEditor editor, FixBatch batch, Diagnostic diagnostic, SyntaxNode node, string key)
    {
        if (Analyze(node, batch.Model, batch.CancellationToken) is not { } plan || !batch.FirstTime(plan.Function))
            return;
        foreach (var returnStatement in plan.Returns)
        {
            var awaited = AwaitSyntax.Await(returnStatement.Expression!.WithoutTrivia());
            if (plan.ReturnsValue)
            {
                editor.ReplaceNode(returnStatement, returnStatement.WithExpression(awaited.WithTriviaFrom(returnStatement.Expression!)));
                continue;
            }
            var awaitStatement = ExpressionStatement(awaited).WithTriviaFrom(returnStatement);
            if (returnStatement.Parent is BlockSyntax block)
            {
                // The last statement of the body needs no 'return;' after the await.
                if (block != plan.Body || block.Statements.Last() != returnStatement)
                    editor.InsertAfter(returnStatement, ReturnStatement().WithTriviaFrom(returnStatement));
                editor.ReplaceNode(returnStatement, awaitStatement);
            }
            else
            {
                editor.ReplaceNode(returnStatement, Block(ExpressionStatement(awaited), ReturnStatement()).WithTriviaFrom(returnStatement));
            }
        }
        editor.ReplaceNode(plan.Function, (current, _) => current switch
        {
            MethodDeclarationSyntax method when !method.Modifiers.Any(SyntaxKind.AsyncKeyword) => AsyncModifier.Add(method),
            LocalFunctionStatementSyntax local when !local.Modifiers.Any(SyntaxKind.AsyncKeyword) => AsyncModifier.Add(local),
            AnonymousFunctionExpressionSyntax lambda when !lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) => AsyncModifier.Add(lambda),
            _ => current,
        });
    }

    private static Plan? Analyze(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var function = node.AncestorsAndSelf().FirstOrDefault(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax);
        var (modifiers, body, parameters) = function switch
        {
            MethodDeclarationSyntax method => (method.Modifiers, method.Body, method.ParameterList.Parameters),
            LocalFunctionStatementSyntax local => (local.Modifiers, local.Body, local.ParameterList.Parameters),
            ParenthesizedLambdaExpressionSyntax lambda => (lambda.Modifiers, lambda.Block, lambda.ParameterList.Parameters),
            SimpleLambdaExpressionSyntax lambda => (lambda.Modifiers, lambda.Block, SingletonSeparatedList(lambda.Parameter)),
            _ => (default, null, default),
        };
        var symbol = function is AnonymousFunctionExpressionSyntax
            ? model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol
            : model.GetDeclaredSymbol(function!, cancellationToken) as IMethodSymbol;
        if (body is null || symbol is null || modifiers.Any(SyntaxKind.AsyncKeyword) || modifiers.Any(SyntaxKind.UnsafeKeyword)
            || parameters.Any(p => p.Modifiers.Any(m => m.IsKind(SyntaxKind.RefKeyword) || m.IsKind(SyntaxKind.OutKeyword) || m.IsKind(SyntaxKind.InKeyword))))
            return null;
        var returnType = symbol.ReturnType.OriginalDefinition.ToDisplayString();
        if (returnType != CoroutineName && returnType != CoroutineOfTName)
            return null;
        var returnsValue = returnType == CoroutineOfTName;
        var returns = new List<ReturnStatementSyntax>();
        foreach (var statement in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (statement is YieldStatementSyntax)
                return null;
            if (statement is not ReturnStatementSyntax { Expression: { } expression } returnStatement)
                continue;
            var type = model.GetTypeInfo(expression, cancellationToken).Type;
            var fits = returnsValue
                ? SymbolEqualityComparer.Default.Equals(type, symbol.ReturnType)
                : type?.OriginalDefinition.ToDisplayString() is CoroutineName or CoroutineOfTName;
            if (!fits || AwaitPlacement.IsIllegalAt(returnStatement))
                return null;
            returns.Add(returnStatement);
        }
        return returns.Count == 0 ? null : new Plan(function!, body, returns, returnsValue);
    }

    private sealed class Plan
    {
        public Plan(SyntaxNode function, BlockSyntax body, List<ReturnStatementSyntax> returns, bool returnsValue)
        {
            Function = function;
            Body = body;
            Returns = returns;
            ReturnsValue = returnsValue;
        }

        public SyntaxNode Function { get; }
        public BlockSyntax Body { get; }
        public List<ReturnStatementSyntax> Returns { get; }
        public bool ReturnsValue { get; }
    }
}
