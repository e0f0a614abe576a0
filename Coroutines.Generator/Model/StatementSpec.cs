using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

// The intermediate representation of a coroutine body: statements, conditions and code (CodeText), all equatable.
// The parser describes each expression that awaits as a SpillStatement (a BoundExpression tree) and each foreach,
// using and switch that awaits as a bound statement (BoundStatements.cs); the spilling and desugaring passes turn
// them into these statements, with every await at statement level (AwaitStatement); the emitter lowers the rest.
// Statements that contain no await keep their C# shape; the others become labels and gotos.

/// <summary>A statement of the body.</summary>
internal abstract record StatementSpec;

/// <summary>A statement emitted as written (after renaming), with the source line it maps to.</summary>
internal sealed record TextStatement(CodeText Text, int Line) : StatementSpec;

/// <summary>
/// An expression whose awaits are still to be spilled (by Lowering/Spilling) into statements here; its value replaces
/// the <see cref="SlotUse.SpillResult"/> parts numbered <paramref name="Id"/> in the statements after it.
/// </summary>
internal sealed record SpillStatement(int Id, BoundExpression Expression) : StatementSpec;

/// <summary>A comment quoting the source statement that the following lowered statements implement.</summary>
internal sealed record CommentStatement(string Text, int Line) : StatementSpec;

/// <summary>A suspension point; <paramref name="Target"/> receives the await's result (null: discarded).</summary>
internal sealed record AwaitStatement(AwaitSpec Await, CodeText? Target) : StatementSpec;

/// <summary>A block; flattened (faux braces) when it contains an await.</summary>
internal sealed record BlockStatement(EquatableArray<StatementSpec> Statements, bool HasAwait) : StatementSpec;

/// <summary>An <c>if</c>; the condition contains no await (its awaits were spilled before it).</summary>
internal sealed record IfStatement(ConditionSpec Condition, BlockStatement Then, BlockStatement? Else, bool HasAwait, int Line) : StatementSpec;

/// <summary>A loop without await, emitted as the C# loop it was (<paramref name="Header"/> + body + optional trailer).</summary>
internal sealed record PlainLoopStatement(int Id, CodeText Header, BlockStatement Body, CodeText? Trailer, int Line) : StatementSpec;

/// <summary>
/// A loop containing an await, lowered to labels: initializers, then at the top the condition (after its spilled
/// prefix), the body, the increment, and a jump back. <paramref name="TestAtEnd"/> is the <c>do</c> loop shape;
/// a null <paramref name="Condition"/> is a <c>for</c> loop without one.
/// </summary>
internal sealed record LoweredLoopStatement(
    int Id,
    LoopKind Kind,
    EquatableArray<StatementSpec> ConditionPrefix,
    ConditionSpec? Condition,
    BlockStatement Body,
    EquatableArray<StatementSpec> Increment,
    bool TestAtEnd,
    int Line) : StatementSpec;

/// <summary>The statement a lowered loop was written as; it names the loop's labels.</summary>
internal enum LoopKind
{
    While,
    Do,
    For,
    ForEach,
    AwaitForEach,
}

/// <summary>A compound statement without await kept as written around a rewritten body (<c>lock</c>, <c>using</c>, <c>checked</c>, ...).</summary>
internal sealed record PlainCompoundStatement(CodeText Header, BlockStatement Body, int Line) : StatementSpec;

/// <summary><c>break</c> out of the loop or switch with id <paramref name="TargetId"/>.</summary>
internal sealed record BreakStatement(int TargetId, int Line) : StatementSpec;

/// <summary><c>continue</c> with the loop with id <paramref name="TargetId"/>.</summary>
internal sealed record ContinueStatement(int TargetId, int Line) : StatementSpec;

/// <summary>
/// A label: one the user wrote (<paramref name="Name"/> as written, without <c>@</c>), which the emitter renames when it
/// would collide with a generated label; or, when <paramref name="Generated"/>, one a lowering pass made, whose name has
/// a generated shape (<c>Switch1_Case2</c>) and is kept. <see cref="GotoStatement"/>s refer to it by <paramref name="Id"/>.
/// <paramref name="EnteredByJumpsOnly"/>: control never falls into it from the statement before (a switch section's label).
/// </summary>
internal sealed record LabelStatement(int Id, string Name, int Line, bool Generated = false, bool EnteredByJumpsOnly = false) : StatementSpec;

/// <summary>
/// A <c>goto</c> to the label with id <paramref name="LabelId"/>: a user label, or the section of a lowered switch
/// (<c>goto case</c> / <c>goto default</c>, and the jumps a lowering pass makes). <paramref name="Text"/> is the
/// statement as written, for comments, or null for a jump no statement of the source wrote as a goto.
/// </summary>
internal sealed record GotoStatement(int LabelId, string? Text, int Line) : StatementSpec;

/// <summary>
/// <c>if (condition) goto label;</c>, which a lowering pass makes (a switch's tests). The label lies inside the same try
/// statements, so the jump leaves no finally behind.
/// </summary>
internal sealed record ConditionalGotoStatement(ConditionSpec Condition, int LabelId, int Line) : StatementSpec;

/// <summary><c>return</c> with an optional value (already spilled).</summary>
internal sealed record ReturnStatement(CodeText? Value, int Line) : StatementSpec;

/// <summary><c>throw;</c> inside the catch clause <paramref name="CatchIndex"/> of try <paramref name="TryId"/>.</summary>
internal sealed record RethrowStatement(int TryId, int CatchIndex, int Line) : StatementSpec;

/// <summary>A try statement. Catches and finally bodies that contain an await are lowered after the try.</summary>
internal sealed record TryStatement(int Id, BlockStatement Body, EquatableArray<CatchSpec> Catches, BlockStatement? Finally, int Line) : StatementSpec;

/// <summary>One catch clause.</summary>
/// <param name="Type">The fully qualified exception type (System.Exception for a bare catch).</param>
/// <param name="Variable">The renamed exception variable, or null.</param>
/// <param name="Filter">The renamed filter expression, or null.</param>
/// <param name="Body">The handler.</param>
/// <param name="Header">The clause as written, for comments.</param>
internal sealed record CatchSpec(string Type, CodeText? Variable, CodeText? Filter, BlockStatement Body, string Header);

/// <summary>A switch statement without await in its sections, emitted as written (a switch that awaits is a <see cref="SwitchStatementSpec"/> until it is desugared).</summary>
internal sealed record SwitchStatement(int Id, CodeText Governing, EquatableArray<SwitchSectionSpec> Sections, int Line) : StatementSpec;

/// <summary>A switch section: its labels as written (e.g. <c>case 1:</c>) and its statements.</summary>
internal sealed record SwitchSectionSpec(EquatableArray<CodeText> Labels, BlockStatement Body);
