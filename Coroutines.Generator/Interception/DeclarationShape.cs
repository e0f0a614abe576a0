using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Interception;

/// <summary>
/// The part of a file that calls in other files bind against: its text without comments, whitespace and the insides of
/// member bodies. Overload resolution, the <c>[Coroutine]</c> attributes, the signatures and accessibility an
/// interceptor copies all live here; a statement inside a body cannot change how a call in another file binds. So while
/// no file's shape changes, a file whose text is unchanged has the same intercepted calls as before and is not read again.
/// </summary>
internal static class DeclarationShape
{
    public static string Of(SyntaxTree tree, CancellationToken ct)
    {
        if (!InterceptionSettings.IsEnabled(tree.Options))
            return "";   // nothing of the project is bound for interception
        var root = tree.GetRoot(ct);
        var text = new StringBuilder();
        // #nullable, #if and the like change what the declarations mean (the nullability an interceptor copies), even
        // when they stand inside a body
        if (root is CSharpSyntaxNode { ContainsDirectives: true } csharpRoot)
        {
            for (var directive = csharpRoot.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
                text.Append(directive.ToString().Trim()).Append('\n');
        }
        bool topLevelStatements = false;
        foreach (var item in root.DescendantNodesAndTokens(node => !IsBody(node) && node is not GlobalStatementSyntax))
        {
            if (item.IsNode)
            {
                var node = item.AsNode()!;
                if (node is GlobalStatementSyntax)
                {
                    // whether the file has top-level statements (it declares the program's entry point), not what they say
                    if (!topLevelStatements)
                        text.Append("<top-level statements> ");
                    topLevelStatements = true;
                }
                else if (IsBody(node))
                {
                    text.Append(node is BlockSyntax ? "{ } " : "=> ; ");
                }
                continue;
            }
            text.Append(item.AsToken().Text).Append(' ');
        }
        return text.ToString();
    }

    /// <summary>The body of a method, constructor, operator, accessor or expression-bodied property.</summary>
    private static bool IsBody(SyntaxNode node) =>
        node is BlockSyntax or ArrowExpressionClauseSyntax
        && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax;
}
