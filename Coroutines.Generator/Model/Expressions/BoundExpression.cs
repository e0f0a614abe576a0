using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

// An expression that contains an await, as the parser describes it to the spilling pass (Lowering/Spilling.cs):
// a tree of the constructs spilling treats apart, whose await-free code is CodeText. A parent's code is a template
// whose holes (SlotUse.Hole) stand for its children in evaluation order. Like the statement IR it is symbol-free:
// what needs the semantic model (which operand is kept in a temporary and of which type, which location is fixed,
// an awaiter's type) was decided by the parser; the pass only orders the evaluation into statements.

/// <summary>An expression to spill: its value is code once the statements that evaluate its awaits run before it.</summary>
internal abstract record BoundExpression
{
    /// <summary>
    /// Whether the spilled value is a bare temporary or moved local: reading it again is free, and it needs neither
    /// parentheses nor a temporary of its own.
    /// </summary>
    public abstract bool ValueIsSlot { get; }
}

/// <summary>Code without await, evaluated where it stands.</summary>
internal sealed record BoundCode(CodeText Code) : BoundExpression
{
    public override bool ValueIsSlot => Code.IsSingleSlot;
}

/// <summary>
/// <c>await Operand</c>: an <see cref="AwaitStatement"/> whose result lands in the temporary <paramref name="Result"/>.
/// An await that is a whole statement has no temporary: its result lands in <paramref name="Target"/>
/// (<c>target = await operand;</c>, a local or a variable as written) or is discarded (<c>await operand;</c>, both null).
/// <paramref name="ParenthesizeOperand"/> when the operand, unless spilled to a temporary, needs parentheses before <c>.GetAwaiter()</c>.
/// </summary>
internal sealed record BoundAwait(BoundExpression Operand, bool ParenthesizeOperand, string AwaiterType, CodeText Site, int Line, TempRequest? Result, CodeText? Target = null) : BoundExpression
{
    public override bool ValueIsSlot => Result is null ? Target is { IsSingleSlot: true } : Result.Prototype is null;
}

/// <summary>
/// A parent whose code <paramref name="Template"/> has a hole for each of its <paramref name="Operands"/>, in
/// evaluation order. Operands evaluated after the last await are part of the template, not operands.
/// </summary>
internal sealed record BoundComposite(CodeText Template, EquatableArray<BoundExpression> Operands) : BoundExpression
{
    public override bool ValueIsSlot => Template.Parts.Count == 1 && Template.Parts[0].Use switch
    {
        SlotUse.Hole => Operands[Template.Parts[0].Slot].ValueIsSlot,
        SlotUse.None or SlotUse.CapturedCopy or SlotUse.SpillResult => false,
        _ => true,
    };
}

/// <summary>An operand evaluated before a later await, kept in the temporary <paramref name="Temp"/> (<c>temp = value;</c>) so that the await cannot change it.</summary>
internal sealed record BoundStored(BoundExpression Value, TempRequest Temp, int Line) : BoundExpression
{
    public override bool ValueIsSlot => Temp.Prototype is null;
}

/// <summary>
/// A <c>ref</c>/<c>in</c>/<c>out</c> argument whose location is fixed before a later await: its operands (array and
/// indexes, or the receiver of a field) are stored, and with <paramref name="CheckElement"/> the element's address is
/// taken once, which checks the index and the element type then.
/// </summary>
internal sealed record BoundFixedLocation(BoundComposite Location, bool CheckElement, int Line) : BoundExpression
{
    public override bool ValueIsSlot => false;
}

/// <summary><c>Condition ? WhenTrue : WhenFalse</c> with an awaiting branch: an if statement assigning <paramref name="Result"/>.</summary>
internal sealed record BoundConditional(
    BoundExpression Condition,
    CodeShape ConditionShape,
    BoundExpression WhenTrue,
    BoundExpression WhenFalse,
    TempRequest Result,
    int TrueLine,
    int FalseLine,
    int Line) : BoundExpression
{
    public override bool ValueIsSlot => Result.Prototype is null;
}

/// <summary>
/// A left-associative chain of binary operators, the innermost operand first, then each operator whose right-hand side
/// awaits (<paramref name="Links"/>, innermost first). It is spilled in a loop, so its length costs no stack.
/// <paramref name="Result"/> is the outermost operator with holes for the value of the last link.
/// </summary>
internal sealed record BoundBinaryChain(BoundExpression Innermost, EquatableArray<BoundChainLink> Links, CodeText Result) : BoundExpression
{
    public override bool ValueIsSlot => Result.Parts.Count == 1 && Result.Parts[0].Use == SlotUse.Hole && Links.Count > 0
        && Links[Links.Count - 1] is { Kind: not ChainLinkKind.Plain, Result.Prototype: null };
}

/// <summary>What an operator of a <see cref="BoundBinaryChain"/> whose right-hand side awaits is lowered to.</summary>
internal enum ChainLinkKind
{
    /// <summary>Both operands are evaluated: the left one is kept (in <see cref="BoundChainLink.LeftTemp"/> when it could change) before the right one awaits.</summary>
    Plain,

    /// <summary><c>&amp;&amp;</c>: <c>result = left; if (result) { result = right; }</c>.</summary>
    And,

    /// <summary><c>||</c>: <c>result = left; if (!result) { result = right; }</c>.</summary>
    Or,

    /// <summary><c>??</c>: <c>leftTemp = left; if (leftTemp is null) { result = right; } else { result = leftTemp; }</c>.</summary>
    Coalesce,
}

/// <summary>
/// One operator of a <see cref="BoundBinaryChain"/>. <paramref name="Left"/> is its left operand with holes for the
/// value of the link before (the innermost operand for the first link): one hole after <c>&amp;&amp;</c>, <c>||</c>,
/// <c>??</c>, two (its left and right operands) after a <see cref="ChainLinkKind.Plain"/> link.
/// For <see cref="ChainLinkKind.Coalesce"/>, <paramref name="Unwrap"/> reads a nullable left value with
/// <c>GetValueOrDefault()</c> and <paramref name="LeftIsReference"/> suppresses its nullable warning with <c>!</c>.
/// </summary>
internal sealed record BoundChainLink(
    ChainLinkKind Kind,
    CodeText Left,
    BoundExpression Right,
    TempRequest? LeftTemp,
    TempRequest? Result,
    bool Unwrap,
    bool LeftIsReference,
    int LeftLine,
    int RightLine,
    int Line);

/// <summary>
/// <c>target op= right</c> whose right-hand side awaits: the target's operands are stored, its current value is read
/// into <paramref name="Value"/> before the await (<c>value = target; value op= right; target = value</c>).
/// </summary>
internal sealed record BoundCompoundAssignment(BoundComposite Target, TempRequest Value, string Operator, BoundExpression Right, int LeftLine, int Line) : BoundExpression
{
    public override bool ValueIsSlot => false;
}

/// <summary>
/// <c>target ??= right</c> whose right-hand side awaits: <c>current = target; if (current is null) { current = right; target = current; }</c>.
/// A local or parameter target is tested and assigned directly (<paramref name="Value"/> is null). The value is
/// <c>current</c>, unwrapped with <c>GetValueOrDefault()</c> when <paramref name="Unwrap"/>.
/// </summary>
internal sealed record BoundCoalesceAssignment(BoundComposite Target, TempRequest? Value, BoundExpression Right, bool Unwrap, int LeftLine, int RightLine, int Line) : BoundExpression
{
    public override bool ValueIsSlot => !Unwrap && (Value is null ? Target.ValueIsSlot : Value.Prototype is null);
}

/// <summary>
/// A switch expression whose arms await: <paramref name="Value"/> is stored in <paramref name="Governing"/>, then
/// <paramref name="Arms"/>, the decision chain over it (built by the parser, which binds the patterns' variables; its
/// arms' awaits are <see cref="SpillStatement"/>s), assigns <paramref name="Result"/>. The arms read the temporaries
/// through the <see cref="SlotUse.SpillResult"/> parts numbered <paramref name="GoverningId"/>,
/// <paramref name="ResultId"/> and <paramref name="MatchedId"/> (<paramref name="Matched"/>: whether an arm whose
/// <c>when</c> clause awaits matched).
/// </summary>
internal sealed record BoundSwitchExpression(
    TempRequest Governing,
    int GoverningId,
    BoundExpression Value,
    int ValueLine,
    TempRequest Result,
    int ResultId,
    TempRequest? Matched,
    int MatchedId,
    EquatableArray<StatementSpec> Arms) : BoundExpression
{
    public override bool ValueIsSlot => Result.Prototype is null;
}

/// <summary>
/// <c>receiver?.WhenNotNull</c> whose part after <c>?</c> awaits: the receiver is evaluated once into
/// <paramref name="ReceiverTemp"/> and tested; <paramref name="WhenNotNull"/> reads it through the
/// <see cref="SlotUse.SpillResult"/> parts numbered <paramref name="ReceiverId"/> (its value, for a
/// <paramref name="Nullable"/> receiver). The value lands in <paramref name="Result"/>, <c>default</c> when the receiver
/// is null; without <paramref name="Result"/> it is discarded (an expression statement).
/// </summary>
internal sealed record BoundConditionalAccess(
    BoundExpression Receiver,
    TempRequest ReceiverTemp,
    int ReceiverId,
    bool Nullable,
    BoundExpression WhenNotNull,
    TempRequest? Result,
    int ReceiverLine,
    int WhenNotNullLine,
    int Line) : BoundExpression
{
    public override bool ValueIsSlot => Result is { Prototype: null };
}

/// <summary>
/// An object built in the temporary <paramref name="Object"/> by <paramref name="Steps"/>, which refer to it through the
/// <see cref="SlotUse.SpillResult"/> parts numbered <paramref name="ObjectId"/>: an object or collection initializer
/// (<c>t = new C(args); t.X = ...; t.Add(...);</c>) or a <c>with</c> expression (<c>t = r with { A = a }; t.B = ...;</c>).
/// </summary>
internal sealed record BoundInitialization(TempRequest Object, int ObjectId, EquatableArray<BoundStep> Steps) : BoundExpression
{
    public override bool ValueIsSlot => Object.Prototype is null;
}

/// <summary>
/// One statement of a <see cref="BoundInitialization"/>: <c>Code;</c>, or with <paramref name="Into"/> <c>into = Code;</c>
/// where later steps read <c>into</c> through the <see cref="SlotUse.SpillResult"/> parts numbered <paramref name="IntoId"/>.
/// </summary>
internal sealed record BoundStep(BoundComposite Code, int Line, TempRequest? Into = null, int IntoId = 0);
