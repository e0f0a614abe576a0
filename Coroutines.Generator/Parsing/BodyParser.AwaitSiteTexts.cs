using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

// The text of an await the user did not write as an expression: the awaits of await foreach (MoveNextAsync,
// DisposeAsync) and await using (DisposeAsync) are shown as the statement's header, so task dumps and GetStack()
// show the user's own code ("await foreach (var n in Numbers())"), never a generated temporary.
internal sealed partial class BodyParser
{
    /// <summary>The header of the <c>await foreach</c> or <c>await using</c> statement <paramref name="statement"/>, after its <c>await</c>.</summary>
    private string AwaitedStatementText(SyntaxNode statement) => statement switch
    {
        CommonForEachStatementSyntax loop => Comment(loop.ForEachKeyword, loop.CloseParenToken).Text,
        UsingStatementSyntax usingStatement => Comment(usingStatement.UsingKeyword, usingStatement.CloseParenToken).Text,
        LocalDeclarationStatementSyntax declaration => Comment(declaration.UsingKeyword, declaration.Declaration.GetLastToken()).Text,
        _ => Comment(statement).Text,
    };
}
