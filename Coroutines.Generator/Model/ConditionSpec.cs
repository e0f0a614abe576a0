using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

// The conditions the lowered body tests (an if, a loop's test, a lowered switch label), as nodes rather than text, so
// that the emitter can negate and combine them without reading C# back (see ConditionPrinter).

/// <summary>A boolean condition of the lowered body.</summary>
internal abstract record ConditionSpec;

/// <summary>How a condition's code binds, which decides where it needs parentheses.</summary>
internal enum CodeShape
{
    /// <summary>Anything: parenthesized under <c>!</c> and as an operand of <c>&amp;&amp;</c>.</summary>
    Any,

    /// <summary>A name, call, member or element access, literal or parenthesized expression: never parenthesized.</summary>
    Primary,

    /// <summary>A chain joined by <c>&amp;&amp;</c> whose operands need no parentheses: bare as an operand of <c>&amp;&amp;</c>.</summary>
    Conjunction,
}

/// <summary>A condition the user wrote or the parser composed, as C# code.</summary>
internal sealed record CodeCondition(CodeText Code, CodeShape Shape = CodeShape.Any) : ConditionSpec;

/// <summary><c>!Operand</c>.</summary>
internal sealed record NotCondition(ConditionSpec Operand) : ConditionSpec;

/// <summary><c>Operand is null</c> (<paramref name="IsNull"/>) or <c>Operand is not null</c>; <paramref name="Operand"/> is a primary expression.</summary>
internal sealed record NullTestCondition(CodeText Operand, bool IsNull) : ConditionSpec;

/// <summary><c>Operand.HasValue</c> of a nullable value; <paramref name="Operand"/> is a primary expression.</summary>
internal sealed record HasValueCondition(CodeText Operand) : ConditionSpec;

/// <summary><c>Operand is Pattern</c>.</summary>
internal sealed record PatternCondition(CodeText Operand, CodeText Pattern) : ConditionSpec;

/// <summary>All of <paramref name="Operands"/>, joined by <c>&amp;&amp;</c> in order.</summary>
internal sealed record AndCondition(EquatableArray<ConditionSpec> Operands) : ConditionSpec;
