using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

/// <summary>
/// Prints a <see cref="ConditionSpec"/> as C#, and its negation simplified: <c>x is null</c> for the negation of
/// <c>x is not null</c>, <c>t</c> for the negation of <c>!t</c>, <c>!t</c> rather than <c>!(t)</c>; parentheses
/// only where the operand's shape needs them.
/// </summary>
internal static class ConditionPrinter
{
    /// <summary><paramref name="condition"/> as C#.</summary>
    public static CodeText Print(ConditionSpec condition) => condition switch
    {
        CodeCondition c => c.Code,
        NotCondition not => Negated(not.Operand),
        NullTestCondition test => CodeText.Of($"{test.Operand}{(test.IsNull ? " is null" : " is not null")}"),
        HasValueCondition hasValue => CodeText.Of($"{hasValue.Operand}.HasValue"),
        PatternCondition pattern => CodeText.Of($"{pattern.Operand} is {pattern.Pattern}"),
        AndCondition and => CodeText.Join(" && ", and.Operands.Select(Conjunct)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    /// <summary>The negation of <paramref name="condition"/> as C#.</summary>
    public static CodeText Negated(ConditionSpec condition) => condition switch
    {
        CodeCondition { Shape: CodeShape.Primary } c => CodeText.Of($"!{c.Code}"),
        NotCondition not => Print(not.Operand),
        NullTestCondition test => Print(test with { IsNull = !test.IsNull }),
        HasValueCondition hasValue => CodeText.Of($"!{Print(hasValue)}"),
        _ => CodeText.Of($"!({Print(condition)})"),
    };

    /// <summary>An operand of <c>&amp;&amp;</c>.</summary>
    private static CodeText Conjunct(ConditionSpec condition) => condition switch
    {
        CodeCondition { Shape: CodeShape.Any } c => CodeText.Of($"({c.Code})"),
        _ => Print(condition),
    };

    /// <summary>The code texts of <paramref name="condition"/>, in the order they are printed.</summary>
    public static IEnumerable<CodeText> Codes(ConditionSpec condition)
    {
        switch (condition)
        {
            case CodeCondition code:
                yield return code.Code;
                break;
            case NotCondition not:
                foreach (var code in Codes(not.Operand))
                    yield return code;
                break;
            case NullTestCondition test:
                yield return test.Operand;
                break;
            case HasValueCondition hasValue:
                yield return hasValue.Operand;
                break;
            case PatternCondition pattern:
                yield return pattern.Operand;
                yield return pattern.Pattern;
                break;
            case AndCondition and:
                foreach (var operand in and.Operands)
                {
                    foreach (var code in Codes(operand))
                        yield return code;
                }
                break;
        }
    }

    /// <summary>
    /// <paramref name="condition"/> with each of its code texts passed through <paramref name="map"/> (with
    /// <paramref name="state"/>); the same instance when no text changed.
    /// </summary>
    public static ConditionSpec Map<TState>(ConditionSpec condition, TState state, Func<TState, CodeText, CodeText> map)
    {
        switch (condition)
        {
            case CodeCondition code:
            {
                var mapped = map(state, code.Code);
                return ReferenceEquals(mapped, code.Code) ? code : code with { Code = mapped };
            }
            case NotCondition not:
            {
                var operand = Map(not.Operand, state, map);
                return ReferenceEquals(operand, not.Operand) ? not : not with { Operand = operand };
            }
            case NullTestCondition test:
            {
                var operand = map(state, test.Operand);
                return ReferenceEquals(operand, test.Operand) ? test : test with { Operand = operand };
            }
            case HasValueCondition hasValue:
            {
                var operand = map(state, hasValue.Operand);
                return ReferenceEquals(operand, hasValue.Operand) ? hasValue : hasValue with { Operand = operand };
            }
            case PatternCondition pattern:
            {
                var operand = map(state, pattern.Operand);
                var tested = map(state, pattern.Pattern);
                return ReferenceEquals(operand, pattern.Operand) && ReferenceEquals(tested, pattern.Pattern) ? pattern : pattern with { Operand = operand, Pattern = tested };
            }
            case AndCondition and:
            {
                var operands = and.Operands.SelectOrSame((state, map), static (s, operand) => Map(operand, s.state, s.map));
                return operands.IsSameArray(and.Operands) ? and : and with { Operands = operands };
            }
            default:
                return condition;
        }
    }
}
