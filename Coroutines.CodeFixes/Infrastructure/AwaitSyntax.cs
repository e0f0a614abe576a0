using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coroutines.CodeFixes.Infrastructure;

/// <summary>Builds <c>await</c> expressions that keep their meaning wherever they replace the original node.</summary>
public static class AwaitSyntax
{
    /// <summary>
    /// <c>await operand</c>, parenthesised when it replaces <paramref name="replaced"/> in a position where an await
    /// expression binds differently (the receiver of a member access, element access or invocation), with
    /// <paramref name="replaced"/>'s trivia.
    /// </summary>
    public static ExpressionSyntax Await(ExpressionSyntax operand, SyntaxNode replaced)
    {
        operand = operand.WithoutTrivia();
        if (!IsPrimary(operand))
            operand = ParenthesizedExpression(operand);
        ExpressionSyntax result = AwaitExpression(operand);
        if (NeedsParentheses(replaced))
            result = ParenthesizedExpression(result);
        return result.WithTriviaFrom(replaced);
    }

    /// <summary><c>await operand</c> as a standalone expression (a new statement).</summary>
    public static ExpressionSyntax Await(ExpressionSyntax operand) =>
        AwaitExpression(IsPrimary(operand) ? operand : ParenthesizedExpression(operand));

    /// <summary><see cref="TypeName"/> parsed as a type.</summary>
    public static TypeSyntax Type(SemanticModel model, int position, string metadataName, string typeArguments = "") =>
        ParseTypeName(TypeName(model, position, metadataName, typeArguments));

    /// <summary>
    /// The shortest spelling of the type <paramref name="metadataName"/> at <paramref name="position"/>: its simple name
    /// (with <paramref name="typeArguments"/>) where that binds to it, else the <c>global::</c> name. Used for System types,
    /// so that fixes read like hand-written code without relying on the simplifier, which leaves some names qualified.
    /// </summary>
    public static string TypeName(SemanticModel model, int position, string metadataName, string typeArguments = "")
    {
        var tick = metadataName.IndexOf('`');
        var fullName = tick < 0 ? metadataName : metadataName.Substring(0, tick);
        var simpleName = fullName.Substring(fullName.LastIndexOf('.') + 1);
        var suffix = typeArguments.Length == 0 ? "" : "<" + typeArguments + ">";
        var arity = tick < 0 ? 0 : int.Parse(metadataName.Substring(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
        // The simple name binds to the type when it is the only visible type of that name and arity.
        var visible = model.LookupNamespacesAndTypes(position, name: simpleName)
            .Where(symbol => symbol is not INamedTypeSymbol named || named.Arity == arity)
            .ToList();
        var binds = visible.Count == 1 && visible[0] is INamedTypeSymbol type
            && type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName == metadataName;
        return (binds ? simpleName : "global::" + fullName) + suffix;
    }

    private static bool IsPrimary(ExpressionSyntax expression) => expression is IdentifierNameSyntax or GenericNameSyntax
        or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ObjectCreationExpressionSyntax
        or ImplicitObjectCreationExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax or LiteralExpressionSyntax
        or AliasQualifiedNameSyntax or QualifiedNameSyntax;

    private static bool NeedsParentheses(SyntaxNode replaced) => replaced.Parent switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Expression == replaced,
        ConditionalAccessExpressionSyntax conditionalAccess => conditionalAccess.Expression == replaced,
        ElementAccessExpressionSyntax elementAccess => elementAccess.Expression == replaced,
        InvocationExpressionSyntax invocation => invocation.Expression == replaced,
        PostfixUnaryExpressionSyntax => true,
        _ => false,
    };
}
