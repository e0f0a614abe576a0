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

// Describes each expression that awaits to the spilling pass (Lowering/Spilling.cs) as a bound tree: the parser
// decides from syntax and symbols which operands must be kept in temporaries (and of which type) and which locations
// are fixed; the pass orders the evaluation into statements. &&, ||, ?:, ?? and ??= whose awaiting operand is
// conditional become if statements there.
internal sealed partial class BodyParser
{
    /// <summary>How many ids of values the spilling pass fills in (<see cref="CodeText.SpillResult"/>) the parse has given out.</summary>
    private int _spillIds;

    /// <summary>
    /// Spills <paramref name="expression"/>: the statements that evaluate its awaits go to <paramref name="list"/>
    /// (as a <see cref="SpillStatement"/> the spilling pass expands), and the returned code is its value.
    /// </summary>
    private CodeText Spill(ExpressionSyntax expression, List<StatementSpec> list)
    {
        _ct.ThrowIfCancellationRequested();
        return HasAwait(expression) ? Spill(Bind(expression), list) : Render(expression);
    }

    private CodeText Spill(BoundExpression expression, List<StatementSpec> list)
    {
        if (expression is BoundCode code)
            return code.Code;
        int id = NewSpillId();
        list.Add(new SpillStatement(id, expression));
        return CodeText.SpillResult(id);
    }

    /// <summary>A new id for a value the spilling pass fills in (<see cref="CodeText.SpillResult"/>).</summary>
    private int NewSpillId() => _spillIds++;

    /// <summary>The bound tree of <paramref name="expression"/>: its awaits and the operands evaluated before them.</summary>
    private BoundExpression Bind(ExpressionSyntax expression)
    {
        _ct.ThrowIfCancellationRequested();
        if (!HasAwait(expression))
            return new BoundCode(Render(expression));
        EnsureStack(expression);
        switch (expression)
        {
            case AwaitExpressionSyntax await:
                return BindAwait(await, wholeStatement: false, target: null);
            case ParenthesizedExpressionSyntax parenthesized:
                return new BoundComposite(CodeText.Of($"({CodeText.Hole(0)})"), new[] { Bind(parenthesized.Expression) }.ToEquatableArray());
            case BinaryExpressionSyntax binary:
                return BindBinaryChain(binary);
            case ConditionalExpressionSyntax conditional when HasAwait(conditional.WhenTrue) || HasAwait(conditional.WhenFalse):
                return BindConditional(conditional);
            case AssignmentExpressionSyntax assignment:
                return BindAssignment(assignment);
            case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax when IsIncrementOrDecrement(expression, out var operand):
                return BindChildren(expression, TargetOperands(operand, expression));
            case ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax when ((BaseObjectCreationExpressionSyntax)expression).Initializer is { } initializer && HasAwait(initializer):
                return BindObjectCreation((BaseObjectCreationExpressionSyntax)expression);
            case ConditionalAccessExpressionSyntax conditionalAccess when HasAwait(conditionalAccess.WhenNotNull):
                return BindConditionalAccess(conditionalAccess, discard: false);
            case SwitchExpressionSyntax switchExpression when switchExpression.Arms.Any(HasAwait):
                return BindSwitchExpression(switchExpression);
            case WithExpressionSyntax with when HasAwait(with.Initializer):
                return BindWith(with);
            default:
                var children = EvaluationOrder(expression)
                    ?? throw new NotLoweredException($"An await inside a {Describe(expression)}", expression);
                return BindChildren(expression, children);
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
                    .Concat(array.Initializer is null ? Enumerable.Empty<ExpressionSyntax>() : ArrayElements(array.Initializer)).ToList();
            case ImplicitArrayCreationExpressionSyntax array:
                return ArrayElements(array.Initializer).ToList();
            case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ArrayInitializerExpression):
                return ArrayElements(initializer).ToList();
            case CollectionExpressionSyntax collection:
                return CollectionElementsInOrder(collection);
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
    /// The elements of a collection expression and the operands of its spreads, in order. A spread at or after the last
    /// element that awaits is enumerated in place, as C# does; one before it is refused: C# enumerates it before the
    /// await for some collection types (a list is added to as it goes) and after it for others (an array of spreads of
    /// known length is filled once every element is evaluated).
    /// </summary>
    private List<ExpressionSyntax> CollectionElementsInOrder(CollectionExpressionSyntax collection)
    {
        int last = -1;
        for (int i = 0; i < collection.Elements.Count; i++)
        {
            if (HasAwait(collection.Elements[i]))
                last = i;
        }
        var children = new List<ExpressionSyntax>();
        for (int i = 0; i < collection.Elements.Count; i++)
        {
            switch (collection.Elements[i])
            {
                case ExpressionElementSyntax element:
                    children.Add(element.Expression);
                    break;
                case SpreadElementSyntax spread when i >= last:
                    children.Add(spread.Expression);
                    break;
                case SpreadElementSyntax spread:
                    throw new NotLoweredException("A spread element before an element that awaits in a collection expression (C# enumerates it before or after the await, depending on the collection type)", spread);
                default:
                    throw new NotLoweredException($"An await inside a collection expression with a {collection.Elements[i].Kind()}", collection.Elements[i]);
            }
        }
        return children;
    }

    /// <summary>The elements of an array initializer in evaluation order: a multi-dimensional array's rows are flattened.</summary>
    private static IEnumerable<ExpressionSyntax> ArrayElements(InitializerExpressionSyntax initializer) =>
        initializer.Expressions.SelectMany(e => e is InitializerExpressionSyntax row && row.IsKind(SyntaxKind.ArrayInitializerExpression)
            ? ArrayElements(row)
            : new[] { e });

    /// <summary>
    /// The children before the last one that awaits are kept in temporaries (unless re-reading them is equivalent),
    /// that child is spilled, and the later ones stay in place, in the template of <paramref name="expression"/>.
    /// </summary>
    private BoundComposite BindChildren(ExpressionSyntax expression, IReadOnlyList<ExpressionSyntax> children)
    {
        var (holes, operands) = BindOperands(children);
        return new BoundComposite(Render(expression, holes), operands);
    }

    /// <summary>
    /// The operands of <see cref="BindChildren"/> in order, and the holes that replace them (by span) in the rendering
    /// of their parent. Operands after the last one that awaits are left out: they are evaluated in place.
    /// </summary>
    private (Dictionary<TextSpan, CodeText> Holes, EquatableArray<BoundExpression> Operands) BindOperands(IReadOnlyList<ExpressionSyntax> children)
    {
        int last = -1;
        for (int i = 0; i < children.Count; i++)
        {
            if (HasAwait(children[i]))
                last = i;
        }
        var holes = new Dictionary<TextSpan, CodeText>();
        var operands = new List<BoundExpression>();
        for (int i = 0; i <= last; i++)
        {
            holes[children[i].Span] = CodeText.Hole(operands.Count);
            operands.Add(i < last ? BindStable(children[i]) : Bind(children[i]));
        }
        return (holes, operands.ToEquatableArray());
    }

    /// <summary>All of <paramref name="operands"/> kept before a later await, in the template of <paramref name="node"/>.</summary>
    private BoundComposite BindStableOperands(ExpressionSyntax node, IReadOnlyList<ExpressionSyntax> operands)
    {
        var holes = new Dictionary<TextSpan, CodeText>();
        var bound = new List<BoundExpression>();
        foreach (var operand in operands)
        {
            holes[operand.Span] = CodeText.Hole(bound.Count);
            bound.Add(BindStable(operand));
        }
        return new BoundComposite(Render(node, holes), bound.ToEquatableArray());
    }

    /// <summary><paramref name="operand"/>, stored in a temporary unless re-reading it after a later await is equivalent.</summary>
    private BoundExpression BindStable(ExpressionSyntax operand)
    {
        if (operand.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            return BindReference(WithoutSuppressions(operand));
        var value = Bind(operand);
        // a spill temporary already holds the value, and so does a local that nothing assigns before the await
        if (value.ValueIsSlot && !MayBeAssignedBeforeLaterAwait(operand) || !NeedsTemp(operand))
            return value;
        return new BoundStored(value, TempFor(TypeOf(operand), operand, OperandRole(operand)), LineOf(operand));
    }

    /// <summary>
    /// A <c>ref</c>/<c>in</c>/<c>out</c> argument before a later await is a location fixed before the await, as the
    /// compiler's lowering fixes it: the array and indexes of an element (whose bounds and type are checked then, so
    /// a bad index throws before the await and a new array assigned meanwhile is not the one written), and the
    /// receiver of a field. Locals and static fields are locations already.
    /// </summary>
    private BoundExpression BindReference(ExpressionSyntax location)
    {
        bool arrayElement = location is ElementAccessExpressionSyntax element && TypeOf(element.Expression) is IArrayTypeSymbol;
        bool instanceField = location is MemberAccessExpressionSyntax access && _model.GetSymbolInfo(access, _ct).Symbol is IFieldSymbol { IsStatic: false }
            && access.Expression is not (ThisExpressionSyntax or BaseExpressionSyntax);
        if (!arrayElement && !instanceField)
            return Bind(location);
        return new BoundFixedLocation(BindStableOperands(location, TargetOperands(location, location)), arrayElement, LineOf(location));
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

    /// <summary>The temporary of a built-in <c>&amp;&amp;</c> or <c>||</c> whose right-hand side awaits.</summary>
    private TempRequest ShortCircuitResult(BinaryExpressionSyntax binary)
    {
        var type = TypeOf(binary);
        if (type?.SpecialType != SpecialType.System_Boolean)
            throw new NotLoweredException("An await on the right of a user-defined && or ||", binary);
        return TempFor(type, binary, TempRole.Condition);
    }

    /// <summary><c>c ? await a : b</c> → <c>if (c) { result = await a; } else { result = b; }</c>.</summary>
    private BoundConditional BindConditional(ConditionalExpressionSyntax conditional)
    {
        var result = TempFor(NaturalOrTargetTypeOf(conditional), conditional, TempRole.Conditional);
        var condition = Bind(conditional.Condition);
        var shape = ConditionOf(conditional.Condition, CodeText.Hole(0)).Shape;   // the shape depends on the syntax alone
        var whenTrue = Bind(conditional.WhenTrue);
        var whenFalse = Bind(conditional.WhenFalse);
        return new BoundConditional(condition, shape, whenTrue, whenFalse, result, LineOf(conditional.WhenTrue), LineOf(conditional.WhenFalse), LineOf(conditional));
    }

    /// <summary>
    /// <c>await operand</c>: its result lands in a temporary, or, for an await that is a <paramref name="wholeStatement"/>,
    /// in <paramref name="target"/> (null: discarded).
    /// </summary>
    private BoundAwait BindAwait(AwaitExpressionSyntax await, bool wholeStatement, CodeText? target)
    {
        var operand = Bind(await.Expression);
        var result = wholeStatement ? null : TempFor(ResultTypeOf(await), await, TempRole.Awaited);
        var (awaiterType, site) = AwaiterOf(await);
        return new BoundAwait(operand, NeedsParentheses(await.Expression), awaiterType, site, LineOf(await), result, target);
    }

    /// <summary>The awaiter type of <paramref name="await"/> and the awaited expression as written, for comments.</summary>
    private (string AwaiterType, CodeText Site) AwaiterOf(AwaitExpressionSyntax await)
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
        return (awaiterType, CodeText.Verbatim(CommentText.OneLine(await.Expression.ToString())));
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
