using System;
using System.Collections.Generic;
using System.Text;
using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

/// <summary>How a <see cref="CodePart"/> that refers to a moved local prints (see <see cref="SlotSpec"/>).</summary>
internal enum SlotUse
{
    /// <summary>Not a slot: verbatim text.</summary>
    None,

    /// <summary>Where the local is used (and declared, unless a pattern declares it): its final name.</summary>
    Use,

    /// <summary>Where a pattern declares the local: its binding name.</summary>
    Binding,

    /// <summary>Before the <c>is</c> expression whose pattern declares the local: <c>(</c> when the local is stored.</summary>
    BeforeMatch,

    /// <summary>After that <c>is</c> expression when a match assigns the local, without parentheses.</summary>
    AfterMatch,

    /// <summary>After that <c>is</c> expression when a match assigns the local, closing <see cref="BeforeMatch"/>.</summary>
    AfterMatchClosing,

    /// <summary>After that <c>is</c> expression when a failed match assigns the local (<c>is not Foo f</c>), closing <see cref="BeforeMatch"/>.</summary>
    AfterFailedMatch,

    /// <summary>Not a slot: the C# local through which a lambda reads a closure (its copy), printed as its text; the part's slot is the closure's number.</summary>
    CapturedCopy,

    /// <summary>Not a slot: in the template of a <see cref="BoundExpression"/>, the value of its child number <see cref="CodePart.Slot"/>.</summary>
    Hole,

    /// <summary>Not a slot: the value of the <see cref="SpillStatement"/> with id <see cref="CodePart.Slot"/>, filled in by the spilling pass.</summary>
    SpillResult,
}

/// <summary>A piece of <see cref="CodeText"/>: verbatim C#, or a reference to the moved local <paramref name="Slot"/>.</summary>
internal readonly record struct CodePart(string Text, SlotUse Use, int Slot);

/// <summary>
/// C# code of the lowered body whose moved locals are references, not names: their names are decided only after the
/// liveness pass (a field or a local of MoveNext), and printed by <see cref="SlotSpec.Print"/>, one naming rule.
/// </summary>
internal sealed class CodeText : IEquatable<CodeText>
{
    private readonly EquatableArray<CodePart> _parts;

    private CodeText(EquatableArray<CodePart> parts) => _parts = parts;

    public EquatableArray<CodePart> Parts => _parts;

    /// <summary>The slots the code refers to, with repeats, in order.</summary>
    public IEnumerable<int> Slots
    {
        get
        {
            foreach (var part in _parts)
            {
                if (IsSlotUse(part.Use))
                    yield return part.Slot;
            }
        }
    }

    /// <summary>Whether the code is a single moved local.</summary>
    public bool IsSingleSlot => _parts.Count == 1 && IsSlotUse(_parts[0].Use);

    /// <summary>Whether the code holds a <see cref="SlotUse.SpillResult"/> part.</summary>
    public bool HasSpillResult
    {
        get
        {
            foreach (var part in _parts)
            {
                if (part.Use == SlotUse.SpillResult)
                    return true;
            }
            return false;
        }
    }

    private static bool IsSlotUse(SlotUse use) => use is not (SlotUse.None or SlotUse.CapturedCopy or SlotUse.Hole or SlotUse.SpillResult);

    /// <summary>Verbatim code: no moved local.</summary>
    public static CodeText Verbatim(string text) => new(new[] { new CodePart(text, SlotUse.None, 0) }.ToEquatableArray());

    /// <summary>The moved local <paramref name="slot"/>, printed for <paramref name="use"/>.</summary>
    public static CodeText Slot(int slot, SlotUse use = SlotUse.Use) => new(new[] { new CodePart("", use, slot) }.ToEquatableArray());

    /// <summary>The copy <paramref name="name"/> of closure <paramref name="closure"/>, which a lambda captures.</summary>
    public static CodeText CapturedCopy(string name, int closure) => new(new[] { new CodePart(name, SlotUse.CapturedCopy, closure) }.ToEquatableArray());

    /// <summary>The hole for child <paramref name="index"/> in the template of a <see cref="BoundExpression"/>.</summary>
    public static CodeText Hole(int index) => Slot(index, SlotUse.Hole);

    /// <summary>Where the value of the <see cref="SpillStatement"/> <paramref name="id"/> goes.</summary>
    public static CodeText SpillResult(int id) => Slot(id, SlotUse.SpillResult);

    /// <summary>The code with each part of kind <paramref name="use"/> replaced by <paramref name="value"/> of its number.</summary>
    public CodeText Fill(SlotUse use, Func<int, CodeText> value)
    {
        if (_parts.Count == 1 && _parts[0].Use == use)
            return value(_parts[0].Slot);
        var code = new CodeTextBuilder(0, _parts.Count);
        foreach (var part in _parts)
        {
            if (part.Use == use)
                code.AppendFormatted(value(part.Slot));
            else
                code.AppendPart(part);
        }
        return Of(code);
    }

    /// <summary>Code composed of verbatim text and other code: <c>CodeText.Of($"{temp.Slot} = {value};")</c>.</summary>
    public static CodeText Of(CodeTextBuilder code) => new(code.ToParts());

    /// <summary>The <paramref name="items"/> with <paramref name="separator"/> between them.</summary>
    public static CodeText Join(string separator, IEnumerable<CodeText> items)
    {
        var code = new CodeTextBuilder(0, 0);
        bool first = true;
        foreach (var item in items)
        {
            if (!first)
                code.AppendLiteral(separator);
            code.AppendFormatted(item);
            first = false;
        }
        return Of(code);
    }

    /// <summary><paramref name="left"/> followed by <paramref name="right"/>.</summary>
    public static CodeText operator +(CodeText left, CodeText right) => Of($"{left}{right}");

    /// <summary>The code without the white space that ends it.</summary>
    public CodeText TrimEnd()
    {
        var last = _parts[_parts.Count - 1];
        if (last.Use != SlotUse.None || last.Text.Length == 0 || !char.IsWhiteSpace(last.Text[last.Text.Length - 1]))
            return this;
        var parts = new List<CodePart>(_parts);
        string trimmed = last.Text.TrimEnd();
        if (trimmed.Length > 0 || parts.Count == 1)
            parts[parts.Count - 1] = new CodePart(trimmed, SlotUse.None, 0);
        else
            parts.RemoveAt(parts.Count - 1);
        return new CodeText(parts.ToEquatableArray());
    }

    /// <summary>The code with its moved locals named by <paramref name="slots"/>.</summary>
    public string Print(IReadOnlyList<SlotSpec> slots)
    {
        if (_parts.Count == 1 && _parts[0].Use == SlotUse.None)
            return _parts[0].Text;
        var text = new StringBuilder();
        foreach (var part in _parts)
            text.Append(part.Use is SlotUse.None or SlotUse.CapturedCopy ? part.Text : slots[part.Slot].Print(part.Use));
        return text.ToString();
    }

    /// <summary>The code with its moved locals shown as <c>{slot 3}</c> (<c>{slot 3 Binding}</c>), for debugging.</summary>
    public override string ToString()
    {
        if (_parts.Count == 1 && _parts[0].Use == SlotUse.None)
            return _parts[0].Text;
        var text = new StringBuilder();
        foreach (var part in _parts)
            text.Append(part.Use switch
            {
                SlotUse.None or SlotUse.CapturedCopy => part.Text,
                SlotUse.Use => $"{{slot {part.Slot}}}",
                SlotUse.Hole => $"{{hole {part.Slot}}}",
                SlotUse.SpillResult => $"{{spill {part.Slot}}}",
                _ => $"{{slot {part.Slot} {part.Use}}}",
            });
        return text.ToString();
    }

    public bool Equals(CodeText? other) => other is not null && _parts.Equals(other._parts);

    public override bool Equals(object? obj) => obj is CodeText other && Equals(other);

    public override int GetHashCode() => _parts.GetHashCode();
}

/// <summary>
/// The final naming of one moved local, decided by the liveness pass: <paramref name="Name"/> where it is used,
/// <paramref name="Binding"/> where a pattern declares it, and whether it is <paramref name="Stored"/> (copied out of
/// its pattern into its field or local by <c>__Store</c>).
/// </summary>
internal sealed record SlotSpec(string Name, string Binding, bool Stored)
{
    /// <summary>The helper of the machine that copies a pattern variable out: <c>__Store(out target, value)</c>, always true.</summary>
    public const string StoreHelper = "__Store";

    public string Print(SlotUse use) => use switch
    {
        SlotUse.Binding => Binding,
        SlotUse.BeforeMatch => Stored ? "(" : "",
        SlotUse.AfterMatch => Stored ? $" && {StoreHelper}(out {Name}, {Binding})" : "",
        SlotUse.AfterMatchClosing => Stored ? $" && {StoreHelper}(out {Name}, {Binding}))" : "",
        SlotUse.AfterFailedMatch => Stored ? $" || !{StoreHelper}(out {Name}, {Binding}))" : "",
        _ => Name,
    };
}
