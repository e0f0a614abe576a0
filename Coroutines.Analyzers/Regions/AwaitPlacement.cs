using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Analyzers.Regions;

/// <summary>Where an inserted <c>await</c> would not compile; shared by the analyzers and the code fixes.</summary>
public static class AwaitPlacement
{
    /// <summary>
    /// Whether <paramref name="node"/> sits in a <c>lock</c>, <c>unsafe</c> or <c>fixed</c> block or a query clause of its
    /// function (the nearest method, local function or lambda), where <c>await</c> is illegal.
    /// </summary>
    public static bool IsIllegalAt(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax:
                case UnsafeStatementSyntax:
                case FixedStatementSyntax:
                case QueryExpressionSyntax:
                    return true;
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case MemberDeclarationSyntax:
                    return false;
            }
        }
        return false;
    }
}
