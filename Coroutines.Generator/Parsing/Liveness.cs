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
                || walk.Loops.Any(loop => loop.HasAwait && first < loop.Start && uses.Any(u => loop.Start <= u && u <= loop.End));
            if (crosses && local.InlineDeclared)
                throw new NotLoweredException($"The pattern variable '{local.Origin}', which lives across an await", parser.DeclarationOf(local)!);
            hoisted[local.Id] = crosses;
        }

        var names = new string[locals.Count];
        var taken = new HashSet<string>(locals.Select(l => l.BaseName), StringComparer.Ordinal);
        foreach (var local in locals)
        {
            string name = local.BaseName;
            if (hoisted[local.Id] && !local.IsTemp)
            {
                name = "__" + local.BaseName;
                for (int n = 2; taken.Contains(name) || IsMachineryName(name); n++)
                    name = "__" + local.BaseName + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                taken.Add(name);
            }
            names[local.Id] = name;
        }

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
                int id = int.Parse(text.Substring(open + 1, close - open - 1), System.Globalization.CultureInfo.InvariantCulture);
                result.Append(names[id]);
                i = close + 1;
            }
            return result.ToString();
        }

        var renamed = (BlockStatement)IrRewriter.Map(body, Rename);
        var specs = locals
            .Where(l => !l.InlineDeclared && walk.Uses.ContainsKey(l.Id))
            .Select(l => new LocalSpec(names[l.Id], l.Type, hoisted[l.Id], l.Origin))
            .ToEquatableArray();
        return new MachineBodySpec(renamed, specs);
    }

    private static readonly System.Text.RegularExpressions.Regex Machinery = new(
        @"^__(state|this|result|awaitSites|exception|(awaiter|caught|catchIndex|pendingException|pendingBranch|exception|t)\d+)$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Names the machine itself uses; a hoisted user local never takes one.</summary>
    private static bool IsMachineryName(string name) => Machinery.IsMatch(name);

    private sealed class Walk
    {
        private int _index;

        public Dictionary<int, List<int>> Uses { get; } = new();
        public List<int> Awaits { get; } = new();
        public List<(int Start, int End, bool HasAwait)> Loops { get; } = new();

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
                    Text(switchStatement.Governing);
                    foreach (var section in switchStatement.Sections)
                    {
                        foreach (var label in section.Labels)
                            Text(label);
                        foreach (var test in section.Tests)
                        {
                            Text(test.Pattern);
                            Text(test.When);
                        }
                    }
                    foreach (var section in switchStatement.Sections)
                        Statement(section.Body);
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
                int id = int.Parse(text.Substring(i + 1, close - i - 1), System.Globalization.CultureInfo.InvariantCulture);
                if (!Uses.TryGetValue(id, out var uses))
                    Uses[id] = uses = new List<int>();
                uses.Add(_index);
                i = close + 1;
            }
        }
    }
}
