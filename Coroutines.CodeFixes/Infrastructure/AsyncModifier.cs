using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coroutines.CodeFixes.Infrastructure;

/// <summary>Adds the <c>async</c> modifier to a method, local function or lambda, keeping the leading trivia in place.</summary>
public static class AsyncModifier
{
    /// <summary><paramref name="method"/> with <c>async</c> as its last modifier.</summary>
    public static MethodDeclarationSyntax Add(MethodDeclarationSyntax method)
    {
        var (modifiers, returnType) = Add(method.Modifiers, method.ReturnType);
        return method.WithModifiers(modifiers).WithReturnType(returnType);
    }

    /// <summary><paramref name="function"/> with <c>async</c> as its last modifier.</summary>
    public static LocalFunctionStatementSyntax Add(LocalFunctionStatementSyntax function)
    {
        var (modifiers, returnType) = Add(function.Modifiers, function.ReturnType);
        return function.WithModifiers(modifiers).WithReturnType(returnType);
    }

    /// <summary><paramref name="lambda"/> made async (<c>async () => ...</c>).</summary>
    public static AnonymousFunctionExpressionSyntax Add(AnonymousFunctionExpressionSyntax lambda)
    {
        var leading = lambda.GetLeadingTrivia();
        return lambda.WithoutLeadingTrivia().WithAsyncKeyword(Token(leading, SyntaxKind.AsyncKeyword, TriviaList(Space)));
    }

    private static (SyntaxTokenList Modifiers, TypeSyntax ReturnType) Add(SyntaxTokenList modifiers, TypeSyntax returnType)
    {
        if (modifiers.Count > 0)
            return (modifiers.Add(Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(Space)), returnType);
        // With no modifiers the return type carries the declaration's indentation: it moves to 'async'.
        return (TokenList(Token(SyntaxKind.AsyncKeyword).WithLeadingTrivia(returnType.GetLeadingTrivia()).WithTrailingTrivia(Space)),
            returnType.WithLeadingTrivia());
    }
}
