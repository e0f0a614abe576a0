using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

/// <summary>
/// Composes <see cref="CodeText"/> from an interpolated string: literal text is verbatim, a <see cref="CodeText"/> hole
/// keeps its slots (<c>CodeText.Of($"{temp.Slot} = {value};")</c>).
/// </summary>
[InterpolatedStringHandler]
internal readonly struct CodeTextBuilder
{
    private readonly List<CodePart> _parts;

    public CodeTextBuilder(int literalLength, int formattedCount) => _parts = new List<CodePart>(formattedCount * 2 + 1);

    public void AppendLiteral(string text) => Add(new CodePart(text, SlotUse.None, 0));

    public void AppendFormatted(CodeText? code)
    {
        if (code is null)
            return;
        foreach (var part in code.Parts)
            Add(part);
    }

    /// <summary>Verbatim text: a name, a type, an operator.</summary>
    public void AppendFormatted(string? text)
    {
        if (text is not null)
            AppendLiteral(text);
    }

    /// <summary>Adds one part of other code.</summary>
    public void AppendPart(CodePart part) => Add(part);

    /// <summary>Adds a part, merging verbatim text into the verbatim part before it, so equal code has equal parts.</summary>
    private void Add(CodePart part)
    {
        if (part.Use != SlotUse.None)
            _parts.Add(part);
        else if (part.Text.Length == 0)
            return;
        else if (_parts.Count > 0 && _parts[_parts.Count - 1].Use == SlotUse.None)
            _parts[_parts.Count - 1] = new CodePart(_parts[_parts.Count - 1].Text + part.Text, SlotUse.None, 0);
        else
            _parts.Add(part);
    }

    internal EquatableArray<CodePart> ToParts() =>
        _parts.Count == 0 ? new[] { new CodePart("", SlotUse.None, 0) }.ToEquatableArray() : _parts.ToEquatableArray();
}
