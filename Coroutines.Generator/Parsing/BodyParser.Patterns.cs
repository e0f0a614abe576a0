using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

// Pattern variables of a lowered region. C# cannot declare a pattern variable into a field, so a variable that
// lives across an await (Liveness decides) keeps its declaration in the pattern and is copied into its field when
// the match assigns it: `o is Foo f` becomes `o is Foo f && __Store(out __f, f)` (parenthesized where an operator
// around it binds tighter than &&), and `o is not Foo f`, which assigns f when the match fails,
// `(o is not Foo f || !__Store(out __f, f))`. Later uses read the field.
internal sealed partial class BodyParser
{
    private void BindPatternVariable(MovedLocal variable, SingleVariableDesignationSyntax designation)
    {
        // Walk up through the pattern to what owns it, counting the `not` patterns on the way.
        bool negated = false;
        SyntaxNode? owner = designation.Parent;
        while (owner is PatternSyntax or VariableDesignationSyntax or SubpatternSyntax or PropertyPatternClauseSyntax or PositionalPatternClauseSyntax)
        {
            if (owner is UnaryPatternSyntax { OperatorToken.RawKind: (int)SyntaxKind.NotKeyword })
                negated = !negated;
            owner = owner.Parent;
        }
        switch (owner)
        {
            case DeclarationExpressionSyntax:
                return;   // out var and deconstruction: assigned in place, like any moved local
            case IsPatternExpressionSyntax isPattern:
                variable.PatternBound = true;
                AddEdit(designation.Identifier.Span, CodeText.Slot(variable.Id, SlotUse.Binding));
                // `a && o is not Foo f || !__Store(...)` would store when a is false: the copy needs its own parentheses
                bool parenthesized = negated || !StandsAlone(isPattern);
                if (parenthesized && HasAwait(isPattern.Expression))
                {
                    // the opening parenthesis would fall inside the spilled operand: fine as long as no copy is needed
                    variable.StoreBlocker = $"The pattern variable '{variable.Origin}', which lives across an await, in an is expression whose operand awaits and whose result is negated or an operand of a binary operator";
                    return;
                }
                if (parenthesized)
                    AddEdit(new Microsoft.CodeAnalysis.Text.TextSpan(isPattern.SpanStart, 0), CodeText.Slot(variable.Id, SlotUse.BeforeMatch));
                AddSuffix(isPattern.Span.End, CodeText.Slot(variable.Id, negated ? SlotUse.AfterFailedMatch : parenthesized ? SlotUse.AfterMatchClosing : SlotUse.AfterMatch));
                return;
            case CasePatternSwitchLabelSyntax { Parent.Parent: SwitchStatementSyntax switchStatement } when IsLoweredSwitch(switchStatement):
                // the test jumps to the section: the variable always moves out of the pattern (SwitchTestOf copies it)
                variable.PatternBound = true;
                variable.MustStore = true;
                AddEdit(designation.Identifier.Span, CodeText.Slot(variable.Id, SlotUse.Binding));
                return;
            default:
                // a switch expression arm or a plain switch label: the variable stays in its arm or section
                variable.InlineDeclared = true;
                AddEdit(designation.Identifier.Span, variable.Slot);
                return;
        }
    }

    /// <summary>
    /// Whether <c>&amp;&amp; __Store(...)</c> can follow the is expression without parentheses: its parent binds
    /// no tighter than <c>&amp;&amp;</c> on its side (a condition, an argument, an operand of <c>&amp;&amp;</c>/<c>||</c>, ...).
    /// </summary>
    private static bool StandsAlone(IsPatternExpressionSyntax isPattern) => isPattern.Parent switch
    {
        ParenthesizedExpressionSyntax or ArgumentSyntax or EqualsValueClauseSyntax or WhenClauseSyntax or ArrowExpressionClauseSyntax => true,
        IfStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or ReturnStatementSyntax or ExpressionStatementSyntax => true,
        BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression),
        ConditionalExpressionSyntax conditional => conditional.Condition == isPattern,
        AssignmentExpressionSyntax assignment => assignment.Right == isPattern,
        _ => false,
    };

    /// <summary><c>__Store(out x, x_2) &amp;&amp; ...</c> for the variables that <paramref name="label"/>'s pattern declares, or null when it declares none.</summary>
    private CodeText? PatternStores(CasePatternSwitchLabelSyntax label)
    {
        CodeText? stores = null;
        foreach (var designation in label.Pattern.DescendantNodesAndSelf())
        {
            if (designation is SingleVariableDesignationSyntax single
                && _model.GetDeclaredSymbol(single, _ct) is { } symbol && _locals.Moved.TryGetValue(symbol, out var variable) && variable.MustStore)
            {
                var store = CodeText.Of($"{SlotSpec.StoreHelper}(out {variable.Slot}, {CodeText.Slot(variable.Id, SlotUse.Binding)})");
                stores = stores is null ? store : CodeText.Of($"{stores} && {store}");
            }
        }
        return stores;
    }
}
