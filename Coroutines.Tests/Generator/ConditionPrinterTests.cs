using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Tests.Generator;

/// <summary>Conditions of the lowered body are printed from nodes, their negations simplified without reading the code back.</summary>
public class ConditionPrinterTests
{
    private static string Print(ConditionSpec condition) => ConditionPrinter.Print(condition).ToString();

    private static string Negated(ConditionSpec condition) => ConditionPrinter.Negated(condition).ToString();

    [Test]
    public void TheNegationOfANullTestIsTheOppositeNullTest()
    {
        Assert.That(Negated(new NullTestCondition(CodeText.Verbatim("receiver"), IsNull: false)), Is.EqualTo("receiver is null"));
        Assert.That(Negated(new NullTestCondition(CodeText.Verbatim("left"), IsNull: true)), Is.EqualTo("left is not null"));
    }

    [Test]
    public void TheNegationOfANegationIsItsOperand()
    {
        var flag = new CodeCondition(CodeText.Verbatim("flag"), CodeShape.Primary);

        Assert.That(Print(new NotCondition(flag)), Is.EqualTo("!flag"));
        Assert.That(Negated(new NotCondition(flag)), Is.EqualTo("flag"));
    }

    [Test]
    public void OnlyCodeThatIsNotPrimaryIsParenthesizedUnderNot()
    {
        Assert.That(Negated(new CodeCondition(CodeText.Verbatim("e.MoveNext()"), CodeShape.Primary)), Is.EqualTo("!e.MoveNext()"));
        Assert.That(Negated(new CodeCondition(CodeText.Verbatim("i < a.Length"))), Is.EqualTo("!(i < a.Length)"));
        Assert.That(Negated(new HasValueCondition(CodeText.Verbatim("n"))), Is.EqualTo("!n.HasValue"));
    }

    [Test]
    public void AConjunctionParenthesizesOnlyOperandsThatNeedIt()
    {
        var condition = new AndCondition(new ConditionSpec[]
        {
            new PatternCondition(CodeText.Verbatim("value"), CodeText.Verbatim("int n")),
            new CodeCondition(CodeText.Verbatim("Store(out a, b) && Store(out c, d)"), CodeShape.Conjunction),
            new CodeCondition(CodeText.Verbatim("n > 0 || n < -5")),
        }.ToEquatableArray());

        Assert.That(Print(condition), Is.EqualTo("value is int n && Store(out a, b) && Store(out c, d) && (n > 0 || n < -5)"));
        Assert.That(Negated(condition), Is.EqualTo("!(value is int n && Store(out a, b) && Store(out c, d) && (n > 0 || n < -5))"));
    }

    [Test]
    public void CodeNamesEachMovedLocalByItsSlot()
    {
        var code = CodeText.Of($"{CodeText.Slot(0)} = {CodeText.Slot(1)} + o is int {CodeText.Slot(1, SlotUse.Binding)}{CodeText.Slot(1, SlotUse.AfterMatch)};");
        var slots = new[] { new SlotSpec("total", "total", Stored: false), new SlotSpec("__n", "n", Stored: true) };

        Assert.That(code.Print(slots), Is.EqualTo("total = __n + o is int n && __Store(out __n, n);"));
        Assert.That(code.Slots, Is.EqualTo(new[] { 0, 1, 1, 1 }));
    }
}
