using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Generator.Emitting;

// Targets of goto statements: the user's labels (renamed where they would collide with a generated label or with a
// label of the same name in another block, since flattening puts them in one C# scope) and the labels lowering passes
// generate (the sections of a switch that awaits), named by the pass. Each target knows the try statements around
// it, so that a goto knows which finally bodies it leaves.
internal sealed partial class MachineWriter
{
    private readonly Dictionary<int, string> _labelNames = new();
    private readonly Dictionary<int, HashSet<int>> _labelTries = new();

    // The shapes of the labels the writer generates: Return, Resume3, If2_Else, While1_Continue, Catch1_2_End, ...
    private static readonly System.Text.RegularExpressions.Regex GeneratedLabelShape = new(
        @"^(Return|[A-Za-z]+\d+(_[A-Za-z]+\d*|_\d+)*)$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Names each label (renaming the user's) and records, for each goto target, the try statements around it.</summary>
    private sealed class LabelCollector : StatementWalker
    {
        private readonly MachineWriter _writer;
        private readonly List<int> _tries = new();

        public LabelCollector(MachineWriter writer) => _writer = writer;

        protected override void VisitLabel(LabelStatement label)
        {
            _writer._labelNames[label.Id] = label.Generated ? label.Name : _writer.UniqueUserLabel(label.Name);
            _writer._labelTries[label.Id] = new HashSet<int>(_tries);
        }

        protected override void VisitTry(TryStatement tryStatement)
        {
            _tries.Add(tryStatement.Id);
            base.VisitTry(tryStatement);
            _tries.RemoveAt(_tries.Count - 1);
        }
    }

    private string UniqueUserLabel(string name)
    {
        // a trailing underscore never fits a generated shape
        string stem = GeneratedLabelShape.IsMatch(name) ? name + "_" : name;
        string candidate = stem;
        for (int n = 2; _labelNames.ContainsValue(candidate) || GeneratedLabelShape.IsMatch(candidate); n++)
            candidate = stem + "_" + N(n) + "_";
        return SyntaxFacts.GetKeywordKind(candidate) == SyntaxKind.None ? candidate : "@" + candidate;
    }

    private string LabelName(int id) => _labelNames[id];

    /// <summary>Whether the goto target <paramref name="labelId"/> lies inside the try statement <paramref name="tryId"/> (a goto to it does not leave that try).</summary>
    private bool IsLabelInside(int labelId, int tryId) => _labelTries.TryGetValue(labelId, out var tries) && tries.Contains(tryId);
}
