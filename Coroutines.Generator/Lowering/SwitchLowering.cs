using System.Collections.Generic;
using System.Globalization;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Desugars <see cref="SwitchStatementSpec"/> into tests and jumps: the governing value goes into a temporary, each
/// label becomes <c>if (value is pattern &amp;&amp; stores &amp;&amp; when) goto SwitchK_CaseI;</c> in order, then a jump
/// to the default section (or past the end), then each section after its label; <c>break</c> jumps to
/// <c>SwitchK_End</c>. Switches are numbered in the order the machine's code lists them, outer before inner.
/// </summary>
internal sealed class SwitchLowering : StatementRewriter
{
    private readonly ILoweringContext _context;
    private readonly Dictionary<int, int> _endLabels = new();
    private int _switchCount;

    private SwitchLowering(ILoweringContext context) => _context = context;

    public static BlockStatement Run(BlockStatement body, ILoweringContext context) => new SwitchLowering(context).RewriteBlock(body);

    protected override void RewriteInto(StatementSpec statement, List<StatementSpec> list)
    {
        switch (statement)
        {
            case SwitchStatementSpec switchStatement:
                Lower(switchStatement, list);
                break;
            case BreakStatement breakStatement when _endLabels.TryGetValue(breakStatement.TargetId, out int end):
                list.Add(new GotoStatement(end, null, breakStatement.Line));
                break;
            default:
                base.RewriteInto(statement, list);
                break;
        }
    }

    private void Lower(SwitchStatementSpec statement, List<StatementSpec> list)
    {
        string prefix = "Switch" + (++_switchCount).ToString(CultureInfo.InvariantCulture);
        var value = _context.NewTemp(statement.GoverningType, statement.Description, TempRole.SwitchValue);
        list.Add(new TextStatement(CodeText.Of($"{value} = {statement.Governing};"), statement.GoverningLine));
        list.AddRange(RewriteList(statement.ScopeEntry));

        int end = _context.NewId();
        _endLabels[statement.Id] = end;
        var labels = new int[statement.Sections.Count];
        int? defaultLabel = null;
        for (int i = 0; i < labels.Length; i++)
        {
            var section = statement.Sections[i];
            labels[i] = section.LabelId != 0 ? section.LabelId : _context.NewId();
            foreach (var test in section.Tests)
            {
                if (test.Pattern is null)
                {
                    defaultLabel = labels[i];
                    continue;
                }
                var conditions = new List<ConditionSpec> { new PatternCondition(value, test.Pattern) };
                if (test.Stores is not null)
                    conditions.Add(new CodeCondition(test.Stores, CodeShape.Conjunction));
                if (test.When is not null)
                    conditions.Add(new CodeCondition(test.When));
                var condition = conditions.Count == 1 ? conditions[0] : new AndCondition(conditions.ToEquatableArray());
                list.Add(new ConditionalGotoStatement(condition, labels[i], statement.Line));
            }
        }
        list.Add(new GotoStatement(defaultLabel ?? end, null, statement.Line));
        for (int i = 0; i < labels.Length; i++)
        {
            string name = prefix + "_Case" + (i + 1).ToString(CultureInfo.InvariantCulture);
            // C# lets no section fall through into the next: a section is entered only by the jumps to its label
            list.Add(new LabelStatement(labels[i], name, statement.Line, Generated: true, EnteredByJumpsOnly: true));
            list.Add(RewriteBlock(statement.Sections[i].Body));
        }
        list.Add(new LabelStatement(end, prefix + "_End", statement.Line, Generated: true));
    }
}
