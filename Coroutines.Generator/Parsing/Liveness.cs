using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// Decides which moved locals live across an await and become fields (after Roslyn's
/// IteratorAndAsyncCaptureWalker, on the lowered order of the IR), then replaces the markers by final names:
/// a local is hoisted when an await lies between its first and last use, or when it is used inside a loop that
/// awaits and was set before the loop (the loop's back edge carries it across the await).
/// </summary>
internal static class Liveness
{
    public static MachineBodySpec Finish(BlockStatement body, IReadOnlyList<BodyParser.MovedLocal> locals, BodyParser parser)
    {
        var walk = new Walk();
        walk.Statement(body);
        var hoisted = new bool[locals.Count];
        foreach (var local in locals)
        {
            if (!walk.Uses.TryGetValue(local.Id, out var uses))
                continue;
            int first = uses.Min(), last = uses.Max();
            bool crosses = walk.Awaits.Any(a => first < a && a < last)
                || walk.Loops.Any(loop => loop.HasAwait && first < loop.Start && uses.Any(u => loop.Start <= u && u <= loop.End))
                || walk.BackwardGotos().Any(region => CarriedAroundGoto(region, uses, walk.Awaits));
            if (crosses && local.StoreBlocker is not null)
                throw new NotLoweredException(local.StoreBlocker, parser.DeclarationOf(local)!);
            if (crosses && local.RefLike)
                throw new NotLoweredException($"The local '{local.Origin}' of ref struct type '{local.Type}', which lives across an await (C# does not allow that either)", parser.DeclarationOf(local)!);
            if (crosses && local.InlineDeclared)
                throw new NotLoweredException($"The pattern variable '{local.Origin}' of a switch expression arm or of a switch section that does not await, which lives across an await", parser.DeclarationOf(local)!);
            hoisted[local.Id] = crosses;
        }

        // A pattern variable is copied out of its pattern when it lives across an await or must reach a switch section.
        var stored = locals.Select(l => l.PatternBound && (hoisted[l.Id] || l.MustStore)).ToArray();
        var names = new string[locals.Count];
        var bindings = new string[locals.Count];
        var taken = new HashSet<string>(locals.Select(l => l.BaseName), StringComparer.Ordinal);
        foreach (var local in locals)
        {
            string name = Identifier(local.BaseName);
            if (hoisted[local.Id] && !local.IsTemp)
            {
                name = "__" + local.BaseName;
                for (int n = 2; taken.Contains(name) || IsMachineryName(name); n++)
                    name = "__" + local.BaseName + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                taken.Add(name);
            }
            names[local.Id] = name;
            bindings[local.Id] = name;
            if (stored[local.Id])
            {
                // the pattern declares the binding; the variable itself is the field or a local of MoveNext
                string binding = Identifier(local.BaseName);
                for (int n = 2; binding == name || !hoisted[local.Id] && taken.Contains(binding); n++)
                    binding = local.BaseName + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                taken.Add(binding);
                bindings[local.Id] = binding;
            }
        }

        string Resolve(char kind, int id) => kind switch
        {
            Markers.Binding => bindings[id],
            Markers.BeforeMatch => stored[id] ? "(" : "",
            Markers.AfterMatch => stored[id] ? $" && {Markers.StoreHelper}(out {names[id]}, {bindings[id]})" : "",
            Markers.AfterMatchClosing => stored[id] ? $" && {Markers.StoreHelper}(out {names[id]}, {bindings[id]}))" : "",
            Markers.AfterFailedMatch => stored[id] ? $" || !{Markers.StoreHelper}(out {names[id]}, {bindings[id]}))" : "",
            _ => names[id],
        };

        string Rename(string text)
        {
            if (text.IndexOf(Markers.Open) < 0)
                return text;
            var result = new System.Text.StringBuilder(text.Length);
            int i = 0;
            while (i < text.Length)
            {
                int open = text.IndexOf(Markers.Open, i);
                if (open < 0)
                {
                    result.Append(text, i, text.Length - i);
                    break;
                }
                int close = text.IndexOf(Markers.Close, open);
                result.Append(text, i, open - i);
                var (kind, id) = Markers.Parse(text, open, close);
                result.Append(Resolve(kind, id));
                i = close + 1;
            }
            return result.ToString();
        }

        var renamed = (BlockStatement)IrRewriter.Map(body, Rename);
        var specs = locals
            .Where(l => !l.InlineDeclared && (!l.PatternBound || stored[l.Id]) && walk.Uses.ContainsKey(l.Id))
            .Select(l => new LocalSpec(names[l.Id], l.Type, hoisted[l.Id], l.Origin))
            .ToEquatableArray();
        return new MachineBodySpec(renamed, specs, stored.Any(x => x));
    }

    /// <summary>
    /// A backward goto makes its region a loop, but one whose start need not be where its locals are first set (a
    /// forward goto can enter it in the middle): a local is carried around the back edge across an await when it is
    /// used before the region and inside it, or when the region awaits before its first use or after its last use there.
    /// </summary>
    private static bool CarriedAroundGoto((int Start, int End) region, List<int> uses, List<int> awaits)
    {
        var inside = uses.Where(u => region.Start <= u && u <= region.End).ToList();
        if (inside.Count == 0 || !awaits.Any(a => region.Start < a && a < region.End))
            return false;
        int firstInside = inside.Min(), lastInside = inside.Max();
        return uses.Min() < region.Start
            || awaits.Any(a => region.Start < a && a < firstInside || lastInside < a && a < region.End);
    }

    private static readonly System.Text.RegularExpressions.Regex Machinery = new(
        @"^__(state|this|result|info|exception|Store|As|(awaiter|caught|catchIndex|pendingException|pendingBranch|exception|closure|Closure|captured)\d+)$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Names the machine itself uses; a hoisted user local never takes one.</summary>
    private static bool IsMachineryName(string name) => Machinery.IsMatch(name);

    private sealed class Walk
    {
        private int _index;

        public Dictionary<int, List<int>> Uses { get; } = new();
        public List<int> Awaits { get; } = new();
        public List<(int Start, int End, bool HasAwait)> Loops { get; } = new();
        private readonly Dictionary<int, int> _labels = new();
        private readonly List<(int LabelId, int Index)> _gotos = new();

        /// <summary>The regions from a label to a later goto back to it.</summary>
        public IEnumerable<(int Start, int End)> BackwardGotos() => _gotos
            .Where(g => _labels.TryGetValue(g.LabelId, out int label) && label < g.Index)
            .Select(g => (_labels[g.LabelId], g.Index));

        public void Statement(StatementSpec statement)
        {
            switch (statement)
            {
                case TextStatement text:
                    Text(text.Text);
                    break;
                case AwaitStatement await:
                    Text(await.Await.Operand);
                    _index++;
                    Awaits.Add(_index);
                    Text(await.Target);
                    break;
                case BlockStatement block:
                    foreach (var child in block.Statements)
                        Statement(child);
                    break;
                case IfStatement ifStatement:
                    Text(ifStatement.Condition);
                    Statement(ifStatement.Then);
                    if (ifStatement.Else is not null)
                        Statement(ifStatement.Else);
                    break;
                case PlainLoopStatement loop:
                    Loop(() =>
                    {
                        Text(loop.Header);
                        Statement(loop.Body);
                        Text(loop.Trailer);
                    });
                    break;
                case LoweredLoopStatement loop:
                    Loop(() =>
                    {
                        if (!loop.TestAtEnd)
                            Condition(loop);
                        Statement(loop.Body);
                        foreach (var child in loop.Increment)
                            Statement(child);
                        if (loop.TestAtEnd)
                            Condition(loop);
                    });
                    break;
                case PlainCompoundStatement compound:
                    Text(compound.Header);
                    Statement(compound.Body);
                    break;
                case ReturnStatement returnStatement:
                    Text(returnStatement.Value);
                    break;
                case LabelStatement label:
                    _labels[label.Id] = ++_index;
                    break;
                case GotoStatement gotoStatement:
                    _gotos.Add((gotoStatement.LabelId, ++_index));
                    break;
                case TryStatement tryStatement:
                    Statement(tryStatement.Body);
                    foreach (var clause in tryStatement.Catches)
                    {
                        Text(clause.Variable);
                        Text(clause.Filter);
                        Statement(clause.Body);
                    }
                    if (tryStatement.Finally is not null)
                        Statement(tryStatement.Finally);
                    break;
                case SwitchStatement switchStatement:
                    // Each section's labels are walked just before its body: a matching test jumps straight there, so
                    // the variables its pattern declares never pass through the awaits of the sections before it.
                    Text(switchStatement.Governing);
                    foreach (var section in switchStatement.Sections)
                    {
                        foreach (var label in section.Labels)
                            Text(label);
                        foreach (var test in section.Tests)
                        {
                            Text(test.Pattern);
                            Text(test.Stores);
                            Text(test.When);
                        }
                        if (section.LabelId != 0)
                            _labels[section.LabelId] = ++_index;
                        Statement(section.Body);
                    }
                    break;
            }
        }

        private void Condition(LoweredLoopStatement loop)
        {
            foreach (var child in loop.ConditionPrefix)
                Statement(child);
            Text(loop.Condition);
        }

        private void Loop(Action body)
        {
            int start = ++_index;
            int awaitsBefore = Awaits.Count;
            body();
            int end = ++_index;
            Loops.Add((start, end, Awaits.Count > awaitsBefore));
        }

        private void Text(string? text)
        {
            _index++;
            if (text is null)
                return;
            int i = 0;
            while ((i = text.IndexOf(Markers.Open, i)) >= 0)
            {
                int close = text.IndexOf(Markers.Close, i);
                int id = Markers.Parse(text, i, close).Id;
                if (!Uses.TryGetValue(id, out var uses))
                    Uses[id] = uses = new List<int>();
                uses.Add(_index);
                i = close + 1;
            }
        }
    }

    /// <summary>A local's name as an identifier: a keyword the user wrote as <c>@class</c> keeps its <c>@</c>.</summary>
    private static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
