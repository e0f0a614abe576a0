using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

// Writes whose value or target awaits: =, op=, ??=, event += / -=, ++ and --. As in the C# compiler, the target's
// receiver and indexes are evaluated once, before anything the right-hand side awaits; a compound assignment also
// reads the target before that await.
internal sealed partial class BodyParser
{
    /// <summary>
    /// Spills an assignment; with <paramref name="discard"/> (an expression statement) the value is not needed and
    /// null may be returned when nothing is left to evaluate.
    /// </summary>
    private CodeText? SpillAssignment(AssignmentExpressionSyntax assignment, List<StatementSpec> list, bool discard)
    {
        var bound = BindAssignment(assignment);
        CodeText value = Spill(bound, list);
        return discard && bound is BoundCoalesceAssignment ? null : value;
    }

    private BoundExpression BindAssignment(AssignmentExpressionSyntax assignment)
    {
        var left = assignment.Left;
        if (left is TupleExpressionSyntax or DeclarationExpressionSyntax && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && !HasAwait(left))
            return BindChildren(assignment, DeconstructionTargetOperands(left, assignment).Append(assignment.Right).ToList());
        var operands = TargetOperands(left, assignment);
        if (assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression))
            return BindCoalesceAssignment(assignment, operands);
        // Nothing is read from the target: an event accessor only adds or removes, a simple assignment only writes.
        bool isEvent = _model.GetSymbolInfo(left, _ct).Symbol is IEventSymbol;
        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || isEvent || !HasAwait(assignment.Right))
            return BindChildren(assignment, operands.Concat(new[] { assignment.Right }).ToList());

        // x op= await y: read x before the await, as C# does: t = x; t op= y; x = t.
        var target = BindStableOperands(left, operands);
        var value = TempFor(TypeOf(left), left, TempRole.Value);
        return new BoundCompoundAssignment(target, value, assignment.OperatorToken.Text, Bind(assignment.Right), LineOf(left), LineOf(assignment));
    }

    /// <summary>
    /// <c>x ??= await y</c> → <c>t = x; if (t is null) { t = await y; x = t; }</c>: the target is read once, and the
    /// right-hand side (with its awaits) runs only when it is null. The value is <c>t</c> (unwrapped when the result
    /// type is the underlying type of a nullable left-hand side).
    /// </summary>
    private BoundExpression BindCoalesceAssignment(AssignmentExpressionSyntax assignment, IReadOnlyList<ExpressionSyntax> operands)
    {
        var left = assignment.Left;
        if (!HasAwait(assignment.Right))
            return BindChildren(assignment, operands);   // the awaits are in the target's receiver or indexes
        var target = BindStableOperands(left, operands);
        var leftType = TypeOf(left);
        // A local or parameter can be tested and assigned directly; anything else is read once into a temporary.
        bool variable = left is IdentifierNameSyntax && _model.GetSymbolInfo(left, _ct).Symbol is ILocalSymbol or IParameterSymbol;
        var value = variable ? null : TempFor(leftType, left, TempRole.Value);
        var right = Bind(assignment.Right);
        bool unwrap = IsNullableValueType(leftType) && !IsNullableValueType(TypeOf(assignment));
        return new BoundCoalesceAssignment(target, value, right, unwrap, LineOf(left), LineOf(assignment.Right), LineOf(assignment));
    }

    private static bool IsNullableValueType(ITypeSymbol? type) => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    private static bool IsIncrementOrDecrement(ExpressionSyntax expression, out ExpressionSyntax operand)
    {
        switch (expression)
        {
            case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                operand = prefix.Operand;
                return true;
            case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                operand = postfix.Operand;
                return true;
            default:
                operand = expression;
                return false;
        }
    }

    /// <summary>
    /// The operands a write to <paramref name="target"/> evaluates before its value: the receiver and the indexes.
    /// A receiver that is itself a struct variable (<c>a[i].X</c>, <c>o.S.X</c>) is a location, not a value: its own
    /// operands are evaluated instead, so that the write reaches the original and not a copy.
    /// </summary>
    private List<ExpressionSyntax> TargetOperands(ExpressionSyntax target, SyntaxNode origin)
    {
        switch (target)
        {
            case IdentifierNameSyntax:
                return new List<ExpressionSyntax>();
            case MemberAccessExpressionSyntax access:
                return ReceiverOperands(access.Expression, origin);
            case ElementAccessExpressionSyntax element:
                var operands = ReceiverOperands(element.Expression, origin);
                operands.AddRange(element.ArgumentList.Arguments.Select(a => a.Expression));
                return operands;
            case ParenthesizedExpressionSyntax parenthesized:
                return TargetOperands(parenthesized.Expression, origin);
            default:
                throw new NotLoweredException($"An await in an assignment to a {target.Kind()}", origin);
        }
    }

    /// <summary>
    /// The operands of the targets of a deconstruction, left to right: C# evaluates each target's receiver and indexes
    /// before the right-hand side (variables and declarations evaluate nothing).
    /// </summary>
    private IEnumerable<ExpressionSyntax> DeconstructionTargetOperands(ExpressionSyntax target, SyntaxNode origin) => target switch
    {
        TupleExpressionSyntax tuple => tuple.Arguments.SelectMany(a => DeconstructionTargetOperands(a.Expression, origin)),
        DeclarationExpressionSyntax => Enumerable.Empty<ExpressionSyntax>(),
        _ => TargetOperands(target, origin),
    };

    private List<ExpressionSyntax> ReceiverOperands(ExpressionSyntax receiver, SyntaxNode origin) =>
        IsStructVariable(receiver) ? TargetOperands(receiver, origin) : new List<ExpressionSyntax> { receiver };

    /// <summary>A field or array element of struct type: a location whose members are used in place (a property would return a copy).</summary>
    private bool IsStructVariable(ExpressionSyntax expression) => TypeOf(expression) is { IsValueType: true } && expression switch
    {
        MemberAccessExpressionSyntax access => _model.GetSymbolInfo(access, _ct).Symbol is IFieldSymbol,
        ElementAccessExpressionSyntax element => TypeOf(element.Expression) is IArrayTypeSymbol,
        _ => false,
    };

    /// <summary>Whether <paramref name="expression"/> is the receiver of a member or element access.</summary>
    private static bool IsReceiver(ExpressionSyntax expression) => expression.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == expression,
        ElementAccessExpressionSyntax element => element.Expression == expression,
        _ => false,
    };
}
