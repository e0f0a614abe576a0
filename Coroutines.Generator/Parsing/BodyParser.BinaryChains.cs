using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

// Binary operators are left-associative, so `await F() + a + b + ...` is a chain thousands of operators deep on its
// left side (generated tables and sums reach that). The chain is spilled in a loop from its innermost operator
// outwards, so its length costs no stack: the statements, temporaries and their numbering are those that spilling
// each operator in turn (recursively) would give.
internal sealed partial class BodyParser
{
    private CodeText SpillBinaryChain(BinaryExpressionSyntax top, List<StatementSpec> list)
    {
        var chain = new List<BinaryExpressionSyntax> { top };
        while (chain[chain.Count - 1].Left is BinaryExpressionSyntax left && HasAwait(left))
            chain.Add(left);

        // An && / || / ?? whose right-hand side awaits is lowered into an if statement, whose temporaries are made
        // before its left operand is spilled: all of them first, outermost first, as a recursive descent makes them.
        var results = new MovedLocal?[chain.Count];
        var coalescedLefts = new MovedLocal?[chain.Count];
        for (int i = 0; i < chain.Count; i++)
        {
            var binary = chain[i];
            if (!HasAwait(binary.Right))
                continue;
            if (binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression))
            {
                results[i] = ShortCircuitResult(binary);
            }
            else if (binary.IsKind(SyntaxKind.CoalesceExpression))
            {
                coalescedLefts[i] = NewTemp(TypeOf(binary.Left), binary.Left, TempRole.Left);
                results[i] = NewTemp(TypeOf(binary), binary, TempRole.Coalesced);
            }
        }

        // The spilled text of the operator reached so far, as replacements of spans inside it; rendered only when a
        // temporary or an if statement needs it, so a chain that awaits once is rendered once.
        var innermost = chain[chain.Count - 1];
        var pending = new Dictionary<TextSpan, CodeText> { [innermost.Left.Span] = Spill(innermost.Left, list) };
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            _ct.ThrowIfCancellationRequested();
            var binary = chain[i];
            if (results[i] is { } result)
            {
                CodeText left = TextOf(binary.Left, pending);
                CodeText text = coalescedLefts[i] is { } coalescedLeft
                    ? SpillCoalesce(binary, coalescedLeft, result, left, list)
                    : SpillShortCircuit(binary, result, left, list);
                pending = new Dictionary<TextSpan, CodeText> { [binary.Span] = text };
            }
            else if (HasAwait(binary.Right))
            {
                // the left operand is evaluated before the await on the right: keep its value
                CodeText left = TextOf(binary.Left, pending);
                if (!IsSlot(left) && NeedsTemp(binary.Left))
                {
                    var temp = NewTemp(TypeOf(binary.Left), binary.Left, TempRole.Left);
                    list.Add(new TextStatement(CodeText.Of($"{temp.Slot} = {left};"), LineOf(binary.Left)));
                    left = temp.Slot;
                }
                pending = new Dictionary<TextSpan, CodeText> { [binary.Left.Span] = left };
                pending[binary.Right.Span] = Spill(binary.Right, list);
            }
            // otherwise the right operand (or type, for is and as) is evaluated in place, after the left one
        }
        return TextOf(top, pending);
    }

    /// <summary>The text of <paramref name="node"/> with the replacements of <paramref name="pending"/>.</summary>
    private CodeText TextOf(ExpressionSyntax node, Dictionary<TextSpan, CodeText> pending) =>
        pending.Count == 1 && pending.TryGetValue(node.Span, out var text) ? text : Render(node, pending);

    /// <summary>
    /// Stops spilling an expression nested so deeply some other way (parentheses, calls, right-hand operands) that the
    /// recursion would overflow the stack: it falls back to the compiler's lowering with a CORO101 instead.
    /// </summary>
    private static void EnsureStack(SyntaxNode node)
    {
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }
        catch (System.InsufficientExecutionStackException)
        {
            throw new NotLoweredException("An expression nested too deeply for the generator", node);
        }
    }
}
