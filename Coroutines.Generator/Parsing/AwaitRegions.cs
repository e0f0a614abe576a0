using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// The syntax of a body that contains a suspension point (an await, <c>await foreach</c>, <c>await using</c>), outside
/// lambdas and local functions: the regions the parser flattens and lowers; the rest keeps its C# shape.
/// </summary>
internal sealed class AwaitRegions
{
    private readonly HashSet<SyntaxNode> _awaitContaining = new(NodeIdentityComparer.Instance);

    /// <summary>Marks every node of <paramref name="body"/> that contains a suspension point (once, before parsing).</summary>
    public void Mark(SyntaxNode body)
    {
        foreach (var node in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            bool suspends = node is AwaitExpressionSyntax
                || node is CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || node is UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || node is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword };
            if (!suspends)
                continue;
            for (var current = node; current is not null && current != body.Parent; current = current.Parent)
            {
                if (!_awaitContaining.Add(current))
                    break;
            }
        }
    }

    /// <summary>Whether <paramref name="node"/> contains a suspension point.</summary>
    public bool Contains(SyntaxNode node) => _awaitContaining.Contains(node);

    /// <summary>Whether <paramref name="statement"/> is a loop that awaits (lowered to labels and jumps).</summary>
    public bool IsLoweredLoop(StatementSyntax statement) =>
        statement is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax && Contains(statement);

    /// <summary>Whether the statements of <paramref name="container"/> are flattened into the machine's body (their locals move).</summary>
    public bool IsFlattenedContainer(SyntaxNode? container) => container switch
    {
        BlockSyntax block => Contains(block),
        SwitchSectionSyntax { Parent: SwitchStatementSyntax switchStatement } => IsLoweredSwitch(switchStatement),
        _ => false,
    };

    /// <summary>Whether a section of <paramref name="switchStatement"/> awaits (then the switch is lowered to tests and jumps).</summary>
    public bool IsLoweredSwitch(SwitchStatementSyntax switchStatement) => switchStatement.Sections.Any(Contains);
}
