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
    /// <summary><paramref name="condition"/> as C#, its code printed by <paramref name="code"/>.</summary>
    public static string Print(ConditionSpec condition, Func<CodeText, string> code) => condition switch
    {
        CodeCondition c => code(c.Code),
        NotCondition not => Negated(not.Operand, code),
        NullTestCondition test => code(test.Operand) + (test.IsNull ? " is null" : " is not null"),
        HasValueCondition hasValue => code(hasValue.Operand) + ".HasValue",
        PatternCondition pattern => $"{code(pattern.Operand)} is {code(pattern.Pattern)}",
        AndCondition and => string.Join(" && ", and.Operands.Select(o => Conjunct(o, code))),
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    /// <summary>The negation of <paramref name="condition"/> as C#, its code printed by <paramref name="code"/>.</summary>
    public static string Negated(ConditionSpec condition, Func<CodeText, string> code) => condition switch
    {
        CodeCondition { Shape: CodeShape.Primary } c => "!" + code(c.Code),
        NotCondition not => Print(not.Operand, code),
        NullTestCondition test => Print(test with { IsNull = !test.IsNull }, code),
        HasValueCondition hasValue => "!" + Print(hasValue, code),
        _ => $"!({Print(condition, code)})",
    };

    /// <summary>An operand of <c>&amp;&amp;</c>.</summary>
    private static string Conjunct(ConditionSpec condition, Func<CodeText, string> code) => condition switch
    {
        CodeCondition { Shape: CodeShape.Any } c => $"({code(c.Code)})",
        _ => Print(condition, code),
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

    /// <summary><paramref name="condition"/> with each of its code texts passed through <paramref name="map"/>.</summary>
    public static ConditionSpec Map(ConditionSpec condition, Func<CodeText, CodeText> map) => condition switch
    {
        CodeCondition code => code with { Code = map(code.Code) },
        NotCondition not => not with { Operand = Map(not.Operand, map) },
        NullTestCondition test => test with { Operand = map(test.Operand) },
        HasValueCondition hasValue => hasValue with { Operand = map(hasValue.Operand) },
        PatternCondition pattern => pattern with { Operand = map(pattern.Operand), Pattern = map(pattern.Pattern) },
        AndCondition and => and with { Operands = and.Operands.Select(o => Map(o, map)).ToEquatableArray() },
        _ => condition,
    };
}
