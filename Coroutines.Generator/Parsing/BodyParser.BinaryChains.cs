using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

// Binary operators are left-associative, so `await F() + a + b + ...` is a chain thousands of operators deep on its
// left side (generated tables and sums reach that). The chain is bound in a loop from its innermost operator
// outwards into one BoundBinaryChain, which the spilling pass lowers in a loop too, so its length costs no stack:
// the statements, temporaries and their numbering are those that spilling each operator in turn (recursively) would give.
internal sealed partial class BodyParser
{
    private BoundBinaryChain BindBinaryChain(BinaryExpressionSyntax top)
    {
        var chain = new List<BinaryExpressionSyntax> { top };
        while (chain[chain.Count - 1].Left is BinaryExpressionSyntax left && HasAwait(left))
            chain.Add(left);

        // An && / || / ?? whose right-hand side awaits is lowered into an if statement, whose temporaries are made
        // before its left operand is spilled: all of them first, outermost first, as a recursive descent makes them.
        var results = new TempRequest?[chain.Count];
        var coalescedLefts = new TempRequest?[chain.Count];
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
                coalescedLefts[i] = TempFor(TypeOf(binary.Left), binary.Left, TempRole.Left);
                results[i] = TempFor(TypeOf(binary), binary, TempRole.Coalesced);
            }
        }

        // The spans that the value reached so far replaces (its holes, in order) inside the operator reached so far;
        // rendered only at an operator whose right-hand side awaits, so a chain that awaits once is rendered once.
        var innermost = chain[chain.Count - 1];
        var operand = Bind(innermost.Left);
        var pending = new List<TextSpan> { innermost.Left.Span };
        bool pendingIsSlot = operand.ValueIsSlot && !MayBeAssignedBeforeLaterAwait(innermost.Left);
        var links = new List<BoundChainLink>();
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            _ct.ThrowIfCancellationRequested();
            var binary = chain[i];
            if (results[i] is { } result)
            {
                CodeText left = TemplateOf(binary.Left, pending);
                var leftType = TypeOf(binary.Left);
                var kind = binary.IsKind(SyntaxKind.LogicalAndExpression) ? ChainLinkKind.And
                    : binary.IsKind(SyntaxKind.LogicalOrExpression) ? ChainLinkKind.Or
                    : ChainLinkKind.Coalesce;
                bool unwrap = kind == ChainLinkKind.Coalesce && IsNullableValueType(leftType) && !IsNullableValueType(TypeOf(binary));
                bool leftIsReference = kind == ChainLinkKind.Coalesce && leftType!.IsReferenceType;
                links.Add(new BoundChainLink(kind, left, Bind(binary.Right), coalescedLefts[i], result, unwrap, leftIsReference, LineOf(binary.Left), LineOf(binary.Right), LineOf(binary)));
                pending = new List<TextSpan> { binary.Span };
                pendingIsSlot = result.Prototype is null;
            }
            else if (HasAwait(binary.Right))
            {
                // the left operand is evaluated before the await on the right: keep its value
                CodeText left = TemplateOf(binary.Left, pending);
                bool leftIsSlot = pendingIsSlot && left.Parts.Count == 1 && left.Parts[0].Use == SlotUse.Hole;
                var leftTemp = !leftIsSlot && NeedsTemp(binary.Left) ? TempFor(TypeOf(binary.Left), binary.Left, TempRole.Left) : null;
                links.Add(new BoundChainLink(ChainLinkKind.Plain, left, Bind(binary.Right), leftTemp, null, false, false, LineOf(binary.Left), LineOf(binary.Right), LineOf(binary)));
                pending = new List<TextSpan> { binary.Left.Span, binary.Right.Span };
                pendingIsSlot = false;
            }
            // otherwise the right operand (or type, for is and as) is evaluated in place, after the left one
        }
        return new BoundBinaryChain(operand, links.ToEquatableArray(), TemplateOf(top, pending));
    }

    /// <summary>The text of <paramref name="node"/> with a hole for each of the <paramref name="pending"/> spans, in order.</summary>
    private CodeText TemplateOf(ExpressionSyntax node, List<TextSpan> pending)
    {
        if (pending.Count == 1 && pending[0] == node.Span)
            return CodeText.Hole(0);
        var holes = new Dictionary<TextSpan, CodeText>(pending.Count);
        for (int i = 0; i < pending.Count; i++)
            holes[pending[i]] = CodeText.Hole(i);
        return Render(node, holes);
    }

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
