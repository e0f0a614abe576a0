using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Coroutines.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

// Spilling, after Roslyn's SpillSequenceSpiller: every await moves out of its expression into an AwaitStatement,
// and every operand evaluated before it is stored in a temporary first, so side effects keep their order.
// &&, ||, ?: and ?? whose right-hand side awaits become if statements.
internal sealed partial class BodyParser
{
    /// <summary>Returns the text of <paramref name="expression"/> with its awaits spilled into <paramref name="list"/>.</summary>
    private CodeText Spill(ExpressionSyntax expression, List<StatementSpec> list)
    {
        _ct.ThrowIfCancellationRequested();
        if (!HasAwait(expression))
            return Render(expression);
        EnsureStack(expression);
        switch (expression)
        {
            case AwaitExpressionSyntax await:
            {
                CodeText operand = Spill(await.Expression, list);
                var resultType = ResultTypeOf(await);
                var temp = NewTemp(resultType, await, TempRole.Awaited);
                list.Add(new AwaitStatement(AwaitOf(await, operand), temp.Slot));
                return temp.Slot;
            }
            case ParenthesizedExpressionSyntax parenthesized:
                return CodeText.Of($"({Spill(parenthesized.Expression, list)})");
            case BinaryExpressionSyntax binary:
                return SpillBinaryChain(binary, list);
            case ConditionalExpressionSyntax conditional when HasAwait(conditional.WhenTrue) || HasAwait(conditional.WhenFalse):
                return SpillConditional(conditional, list);
            case AssignmentExpressionSyntax assignment:
                return SpillAssignment(assignment, list, discard: false)!;
            case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax when IsIncrementOrDecrement(expression, out var operand):
                return SpillChildren(expression, TargetOperands(operand, expression), list);
            case ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax when ((BaseObjectCreationExpressionSyntax)expression).Initializer is { } initializer && HasAwait(initializer):
                return SpillObjectCreation((BaseObjectCreationExpressionSyntax)expression, list);
            case ConditionalAccessExpressionSyntax conditionalAccess when HasAwait(conditionalAccess.WhenNotNull):
                return SpillConditionalAccess(conditionalAccess, list, discard: false)!;
            case SwitchExpressionSyntax switchExpression when switchExpression.Arms.Any(HasAwait):
                return SpillSwitchExpression(switchExpression, list);
            case WithExpressionSyntax with when HasAwait(with.Initializer):
                return SpillWith(with, list);
            default:
                var children = EvaluationOrder(expression)
                    ?? throw new NotLoweredException($"An await inside a {Describe(expression)}", expression);
                return SpillChildren(expression, children, list);
        }
    }

    private static string Describe(ExpressionSyntax expression) => expression.Kind().ToString() + " expression";

    /// <summary>The sub-expressions of <paramref name="expression"/> in evaluation order, or null when it is not a shape we spill.</summary>
    private IReadOnlyList<ExpressionSyntax>? EvaluationOrder(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case InvocationExpressionSyntax invocation:
            {
                var children = new List<ExpressionSyntax>();
                switch (invocation.Expression)
                {
                    case MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax }:
                        break;   // base.M(...): the receiver is this, and the call goes through an accessor
                    case MemberAccessExpressionSyntax access:
                        children.AddRange(ReceiverOperands(access.Expression, invocation));   // a[i].Mutate(...) runs on the element itself
                        break;
                    case SimpleNameSyntax:
                        break;
                    case MemberBindingExpressionSyntax:
                        break;   // a?.M(...): the receiver is the conditional access's temporary
                    default:
                        children.Add(invocation.Expression);
                        break;
                }
                children.AddRange(invocation.ArgumentList.Arguments.Select(a => a.Expression));
                return children;
            }
            case BaseObjectCreationExpressionSyntax creation when creation.Initializer is null || !HasAwait(creation.Initializer):
                return creation.ArgumentList?.Arguments.Select(a => a.Expression).ToList() ?? new List<ExpressionSyntax>();
            case ElementBindingExpressionSyntax binding:
                return binding.ArgumentList.Arguments.Select(a => a.Expression).ToList();
            case ElementAccessExpressionSyntax element:
                return new[] { element.Expression }.Concat(element.ArgumentList.Arguments.Select(a => a.Expression)).ToList();
            case MemberAccessExpressionSyntax access:
                return new[] { access.Expression };
            case CastExpressionSyntax cast:
                return new[] { cast.Expression };
            case PrefixUnaryExpressionSyntax unary when !unary.IsKind(SyntaxKind.PreIncrementExpression) && !unary.IsKind(SyntaxKind.PreDecrementExpression):
                return new[] { unary.Operand };
            case PostfixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                return new[] { unary.Operand };
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.IsExpression) || binary.IsKind(SyntaxKind.AsExpression):
                return new[] { binary.Left };
            case BinaryExpressionSyntax binary:
                return new[] { binary.Left, binary.Right };
            case IsPatternExpressionSyntax isPattern:
                return new[] { isPattern.Expression };
            case ConditionalExpressionSyntax conditional:
                return new[] { conditional.Condition };
            case InterpolatedStringExpressionSyntax interpolated:
                return interpolated.Contents.OfType<InterpolationSyntax>().Select(i => i.Expression).ToList();
            case TupleExpressionSyntax tuple:
                return tuple.Arguments.Select(a => a.Expression).ToList();
            case ArrayCreationExpressionSyntax array:
                return array.Type.RankSpecifiers.SelectMany(r => r.Sizes).Where(s => s is not OmittedArraySizeExpressionSyntax)
                    .Concat(array.Initializer?.Expressions ?? Enumerable.Empty<ExpressionSyntax>()).ToList();
            case ImplicitArrayCreationExpressionSyntax array:
                return array.Initializer.Expressions.ToList();
            case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ArrayInitializerExpression):
                return initializer.Expressions.ToList();
            case CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax):
                return collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression).ToList();
            case AnonymousObjectCreationExpressionSyntax anonymous:
                return anonymous.Initializers.Select(i => i.Expression).ToList();
            case CheckedExpressionSyntax checkedExpression:
                return new[] { checkedExpression.Expression };
            case ConditionalAccessExpressionSyntax conditionalAccess when !HasAwait(conditionalAccess.WhenNotNull):
                return new[] { conditionalAccess.Expression };
            case SwitchExpressionSyntax switchExpression when switchExpression.Arms.All(a => !HasAwait(a)):
                return new[] { switchExpression.GoverningExpression };
            case WithExpressionSyntax with when !HasAwait(with.Initializer):
                return new[] { with.Expression };
            case RangeExpressionSyntax range:
                return new[] { range.LeftOperand, range.RightOperand }.Where(o => o is not null).Cast<ExpressionSyntax>().ToList();
            default:
                return null;
        }
    }

    /// <summary>
    /// Spills the children before the last one that awaits into temporaries (unless re-reading them is
    /// equivalent), spills that child, and leaves the later ones in place.
    /// </summary>
    private CodeText SpillChildren(ExpressionSyntax expression, IReadOnlyList<ExpressionSyntax> children, List<StatementSpec> list) =>
        Render(expression, SpillOperands(children, list));

    /// <summary>
    /// The operands of <see cref="SpillChildren"/>, spilled in order: the texts that replace them (by span) in the
    /// rendering of their parent. Operands after the last one that awaits are left out: they are evaluated in place.
    /// </summary>
    private Dictionary<TextSpan, CodeText> SpillOperands(IReadOnlyList<ExpressionSyntax> children, List<StatementSpec> list)
    {
        var overrides = new Dictionary<TextSpan, CodeText>();
        int last = -1;
        for (int i = 0; i < children.Count; i++)
        {
            if (HasAwait(children[i]))
                last = i;
        }
        for (int i = 0; i < last; i++)
            overrides[children[i].Span] = Stabilize(children[i], list);
        if (last >= 0)
            overrides[children[last].Span] = Spill(children[last], list);
        return overrides;
    }

    /// <summary>Spills <paramref name="operand"/> and stores its value in a temporary unless re-reading it later is equivalent.</summary>
    private CodeText Stabilize(ExpressionSyntax operand, List<StatementSpec> list)
    {
        if (operand.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            return StabilizeReference(WithoutSuppressions(operand), list);
        CodeText text = Spill(operand, list);
        if (IsSlot(text) || !NeedsTemp(operand))   // a spill temporary already holds the value
            return text;
        var temp = NewTemp(TypeOf(operand), operand, OperandRole(operand));
        list.Add(new TextStatement(CodeText.Of($"{temp.Slot} = {text};"), LineOf(operand)));
        return temp.Slot;
    }

    /// <summary>
    /// A <c>ref</c>/<c>in</c>/<c>out</c> argument before a later await is a location fixed before the await, as the
    /// compiler's lowering fixes it: the array and indexes of an element (whose bounds and type are checked then, so
    /// a bad index throws before the await and a new array assigned meanwhile is not the one written), and the
    /// receiver of a field. Locals and static fields are locations already.
    /// </summary>
    private CodeText StabilizeReference(ExpressionSyntax location, List<StatementSpec> list)
    {
        bool arrayElement = location is ElementAccessExpressionSyntax element && TypeOf(element.Expression) is IArrayTypeSymbol;
        bool instanceField = location is MemberAccessExpressionSyntax access && _model.GetSymbolInfo(access, _ct).Symbol is IFieldSymbol { IsStatic: false }
            && access.Expression is not (ThisExpressionSyntax or BaseExpressionSyntax);
        if (!arrayElement && !instanceField)
            return Spill(location, list);
        var operands = TargetOperands(location, location);
        var overrides = new Dictionary<TextSpan, CodeText>();
        foreach (var operand in operands)
            overrides[operand.Span] = Stabilize(operand, list);
        CodeText text = Render(location, overrides);
        if (arrayElement)   // takes the element's address, which checks the index (and the element type of a covariant array)
            list.Add(new TextStatement(CodeText.Of($"global::System.Runtime.CompilerServices.Unsafe.IsNullRef(ref {text});"), LineOf(location)));
        return text;
    }

    /// <summary>Whether an operand must be evaluated into a temporary before a later await (its value could change).</summary>
    private bool NeedsTemp(ExpressionSyntax expression)
    {
        if (expression is LiteralExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax or AnonymousFunctionExpressionSyntax or DeclarationExpressionSyntax or DefaultExpressionSyntax or TypeOfExpressionSyntax)
            return false;
        if (expression.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            return false;   // a ref/out/in argument is a location, not a value
        if (_model.GetConstantValue(expression, _ct).HasValue)
            return false;
        var symbol = _model.GetSymbolInfo(expression, _ct).Symbol;
        if (symbol is ITypeSymbol or INamespaceSymbol || symbol is IMethodSymbol && IsName(WithoutSuppressions(expression)))
            return false;   // a type, namespace or method group: nothing is evaluated (an operator, conversion or constructor is)
        // A struct variable used as a receiver is used by reference: copying it would lose mutations.
        if (IsReceiver(expression)
            && symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol
            && TypeOf(expression) is { IsValueType: true })
            return false;
        return !(TypeOf(expression) is null && symbol is null);
    }

    private static bool IsName(ExpressionSyntax expression) => expression is SimpleNameSyntax or MemberAccessExpressionSyntax or MemberBindingExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax;

    /// <summary><paramref name="expression"/> without the parentheses and <c>!</c> around it (they evaluate nothing).</summary>
    private static ExpressionSyntax WithoutSuppressions(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = suppressed.Operand;
                    break;
                default:
                    return expression;
            }
        }
    }

    /// <summary><c>a &amp;&amp; await b</c> → <c>result = a; if (result) { result = await b; }</c> (<c>!result</c> for <c>||</c>).</summary>
    private CodeText SpillShortCircuit(BinaryExpressionSyntax binary, MovedLocal result, CodeText left, List<StatementSpec> list)
    {
        list.Add(new TextStatement(CodeText.Of($"{result.Slot} = {left};"), LineOf(binary.Left)));
        var right = new List<StatementSpec>();
        right.Add(new TextStatement(CodeText.Of($"{result.Slot} = {Spill(binary.Right, right)};"), LineOf(binary.Right)));
        ConditionSpec condition = new CodeCondition(result.Slot, CodeShape.Primary);
        if (!binary.IsKind(SyntaxKind.LogicalAndExpression))
            condition = new NotCondition(condition);
        list.Add(new IfStatement(condition, new BlockStatement(right.ToEquatableArray(), true), null, true, LineOf(binary)));
        return result.Slot;
    }

    /// <summary>The temporary of a built-in <c>&amp;&amp;</c> or <c>||</c> whose right-hand side awaits.</summary>
    private MovedLocal ShortCircuitResult(BinaryExpressionSyntax binary)
    {
        var type = TypeOf(binary);
        if (type?.SpecialType != SpecialType.System_Boolean)
            throw new NotLoweredException("An await on the right of a user-defined && or ||", binary);
        return NewTemp(type, binary, TempRole.Condition);
    }

    /// <summary><c>a ?? await b</c> → <c>left = a; if (left is null) { result = await b; } else { result = left; }</c>.</summary>
    private CodeText SpillCoalesce(BinaryExpressionSyntax binary, MovedLocal leftTemp, MovedLocal result, CodeText left, List<StatementSpec> list)
    {
        var leftType = TypeOf(binary.Left);
        list.Add(new TextStatement(CodeText.Of($"{leftTemp.Slot} = {left};"), LineOf(binary.Left)));
        var right = new List<StatementSpec>();
        right.Add(new TextStatement(CodeText.Of($"{result.Slot} = {Spill(binary.Right, right)};"), LineOf(binary.Right)));
        bool unwrap = leftType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T }
            && TypeOf(binary) is { OriginalDefinition.SpecialType: not SpecialType.System_Nullable_T };
        CodeText nonNull = unwrap ? CodeText.Of($"{leftTemp.Slot}.GetValueOrDefault()") : CodeText.Of($"{leftTemp.Slot}{(leftType!.IsReferenceType ? "!" : "")}");
        var otherwise = new StatementSpec[] { new TextStatement(CodeText.Of($"{result.Slot} = {nonNull};"), LineOf(binary.Left)) };
        list.Add(new IfStatement(new NullTestCondition(leftTemp.Slot, IsNull: true), new BlockStatement(right.ToEquatableArray(), true), new BlockStatement(otherwise.ToEquatableArray(), false), true, LineOf(binary)));
        return result.Slot;
    }

    private CodeText SpillConditional(ConditionalExpressionSyntax conditional, List<StatementSpec> list)
    {
        var result = NewTemp(NaturalOrTargetTypeOf(conditional), conditional, TempRole.Conditional);
        var condition = ConditionOf(conditional.Condition, Spill(conditional.Condition, list));
        var whenTrue = new List<StatementSpec>();
        whenTrue.Add(new TextStatement(CodeText.Of($"{result.Slot} = {Spill(conditional.WhenTrue, whenTrue)};"), LineOf(conditional.WhenTrue)));
        var whenFalse = new List<StatementSpec>();
        whenFalse.Add(new TextStatement(CodeText.Of($"{result.Slot} = {Spill(conditional.WhenFalse, whenFalse)};"), LineOf(conditional.WhenFalse)));
        list.Add(new IfStatement(condition,
            new BlockStatement(whenTrue.ToEquatableArray(), HasAwait(conditional.WhenTrue)),
            new BlockStatement(whenFalse.ToEquatableArray(), HasAwait(conditional.WhenFalse)),
            true, LineOf(conditional)));
        return result.Slot;
    }

    private AwaitSpec AwaitOf(AwaitExpressionSyntax await, CodeText operand)
    {
        if (_model.GetTypeInfo(await, _ct).Type is { } result && ContainsAnonymousType(result))
            throw new NotLoweredException("An await whose result has an anonymous type (the machine cannot name the type of its awaiter's field)", await);
        var info = _model.GetAwaitExpressionInfo(await);
        string awaiterType;
        if (info.GetAwaiterMethod is { } getAwaiter && !info.IsDynamic)
            awaiterType = CoroutineGenerator.Parser.TypeText(getAwaiter.ReturnType);
        else if (AwaitableTypeOf(await.Expression) is { } awaitable)
            awaiterType = AwaiterTypeOf(awaitable, await);
        else
            throw new NotLoweredException("An await of a dynamic or unresolved expression", await);
        CodeText receiver = NeedsParentheses(await.Expression) && !IsSlot(operand) ? CodeText.Of($"({operand})") : operand;
        return new AwaitSpec(CodeText.Of($"{receiver}.GetAwaiter()"), awaiterType, CodeText.Verbatim(CommentText.OneLine(await.Expression.ToString())), LineOf(await));
    }

    /// <summary>The type an await produces (void for none), seeing through generated entry points.</summary>
    private ITypeSymbol? ResultTypeOf(AwaitExpressionSyntax await)
    {
        if (_model.GetAwaitExpressionInfo(await).GetResultMethod is { } getResult)
            return getResult.ReturnType;
        // `await other.XAsync()` or `await c` for `var c = other.XAsync()`: the result of the awaitable's awaiter
        var getAwaiter = AwaitableTypeOf(await.Expression) is { } awaitable ? ParameterlessInstanceMethod(awaitable, "GetAwaiter") : null;
        return getAwaiter is null ? null : ParameterlessInstanceMethod(getAwaiter.ReturnType, "GetResult")?.ReturnType;
    }

    /// <summary>
    /// The generator sees the compilation without its own output, so a call of another coroutine's generated entry
    /// point (<c>XAsync(...)</c>) does not bind yet. It is resolved through the <c>[Coroutine]</c> method <c>X</c> it is
    /// generated from (non-generic methods; all overloads with that argument count must agree on the return type).
    /// </summary>
    internal ITypeSymbol? GeneratedEntryPointType(ExpressionSyntax operand) => GeneratedEntryPointOf(operand)?.ReturnType;

    private IMethodSymbol? GeneratedEntryPointOf(ExpressionSyntax operand)
    {
        if (operand is not InvocationExpressionSyntax invocation || _model.GetSymbolInfo(invocation, _ct).Symbol is not null)
            return null;
        IEnumerable<ISymbol> candidates;
        switch (invocation.Expression)
        {
            case IdentifierNameSyntax identifier when CoroutineNames.MethodOfEntryPoint(identifier.Identifier.ValueText) is { } method:
                candidates = _model.LookupSymbols(invocation.SpanStart, name: method);
                break;
            case MemberAccessExpressionSyntax { Name: IdentifierNameSyntax identifier } access when CoroutineNames.MethodOfEntryPoint(identifier.Identifier.ValueText) is { } method:
                var receiver = _model.GetSymbolInfo(access.Expression, _ct).Symbol as ITypeSymbol ?? TypeOf(access.Expression);
                if (receiver is null)
                    return null;
                candidates = receiver.GetMembers(method);
                break;
            default:
                return BindOriginalCall(invocation);
        }
        var methods = candidates.OfType<IMethodSymbol>()
            .Where(m => !m.IsGenericMethod && m.Parameters.Length == invocation.ArgumentList.Arguments.Count && IsCoroutine(m))
            .ToList();
        if (methods.Count == 0 || methods.Any(m => !SymbolEqualityComparer.Default.Equals(m.ReturnType, methods[0].ReturnType)))
            return BindOriginalCall(invocation);
        return methods[0];
    }

    /// <summary>
    /// A call of a generic coroutine's entry point (<c>EchoAsync(x)</c>, <c>EchoAsync&lt;T&gt;(x)</c>): the call of the
    /// method itself (<c>Echo(x)</c>) is bound in its place, so the compiler infers the type arguments and picks the
    /// overload; the entry point has the same parameters and returns the same coroutine type.
    /// </summary>
    private IMethodSymbol? BindOriginalCall(InvocationExpressionSyntax invocation)
    {
        if (OriginalCallOf(invocation) is not { } original)
            return null;
        var bound = _model.GetSpeculativeSymbolInfo(invocation.SpanStart, original, SpeculativeBindingOption.BindAsExpression).Symbol;
        return bound is IMethodSymbol method && IsCoroutine(method.OriginalDefinition) ? method : null;
    }

    /// <summary><c>X(...)</c> for a call <c>XAsync(...)</c>, <c>e.XAsync&lt;T&gt;(...)</c> and the like; null for other calls.</summary>
    private static InvocationExpressionSyntax? OriginalCallOf(InvocationExpressionSyntax invocation)
    {
        var name = invocation.Expression switch
        {
            SimpleNameSyntax simple => simple,
            MemberAccessExpressionSyntax access => access.Name,
            _ => null,
        };
        if (name is null || CoroutineNames.MethodOfEntryPoint(name.Identifier.ValueText) is not { } method)
            return null;
        var identifier = SyntaxFactory.Identifier(method);
        SimpleNameSyntax originalName = name is GenericNameSyntax generic ? generic.WithIdentifier(identifier) : SyntaxFactory.IdentifierName(identifier);
        ExpressionSyntax callee = invocation.Expression is MemberAccessExpressionSyntax member ? member.WithName(originalName) : originalName;
        return invocation.WithExpression(callee);
    }

    private static bool IsCoroutine(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == CoroutineNames.AttributeMetadataName);

    /// <summary>Whether <paramref name="code"/> is just a moved local (a spill temporary: reading it again is free and parenthesis-free).</summary>
    private static bool IsSlot(CodeText code) => code.Parts.Count == 1 && code.Parts[0].Use is not (SlotUse.None or SlotUse.CapturedCopy);

    private static bool NeedsParentheses(ExpressionSyntax expression) => expression is not (InvocationExpressionSyntax or MemberAccessExpressionSyntax
        or SimpleNameSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax or LiteralExpressionSyntax);

    /// <summary>The parameterless instance method <paramref name="name"/> of <paramref name="type"/> or its base types (a task's GetAwaiter is its future's).</summary>
    private static IMethodSymbol? ParameterlessInstanceMethod(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers(name).OfType<IMethodSymbol>().FirstOrDefault(m => m.Parameters.Length == 0 && !m.IsStatic) is { } method)
                return method;
        }
        return null;
    }

    /// <summary>The awaiter type of a synthesized await (dispose, MoveNextAsync): the return type of the awaitable's GetAwaiter().</summary>
    private string AwaiterTypeOf(ITypeSymbol awaitable, SyntaxNode origin)
    {
        var getAwaiter = ParameterlessInstanceMethod(awaitable, "GetAwaiter")
            ?? throw new NotLoweredException($"An await of '{awaitable.ToDisplayString()}', which has no GetAwaiter method", origin);
        return CoroutineGenerator.Parser.TypeText(getAwaiter.ReturnType);
    }
}
