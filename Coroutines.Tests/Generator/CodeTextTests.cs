using Coroutines.Generator.Model;

namespace Coroutines.Tests.Generator;

/// <summary>The parser composes lowered code from verbatim text and slots; equal code has equal parts, however it was composed.</summary>
public class CodeTextTests
{
    [Test]
    public void ComposedVerbatimTextEqualsTheSameTextInOnePiece()
    {
        var composed = CodeText.Of($"a{CodeText.Verbatim("b")}{"c"}");

        Assert.That(composed, Is.EqualTo(CodeText.Verbatim("abc")));
        Assert.That(composed.Parts.Count, Is.EqualTo(1));
    }

    [Test]
    public void EmptyCodeEqualsEmptyVerbatimText() =>
        Assert.That(CodeText.Of($"{CodeText.Verbatim("")}"), Is.EqualTo(CodeText.Verbatim("")));

    [Test]
    public void ACapturedCopyPrintsAsItsNameAndIsNotASlot()
    {
        var code = CodeText.Of($"{CodeText.CapturedCopy("__captured1", 1)}.x = {CodeText.Slot(0)};");
        var slots = new[] { new SlotSpec("total", "total", Stored: false) };

        Assert.That(code.Slots, Is.EqualTo(new[] { 0 }));
        Assert.That(code.Print(slots), Is.EqualTo("__captured1.x = total;"));
    }

    [Test]
    public void TrimEndDropsTrailingWhiteSpaceAfterASlot()
    {
        var code = CodeText.Of($"new {CodeText.Slot(0)}  ");

        Assert.That(code.TrimEnd(), Is.EqualTo(CodeText.Of($"new {CodeText.Slot(0)}")));
    }
}
