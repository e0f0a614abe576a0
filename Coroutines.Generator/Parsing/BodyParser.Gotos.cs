using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

// goto, goto case, goto default and labeled statements. A goto names its target by a label id; the emitter turns
// it into a C# goto (the flattened regions make every target reachable) or, when it leaves a try whose finally
// awaits, into a pending branch replayed after the finally body, as break/continue/return do.
internal sealed partial class BodyParser
{
    private int NewId() => _jumps.NewId();

    private int LabelIdOf(SyntaxNode target) => _jumps.LabelIdOf(target);

    private T WithTarget<T>(int id, bool isLoop, System.Func<T> parse) => _jumps.WithTarget(id, isLoop, parse);

    private int TargetOf(StatementSyntax jump, bool loops) => _jumps.TargetOf(jump, loops);

    private void ParseLabeled(LabeledStatementSyntax labeled, List<StatementSpec> list)
    {
        list.Add(new LabelStatement(LabelIdOf(labeled), labeled.Identifier.ValueText, LineOf(labeled)));
        ParseStatement(labeled.Statement, list);
    }

    private void ParseGoto(GotoStatementSyntax statement, List<StatementSpec> list)
    {
        string text = CommentText.OneLine(statement.ToString());
        if (statement.IsKind(SyntaxKind.GotoStatement))
        {
            var target = LabelTargetOf(statement)
                ?? throw new NotLoweredException("A goto whose label does not bind", statement);
            list.Add(new GotoStatement(LabelIdOf(target), text, LineOf(statement)));
            return;
        }
        var switchStatement = EnclosingSwitchOf(statement)
            ?? throw new NotLoweredException($"A {text} outside a switch statement", statement);
        if (!IsLoweredSwitch(switchStatement))
        {
            // The switch keeps its C# shape: goto case/default stays as written.
            list.Add(new TextStatement(Render(statement), LineOf(statement)));
            return;
        }
        var section = TargetSectionOf(statement, switchStatement)
            ?? throw new NotLoweredException($"A {text} whose target section is not found", statement);
        list.Add(new GotoStatement(LabelIdOf(section), text, LineOf(statement)));
    }

    /// <summary>The labeled statement a goto jumps to, when it is one the parser lowers (in the body, outside lambdas and local functions).</summary>
    private LabeledStatementSyntax? LabelTargetOf(GotoStatementSyntax statement) =>
        statement.Expression is { } name && _model.GetSymbolInfo(name, _ct).Symbol is ILabelSymbol label
            && label.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_ct) is LabeledStatementSyntax target
            && _body.Span.Contains(target.Span)
            && !target.Ancestors().TakeWhile(a => a != _body).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            ? target
            : null;

    private static SwitchStatementSyntax? EnclosingSwitchOf(SyntaxNode node) => node.Ancestors()
        .TakeWhile(a => a is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
        .OfType<SwitchStatementSyntax>()
        .FirstOrDefault();

    /// <summary>The section that <c>goto case X</c> / <c>goto default</c> jumps to: the one with the label <c>case X:</c> (X converted to the governing type) or <c>default:</c>.</summary>
    private SwitchSectionSyntax? TargetSectionOf(GotoStatementSyntax statement, SwitchStatementSyntax switchStatement)
    {
        if (statement.IsKind(SyntaxKind.GotoDefaultStatement))
            return switchStatement.Sections.FirstOrDefault(s => s.Labels.Any(l => l is DefaultSwitchLabelSyntax));
        var wanted = _model.GetConstantValue(statement.Expression!, _ct);
        if (!wanted.HasValue)
            return null;
        return switchStatement.Sections.FirstOrDefault(s => s.Labels.Any(label =>
        {
            var value = label switch
            {
                CaseSwitchLabelSyntax caseLabel => caseLabel.Value,
                CasePatternSwitchLabelSyntax { WhenClause: null, Pattern: ConstantPatternSyntax constant } => constant.Expression,
                _ => null,
            };
            return value is not null && _model.GetConstantValue(value, _ct) is { HasValue: true } constantValue && SameConstant(constantValue.Value, wanted.Value);
        }));
    }

    /// <summary>Constant equality after the conversion to the governing type (<c>case 1:</c> in a <c>long</c> switch matches <c>goto case 1L</c>).</summary>
    private static bool SameConstant(object? a, object? b)
    {
        if (Equals(a, b))
            return true;
        if (a is null || b is null || a is string || b is string || a is bool || b is bool)
            return false;
        try
        {
            decimal Number(object value) => value is char c ? c : System.Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
            return Number(a) == Number(b);
        }
        catch (System.Exception e) when (e is System.InvalidCastException or System.OverflowException or System.FormatException)
        {
            return false;
        }
    }
}
