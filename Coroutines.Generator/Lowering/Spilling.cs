using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Spilling, after Roslyn's SpillSequenceSpiller: every await of a <see cref="SpillStatement"/>'s expression moves
/// into an <see cref="AwaitStatement"/>, and every operand evaluated before it that could change is stored in a
/// temporary first, so side effects keep their order. <c>&amp;&amp;</c>, <c>||</c>, <c>?:</c>, <c>??</c> and
/// <c>??=</c> whose awaiting operand is conditional become if statements. The value of each spilled expression fills
/// the <see cref="SlotUse.SpillResult"/> parts of the statements after it.
/// </summary>
internal sealed class Spilling : StatementRewriter
{
    private const string CheckElementAddress = "global::System.Runtime.CompilerServices.Unsafe.IsNullRef";

    private readonly ILoweringContext _context;
    private readonly Dictionary<int, CodeText> _values = new();

    private Spilling(ILoweringContext context) => _context = context;

    public static BlockStatement Run(BlockStatement body, ILoweringContext context) => new Spilling(context).RewriteBlock(body);

    /// <summary>The statements that evaluate <paramref name="expression"/>, added to <paramref name="list"/>, and its value.</summary>
    public static CodeText Spill(BoundExpression expression, List<StatementSpec> list, ILoweringContext context) =>
        new Spilling(context).Lower(expression, list);

    protected override void RewriteInto(StatementSpec statement, List<StatementSpec> list)
    {
        if (statement is SpillStatement spill)
            _values[spill.Id] = Lower(spill.Expression, list);
        else
            base.RewriteInto(statement, list);
    }

    protected override CodeText RewriteCode(CodeText code) =>
        code.HasSpillResult ? code.Fill(SlotUse.SpillResult, id => _values[id]) : code;

    private CodeText NewTemp(TempRequest request) => _context.NewTemp(request.Type, request.Origin, request.Role);

    private CodeText Lower(BoundExpression expression, List<StatementSpec> list)
    {
        // The parser bounds the nesting it describes; this keeps a deeper recursion here a fallback (CORO101), not a crash.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case BoundCode code:
                return RewriteCode(code.Code);
            case BoundAwait await:
            {
                CodeText operand = Lower(await.Operand, list);
                var result = await.Result is { } request ? NewTemp(request) : await.Target is { } target ? RewriteCode(target) : null;
                CodeText receiver = await.ParenthesizeOperand && !operand.IsSingleSlot ? CodeText.Of($"({operand})") : operand;
                list.Add(new AwaitStatement(new AwaitSpec(CodeText.Of($"{receiver}.GetAwaiter()"), await.AwaiterType, await.Site, await.Line), result));
                return result ?? CodeText.Verbatim("default");   // discarded
            }
            case BoundComposite composite:
                return LowerComposite(composite, list);
            case BoundStored stored:
            {
                CodeText value = Lower(stored.Value, list);
                var temp = NewTemp(stored.Temp);
                list.Add(new TextStatement(CodeText.Of($"{temp} = {value};"), stored.Line));
                return temp;
            }
            case BoundFixedLocation location:
            {
                CodeText text = LowerComposite(location.Location, list);
                if (location.CheckElement)   // takes the element's address, which checks the index (and the element type of a covariant array)
                    list.Add(new TextStatement(CodeText.Of($"{CheckElementAddress}(ref {text});"), location.Line));
                return text;
            }
            case BoundConditional conditional:
                return LowerConditional(conditional, list);
            case BoundBinaryChain chain:
                return LowerChain(chain, list);
            case BoundCompoundAssignment assignment:
                return LowerCompoundAssignment(assignment, list);
            case BoundCoalesceAssignment assignment:
                return LowerCoalesceAssignment(assignment, list);
            case BoundConditionalAccess access:
                return LowerConditionalAccess(access, list);
            case BoundInitialization initialization:
                return LowerInitialization(initialization, list);
            case BoundSwitchExpression switchExpression:
                return LowerSwitchExpression(switchExpression, list);
            default:
                throw new System.InvalidOperationException($"Unknown bound expression {expression.GetType().Name}");
        }
    }

    /// <summary>The operands in order, then the parent's template filled with their values.</summary>
    private CodeText LowerComposite(BoundComposite composite, List<StatementSpec> list)
    {
        if (composite.Operands.Count == 0)
            return RewriteCode(composite.Template);
        var values = new CodeText[composite.Operands.Count];
        for (int i = 0; i < values.Length; i++)
            values[i] = Lower(composite.Operands[i], list);
        return RewriteCode(composite.Template).Fill(SlotUse.Hole, i => values[i]);
    }

    private CodeText LowerConditional(BoundConditional conditional, List<StatementSpec> list)
    {
        var result = NewTemp(conditional.Result);
        var condition = new CodeCondition(Lower(conditional.Condition, list), conditional.ConditionShape);
        var whenTrue = new List<StatementSpec>();
        whenTrue.Add(new TextStatement(CodeText.Of($"{result} = {Lower(conditional.WhenTrue, whenTrue)};"), conditional.TrueLine));
        var whenFalse = new List<StatementSpec>();
        whenFalse.Add(new TextStatement(CodeText.Of($"{result} = {Lower(conditional.WhenFalse, whenFalse)};"), conditional.FalseLine));
        list.Add(new IfStatement(condition,
            new BlockStatement(whenTrue.ToEquatableArray(), Awaits(conditional.WhenTrue)),
            new BlockStatement(whenFalse.ToEquatableArray(), Awaits(conditional.WhenFalse)),
            true, conditional.Line));
        return result;
    }

    private static bool Awaits(BoundExpression expression) => expression is not BoundCode;

    /// <summary>
    /// The chain in a loop from its innermost operator outwards. The temporaries of <c>&amp;&amp;</c>, <c>||</c> and
    /// <c>??</c> are made first, outermost first, as a recursive descent of the source would make them.
    /// </summary>
    private CodeText LowerChain(BoundBinaryChain chain, List<StatementSpec> list)
    {
        var links = chain.Links;
        var leftTemps = new CodeText?[links.Count];
        var results = new CodeText?[links.Count];
        for (int i = links.Count - 1; i >= 0; i--)
        {
            if (links[i].Kind == ChainLinkKind.Plain)
                continue;
            if (links[i].Kind == ChainLinkKind.Coalesce)
                leftTemps[i] = NewTemp(links[i].LeftTemp!);
            results[i] = NewTemp(links[i].Result!);
        }

        // The value reached so far: the holes of the next link's left operand.
        var value = new List<CodeText>(2) { Lower(chain.Innermost, list) };
        for (int i = 0; i < links.Count; i++)
        {
            var link = links[i];
            CodeText left = RewriteCode(link.Left).Fill(SlotUse.Hole, k => value[k]);
            value.Clear();
            switch (link.Kind)
            {
                case ChainLinkKind.And or ChainLinkKind.Or:
                {
                    var result = results[i]!;
                    list.Add(new TextStatement(CodeText.Of($"{result} = {left};"), link.LeftLine));
                    var right = new List<StatementSpec>();
                    right.Add(new TextStatement(CodeText.Of($"{result} = {Lower(link.Right, right)};"), link.RightLine));
                    ConditionSpec condition = new CodeCondition(result, CodeShape.Primary);
                    if (link.Kind == ChainLinkKind.Or)
                        condition = new NotCondition(condition);
                    list.Add(new IfStatement(condition, new BlockStatement(right.ToEquatableArray(), true), null, true, link.Line));
                    value.Add(result);
                    break;
                }
                case ChainLinkKind.Coalesce:
                {
                    var (leftTemp, result) = (leftTemps[i]!, results[i]!);
                    list.Add(new TextStatement(CodeText.Of($"{leftTemp} = {left};"), link.LeftLine));
                    var right = new List<StatementSpec>();
                    right.Add(new TextStatement(CodeText.Of($"{result} = {Lower(link.Right, right)};"), link.RightLine));
                    CodeText nonNull = link.Unwrap ? CodeText.Of($"{leftTemp}.GetValueOrDefault()") : CodeText.Of($"{leftTemp}{(link.LeftIsReference ? "!" : "")}");
                    var otherwise = new StatementSpec[] { new TextStatement(CodeText.Of($"{result} = {nonNull};"), link.LeftLine) };
                    list.Add(new IfStatement(new NullTestCondition(leftTemp, IsNull: true), new BlockStatement(right.ToEquatableArray(), true),
                        new BlockStatement(otherwise.ToEquatableArray(), false), true, link.Line));
                    value.Add(result);
                    break;
                }
                default:
                    // the left operand is evaluated before the await on the right: keep its value
                    if (link.LeftTemp is { } request)
                    {
                        var temp = NewTemp(request);
                        list.Add(new TextStatement(CodeText.Of($"{temp} = {left};"), link.LeftLine));
                        left = temp;
                    }
                    value.Add(left);
                    value.Add(Lower(link.Right, list));
                    break;
            }
        }
        return RewriteCode(chain.Result).Fill(SlotUse.Hole, k => value[k]);
    }

    /// <summary><c>x op= await y</c> reads x before the await, as C# does: <c>t = x; t op= y; x = t</c>.</summary>
    private CodeText LowerCompoundAssignment(BoundCompoundAssignment assignment, List<StatementSpec> list)
    {
        CodeText target = LowerComposite(assignment.Target, list);
        var value = NewTemp(assignment.Value);
        list.Add(new TextStatement(CodeText.Of($"{value} = {target};"), assignment.LeftLine));
        CodeText right = Lower(assignment.Right, list);
        list.Add(new TextStatement(CodeText.Of($"{value} {assignment.Operator} {right};"), assignment.Line));
        return CodeText.Of($"{target} = {value}");
    }

    /// <summary><c>x ??= await y</c> → <c>t = x; if (t is null) { t = await y; x = t; }</c>: the target is read once.</summary>
    private CodeText LowerCoalesceAssignment(BoundCoalesceAssignment assignment, List<StatementSpec> list)
    {
        CodeText target = LowerComposite(assignment.Target, list);
        CodeText current = target;
        if (assignment.Value is { } request)
        {
            current = NewTemp(request);
            list.Add(new TextStatement(CodeText.Of($"{current} = {target};"), assignment.LeftLine));
        }
        var whenNull = new List<StatementSpec>();
        CodeText right = Lower(assignment.Right, whenNull);
        if (assignment.Value is null)
        {
            whenNull.Add(new TextStatement(CodeText.Of($"{target} = {right};"), assignment.Line));
        }
        else
        {
            whenNull.Add(new TextStatement(CodeText.Of($"{current} = {right};"), assignment.RightLine));
            whenNull.Add(new TextStatement(CodeText.Of($"{target} = {current};"), assignment.Line));
        }
        list.Add(new IfStatement(new NullTestCondition(current, IsNull: true), new BlockStatement(whenNull.ToEquatableArray(), true), null, true, assignment.Line));
        return assignment.Unwrap ? CodeText.Of($"{current}.GetValueOrDefault()") : current;
    }

    /// <summary>
    /// <c>r?.M(await x)</c> → <c>receiver = r; if (receiver is not null) { result = receiver.M(await x); } else { result = default; }</c>
    /// (Roslyn's BoundLoweredConditionalAccess spilled the same way).
    /// </summary>
    private CodeText LowerConditionalAccess(BoundConditionalAccess access, List<StatementSpec> list)
    {
        var receiver = NewTemp(access.ReceiverTemp);
        list.Add(new TextStatement(CodeText.Of($"{receiver} = {Lower(access.Receiver, list)};"), access.ReceiverLine));
        _values[access.ReceiverId] = access.Nullable ? CodeText.Of($"{receiver}.GetValueOrDefault()") : receiver;
        ConditionSpec condition = access.Nullable ? new HasValueCondition(receiver) : new NullTestCondition(receiver, IsNull: false);

        var whenNotNull = new List<StatementSpec>();
        if (access.Result is null)
        {
            if (access.WhenNotNull is BoundConditionalAccess { Result: null } inner)
                LowerConditionalAccess(inner, whenNotNull);
            else
                whenNotNull.Add(new TextStatement(CodeText.Of($"{Lower(access.WhenNotNull, whenNotNull)};"), access.WhenNotNullLine));
            list.Add(new IfStatement(condition, new BlockStatement(whenNotNull.ToEquatableArray(), true), null, true, access.Line));
            return CodeText.Verbatim("default");   // discarded
        }
        var result = NewTemp(access.Result);
        whenNotNull.Add(new TextStatement(CodeText.Of($"{result} = {Lower(access.WhenNotNull, whenNotNull)};"), access.WhenNotNullLine));
        var whenNull = new StatementSpec[] { new TextStatement(CodeText.Of($"{result} = default;"), access.Line) };
        list.Add(new IfStatement(condition, new BlockStatement(whenNotNull.ToEquatableArray(), true), new BlockStatement(whenNull.ToEquatableArray(), false), true, access.Line));
        return result;
    }

    /// <summary>The object's temporary, then each step in order (object and collection initializers, <c>with</c>).</summary>
    private CodeText LowerInitialization(BoundInitialization initialization, List<StatementSpec> list)
    {
        var result = NewTemp(initialization.Object);
        _values[initialization.ObjectId] = result;
        foreach (var step in initialization.Steps)
        {
            if (step.Into is { } request)
            {
                var into = NewTemp(request);
                list.Add(new TextStatement(CodeText.Of($"{into} = {LowerComposite(step.Code, list)};"), step.Line));
                _values[step.IntoId] = into;
            }
            else
            {
                list.Add(new TextStatement(LowerComposite(step.Code, list), step.Line));
            }
        }
        return result;
    }

    /// <summary>The governing value into its temporary, then the arms' decision chain, which assigns the result.</summary>
    private CodeText LowerSwitchExpression(BoundSwitchExpression switchExpression, List<StatementSpec> list)
    {
        var governing = NewTemp(switchExpression.Governing);
        _values[switchExpression.GoverningId] = governing;
        list.Add(new TextStatement(CodeText.Of($"{governing} = {Lower(switchExpression.Value, list)};"), switchExpression.ValueLine));
        var result = NewTemp(switchExpression.Result);
        _values[switchExpression.ResultId] = result;
        if (switchExpression.Matched is { } matched)
            _values[switchExpression.MatchedId] = NewTemp(matched);
        foreach (var arm in switchExpression.Arms)
            RewriteInto(arm, list);
        return result;
    }
}
