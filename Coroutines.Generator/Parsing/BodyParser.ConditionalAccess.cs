using System.Collections.Generic;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

// a?.M(await x): the receiver is evaluated once into a temporary and tested for null; only when it is not null does
// the rest run, awaits included (Roslyn's BoundLoweredConditionalAccess spilled the same way).
internal sealed partial class BodyParser
{
    /// <summary>
    /// Lowers a null-conditional access whose part after <c>?</c> awaits. With <paramref name="discard"/> (an
    /// expression statement) the value is not kept and null is returned; otherwise the value lands in a temporary
    /// of the expression's (nullable) type, <c>default</c> when the receiver was null.
    /// </summary>
    private CodeText? SpillConditionalAccess(ConditionalAccessExpressionSyntax access, List<StatementSpec> list, bool discard)
    {
        var receiverType = TypeOf(access.Expression);
        if (receiverType is ITypeParameterSymbol { IsReferenceType: false })
            throw new NotLoweredException($"An await after ?. on a receiver of unconstrained generic type '{receiverType.Name}' (a struct receiver would be copied)", access);
        var receiver = NewTemp(receiverType, access.Expression, TempRole.Receiver);
        list.Add(new TextStatement(CodeText.Of($"{receiver.Slot} = {Spill(access.Expression, list)};"), LineOf(access.Expression)));
        bool nullable = IsNullableValueType(receiverType);
        // The .M or [i] that follows the ? reads the receiver from the temporary.
        AddEdit(new TextSpan(BindingOf(access).SpanStart, 0), nullable ? CodeText.Of($"{receiver.Slot}.GetValueOrDefault()") : receiver.Slot);
        ConditionSpec condition = nullable ? new HasValueCondition(receiver.Slot) : new NullTestCondition(receiver.Slot, IsNull: false);

        var whenNotNull = new List<StatementSpec>();
        if (discard)
        {
            if (access.WhenNotNull is ConditionalAccessExpressionSyntax inner && HasAwait(inner.WhenNotNull))
                SpillConditionalAccess(inner, whenNotNull, discard: true);
            else
                whenNotNull.Add(new TextStatement(CodeText.Of($"{Spill(access.WhenNotNull, whenNotNull)};"), LineOf(access.WhenNotNull)));
            list.Add(new IfStatement(condition, new BlockStatement(whenNotNull.ToEquatableArray(), true), null, true, LineOf(access)));
            return null;
        }
        var result = NewTemp(TypeOf(access), access, TempRole.AccessResult);
        whenNotNull.Add(new TextStatement(CodeText.Of($"{result.Slot} = {Spill(access.WhenNotNull, whenNotNull)};"), LineOf(access.WhenNotNull)));
        var whenNull = new StatementSpec[] { new TextStatement(CodeText.Of($"{result.Slot} = default;"), LineOf(access)) };
        list.Add(new IfStatement(condition, new BlockStatement(whenNotNull.ToEquatableArray(), true), new BlockStatement(whenNull.ToEquatableArray(), false), true, LineOf(access)));
        return result.Slot;
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
