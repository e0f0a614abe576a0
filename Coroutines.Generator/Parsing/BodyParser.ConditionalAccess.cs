using System.Collections.Generic;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

// a?.M(await x): the receiver is evaluated once into a temporary and tested for null; only when it is not null does
// the rest run, awaits included (Roslyn's BoundLoweredConditionalAccess spilled the same way). The spilling pass
// lowers the BoundConditionalAccess described here.
internal sealed partial class BodyParser
{
    /// <summary>
    /// Spills a null-conditional access whose part after <c>?</c> awaits. With <paramref name="discard"/> (an
    /// expression statement) the value is not kept and null is returned; otherwise the value lands in a temporary
    /// of the expression's (nullable) type, <c>default</c> when the receiver was null.
    /// </summary>
    private CodeText? SpillConditionalAccess(ConditionalAccessExpressionSyntax access, List<StatementSpec> list, bool discard)
    {
        CodeText value = Spill(BindConditionalAccess(access, discard), list);
        return discard ? null : value;
    }

    private BoundConditionalAccess BindConditionalAccess(ConditionalAccessExpressionSyntax access, bool discard)
    {
        var receiverType = TypeOf(access.Expression);
        if (receiverType is ITypeParameterSymbol { IsReferenceType: false })
            throw new NotLoweredException($"An await after ?. on a receiver of unconstrained generic type '{receiverType.Name}' (a struct receiver would be copied)", access);
        var receiverTemp = TempFor(receiverType, access.Expression, TempRole.Receiver);
        var receiver = Bind(access.Expression);
        bool nullable = IsNullableValueType(receiverType);
        // The .M or [i] that follows the ? reads the receiver from the temporary, which the spilling pass fills in.
        int receiverId = NewSpillId();
        AddEdit(new TextSpan(BindingOf(access).SpanStart, 0), CodeText.SpillResult(receiverId));

        BoundExpression whenNotNull;
        TempRequest? result = null;
        if (discard && access.WhenNotNull is ConditionalAccessExpressionSyntax inner && HasAwait(inner.WhenNotNull))
        {
            whenNotNull = BindConditionalAccess(inner, discard: true);
        }
        else
        {
            if (!discard)
                result = TempFor(TypeOf(access), access, TempRole.AccessResult);
            whenNotNull = Bind(access.WhenNotNull);
        }
        return new BoundConditionalAccess(receiver, receiverTemp, receiverId, nullable, whenNotNull, result, LineOf(access.Expression), LineOf(access.WhenNotNull), LineOf(access));
    }

    /// <summary>The <c>.M</c> or <c>[i]</c> right after the <c>?</c> of <paramref name="access"/>: the leftmost part of what follows it.</summary>
    private static ExpressionSyntax BindingOf(ConditionalAccessExpressionSyntax access)
    {
        var node = access.WhenNotNull;
        while (true)
        {
            switch (node)
            {
                case MemberBindingExpressionSyntax or ElementBindingExpressionSyntax:
                    return node;
                case InvocationExpressionSyntax invocation:
                    node = invocation.Expression;
                    break;
                case MemberAccessExpressionSyntax member:
                    node = member.Expression;
                    break;
                case ElementAccessExpressionSyntax element:
                    node = element.Expression;
                    break;
                case ConditionalAccessExpressionSyntax inner:
                    node = inner.Expression;
                    break;
                case PostfixUnaryExpressionSyntax postfix:
                    node = postfix.Operand;
                    break;
                case AssignmentExpressionSyntax assignment:
                    node = assignment.Left;
                    break;
                default:
                    throw new NotLoweredException($"An await after ?. in a {node.Kind()}", access);
            }
        }
    }
}
