using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Coroutines.Generator.Parsing;

namespace Coroutines.Tests.Generator;

/// <summary>Conditions of the lowered body are printed from nodes, their negations simplified without reading the code back.</summary>
public class ConditionPrinterTests
{
    private static string Print(ConditionSpec condition) => ConditionPrinter.Print(condition, c => c.ToString());

    private static string Negated(ConditionSpec condition) => ConditionPrinter.Negated(condition, c => c.ToString());

    [Test]
    public void TheNegationOfANullTestIsTheOppositeNullTest()
    {
        Assert.That(Negated(new NullTestCondition("receiver", IsNull: false)), Is.EqualTo("receiver is null"));
        Assert.That(Negated(new NullTestCondition("left", IsNull: true)), Is.EqualTo("left is not null"));
    }

    [Test]
    public void TheNegationOfANegationIsItsOperand()
    {
        var flag = new CodeCondition("flag", CodeShape.Primary);

        Assert.That(Print(new NotCondition(flag)), Is.EqualTo("!flag"));
        Assert.That(Negated(new NotCondition(flag)), Is.EqualTo("flag"));
    }

    [Test]
    public void OnlyCodeThatIsNotPrimaryIsParenthesizedUnderNot()
    {
        Assert.That(Negated(new CodeCondition("e.MoveNext()", CodeShape.Primary)), Is.EqualTo("!e.MoveNext()"));
        Assert.That(Negated(new CodeCondition("i < a.Length")), Is.EqualTo("!(i < a.Length)"));
        Assert.That(Negated(new HasValueCondition("n")), Is.EqualTo("!n.HasValue"));
    }

    [Test]
    public void AConjunctionParenthesizesOnlyOperandsThatNeedIt()
    {
        var condition = new AndCondition(new ConditionSpec[]
        {
            new PatternCondition("value", "int n"),
            new CodeCondition("Store(out a, b) && Store(out c, d)", CodeShape.Conjunction),
            new CodeCondition("n > 0 || n < -5"),
        }.ToEquatableArray());

        Assert.That(Print(condition), Is.EqualTo("value is int n && Store(out a, b) && Store(out c, d) && (n > 0 || n < -5)"));
        Assert.That(Negated(condition), Is.EqualTo("!(value is int n && Store(out a, b) && Store(out c, d) && (n > 0 || n < -5))"));
    }

    [Test]
    public void CodeNamesEachMovedLocalByItsSlot()
    {
        CodeText code = $"{Markers.Of(0)} = {Markers.Of(1)} + o is int {Markers.Of(SlotUse.Binding, 1)}{Markers.Of(SlotUse.AfterMatch, 1)};";
        var slots = new[] { new SlotSpec("total", "total", Stored: false), new SlotSpec("__n", "n", Stored: true) };

        Assert.That(code.Print(slots), Is.EqualTo("total = __n + o is int n && __Store(out __n, n);"));
        Assert.That(code.Slots, Is.EqualTo(new[] { 0, 1, 1, 1 }));
    }
}
