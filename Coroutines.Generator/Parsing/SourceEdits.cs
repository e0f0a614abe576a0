using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// The text edits every rendering of a coroutine body applies (renamed locals, <c>__this.</c>, accessors, closure
/// arguments), collected once before the statements are parsed, and the rendering of a span of the source with them.
/// </summary>
internal sealed class SourceEdits
{
    private readonly SourceText _text;
    private readonly Dictionary<int, Edit> _edits = new();
    private readonly Dictionary<int, CodeText> _suffixes = new();

    public SourceEdits(SourceText text) => _text = text;

    private readonly struct Edit
    {
        public Edit(TextSpan span, CodeText text)
        {
            Span = span;
            Text = text;
        }

        public TextSpan Span { get; }
        public CodeText Text { get; }
    }

    /// <summary>Replaces <paramref name="span"/> with <paramref name="text"/>; an empty span inserts, before a replacement at the same position.</summary>
    public void Add(TextSpan span, CodeText text)
    {
        if (_edits.TryGetValue(span.Start, out var existing))
        {
            if (existing.Span.Length == 0)
                text = existing.Text + text;   // insertions, then maybe a replacement, at the same position
            else if (span.Length == 0)
            {
                text += existing.Text;
                span = existing.Span;
            }
        }
        _edits[span.Start] = new Edit(span, text);
    }

    /// <summary>Text inserted right after the node ending at <paramref name="position"/> (edits at a position otherwise belong to the node starting there).</summary>
    public void AddSuffix(int position, CodeText text) =>
        _suffixes[position] = _suffixes.TryGetValue(position, out var existing) ? existing + text : text;

    /// <summary>The source text of <paramref name="span"/> with the edits applied and <paramref name="overrides"/> (spans of spilled sub-expressions) substituted.</summary>
    public CodeText Render(TextSpan span, IReadOnlyDictionary<TextSpan, CodeText>? overrides = null)
    {
        var edits = new List<Edit>();
        if (overrides is not null)
            edits.AddRange(overrides.Select(o => new Edit(o.Key, o.Value)));
        foreach (var edit in _edits.Values)
        {
            if (!span.Contains(edit.Span) || edit.Span.Length == 0 && (edit.Span.Start == span.End))
                continue;
            if (overrides is not null && overrides.Keys.Any(o => o.Contains(edit.Span) && !(edit.Span.Length == 0 && edit.Span.Start == o.End)))
                continue;
            edits.Add(edit);
        }
        var suffixes = new List<Edit>();
        foreach (var suffix in _suffixes)
        {
            if (span.Start < suffix.Key && suffix.Key <= span.End
                && (overrides is null || !overrides.Keys.Any(o => o.Start < suffix.Key && suffix.Key <= o.End)))
                suffixes.Add(new Edit(new TextSpan(suffix.Key, 0), suffix.Value));
        }
        edits.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : b.Span.Length.CompareTo(a.Span.Length));
        // a suffix goes before every edit at its position: it ends the node before it
        foreach (var suffix in suffixes)
        {
            int at = edits.FindIndex(e => e.Span.Start >= suffix.Span.Start);
            edits.Insert(at < 0 ? edits.Count : at, suffix);
        }
        var text = new CodeTextBuilder(0, edits.Count);
        int position = span.Start;
        foreach (var edit in edits)
        {
            if (edit.Span.Start < position)
                continue;   // nested inside an edit already applied (e.g. a name inside nameof)
            text.AppendLiteral(_text.ToString(TextSpan.FromBounds(position, edit.Span.Start)));
            text.AppendFormatted(edit.Text);
            position = edit.Span.End;
        }
        text.AppendLiteral(_text.ToString(TextSpan.FromBounds(position, span.End)));
        return CodeText.Of(text);
    }
}
