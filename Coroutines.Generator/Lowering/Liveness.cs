using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Coroutines.Generator.Parsing;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The last lowering pass: decides which moved locals live across an await and become fields (after Roslyn's
/// IteratorAndAsyncCaptureWalker, on the lowered order of the IR), then names each (<see cref="SlotSpec"/>, which
/// the emitter applies wherever code refers to the local):
/// a local is hoisted when an await lies between its first and last use, or when it is used inside a loop that
/// awaits and was set before the loop (the loop's back edge carries it across the await).
/// </summary>
internal static class Liveness
{
    public static MachineBodySpec Run(BlockStatement body, ILoweringContext context)
    {
        var locals = context.Locals;
        var walk = new Walk();
        walk.Visit(body);
        var hoisted = new bool[locals.Count];
        foreach (var local in locals)
        {
            if (!walk.Uses.TryGetValue(local.Id, out var uses))
                continue;
            uses = walk.FromSectionEntry(uses);
            int first = uses.Min(), last = uses.Max();
            bool crosses = walk.Awaits.Any(a => first < a && a < last)
                || walk.Loops.Any(loop => loop.HasAwait && first < loop.Start && uses.Any(u => loop.Start <= u && u <= loop.End))
                || walk.BackwardGotos().Any(region => CarriedAroundGoto(region, uses, walk.Awaits));
            if (crosses && local.StoreBlocker is not null)
                throw new NotLoweredException(local.StoreBlocker, context.DeclarationOf(local));
            if (crosses && local.RefLike)
                throw new NotLoweredException($"The local '{local.Origin}' of ref struct type '{local.Type}', which lives across an await (C# does not allow that either)", context.DeclarationOf(local));
            if (crosses && local.InlineDeclared)
                throw new NotLoweredException($"The pattern variable '{local.Origin}' of a switch expression arm or of a switch section that does not await, which lives across an await", context.DeclarationOf(local));
            hoisted[local.Id] = crosses;
        }

        // A pattern variable is copied out of its pattern when it lives across an await or must reach a switch section.
        var stored = locals.Select(l => l.PatternBound && (hoisted[l.Id] || l.MustStore)).ToArray();
        var names = new string[locals.Count];
        var bindings = new string[locals.Count];
        foreach (var local in locals)
        {
            string name = Identifier(local.BaseName);
            if (hoisted[local.Id] && !local.IsTemp)
                name = context.ReserveName("__" + local.BaseName);
            names[local.Id] = name;
            bindings[local.Id] = name;
            if (stored[local.Id])
            {
                // the pattern declares the binding; the variable itself is the field or a local of MoveNext
                bindings[local.Id] = hoisted[local.Id] ? Identifier(local.BaseName) : context.ReserveName(local.BaseName);
            }
        }

        var specs = locals
            .Where(l => !l.InlineDeclared && (!l.PatternBound || stored[l.Id]) && walk.Uses.ContainsKey(l.Id))
            .Select(l => new LocalSpec(names[l.Id], l.Type, l.HoldsReferences, hoisted[l.Id], l.Origin))
            .ToEquatableArray();
        return new MachineBodySpec(body, specs, stored.Any(x => x))
        {
            Slots = locals.Select(l => new SlotSpec(names[l.Id], bindings[l.Id], stored[l.Id])).ToEquatableArray(),
        };
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

    /// <summary>
    /// Numbers the positions of the lowered body in order (each code text, await, label, goto and loop boundary) and
    /// records where each moved local is used, where the awaits are, and which ranges loops and backward gotos span.
    /// </summary>
    private sealed class Walk : StatementWalker
    {
        private int _index;

        public Dictionary<int, List<int>> Uses { get; } = new();
        public List<int> Awaits { get; } = new();
        public List<(int Start, int End, bool HasAwait)> Loops { get; } = new();
        private readonly Dictionary<int, int> _labels = new();
        private readonly List<(int LabelId, int Index)> _gotos = new();
        private readonly List<(int Start, int End, int LabelId)> _conditionalGotos = new();
        private readonly HashSet<int> _entryLabels = new();

        /// <summary>The regions from a label to a later goto back to it.</summary>
        public IEnumerable<(int Start, int End)> BackwardGotos() => _gotos
            .Where(g => _labels.TryGetValue(g.LabelId, out int label) && label < g.Index)
            .Select(g => (_labels[g.LabelId], g.Index));

        protected override void VisitSuspension(AwaitStatement await) => Awaits.Add(++_index);

        protected override void VisitPlainLoop(PlainLoopStatement loop) => Loop(() => base.VisitPlainLoop(loop));

        protected override void VisitLoweredLoop(LoweredLoopStatement loop) => Loop(() => base.VisitLoweredLoop(loop));

        protected override void VisitLabel(LabelStatement label)
        {
            _labels[label.Id] = ++_index;
            if (label.EnteredByJumpsOnly)
                _entryLabels.Add(label.Id);
        }

        protected override void VisitGoto(GotoStatement gotoStatement) => _gotos.Add((gotoStatement.LabelId, ++_index));

        protected override void VisitConditionalGoto(ConditionalGotoStatement conditionalGoto)
        {
            int start = _index + 1;
            base.VisitConditionalGoto(conditionalGoto);
            _gotos.Add((conditionalGoto.LabelId, ++_index));
            _conditionalGotos.Add((start, _index, conditionalGoto.LabelId));
        }

        /// <summary>
        /// The uses of a local first set by the tests that jump into a section entered only by jumps (a pattern
        /// variable a switch label copies out of its pattern), counted at the section's label: the jump skips the
        /// sections before it, whose awaits the value does not live across.
        /// </summary>
        public List<int> FromSectionEntry(List<int> uses)
        {
            int first = uses.Min();
            foreach (var (start, end, labelId) in _conditionalGotos)
            {
                if (first < start || end < first)
                    continue;
                if (!_entryLabels.Contains(labelId) || !_labels.TryGetValue(labelId, out int label) || label < end)
                    return uses;
                bool setByTests = uses.All(u => u >= label || _conditionalGotos.Any(g => g.LabelId == labelId && g.Start <= u && u <= g.End));
                return setByTests ? uses.Select(u => System.Math.Max(u, label)).ToList() : uses;
            }
            return uses;
        }

        private void Loop(Action body)
        {
            int start = ++_index;
            int awaitsBefore = Awaits.Count;
            body();
            int end = ++_index;
            Loops.Add((start, end, Awaits.Count > awaitsBefore));
        }

        protected override void VisitCode(CodeText? code)
        {
            _index++;
            if (code is null)
                return;
            foreach (int id in code.Slots)
            {
                if (!Uses.TryGetValue(id, out var uses))
                    Uses[id] = uses = new List<int>();
                uses.Add(_index);
            }
        }
    }

    /// <summary>A local's name as an identifier: a keyword the user wrote as <c>@class</c> keeps its <c>@</c>.</summary>
    private static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
