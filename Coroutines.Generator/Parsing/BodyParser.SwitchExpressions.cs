using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Parsing;

// A switch expression whose arms await becomes a decision chain over a temporary holding the governing value:
// each arm is `if (value is pattern && when) { result = arm; } else { next arms }`, and no match throws
// SwitchExpressionException with the value, as the compiler's lowering does. Pattern variables are declared by the
// test under a fresh name and copied into the arm's local, so they can live across the arm's awaits. The chain is
// built here as statements (its arms' own awaits as SpillStatements); the spilling pass makes its temporaries.
internal sealed partial class BodyParser
{
    private BoundSwitchExpression BindSwitchExpression(SwitchExpressionSyntax switchExpression)
    {
        var governingType = TypeOf(switchExpression.GoverningExpression);
        var governing = TempFor(governingType, switchExpression.GoverningExpression, TempRole.SwitchValue);
        int governingId = NewSpillId();
        var value = Bind(switchExpression.GoverningExpression);
        var result = TempFor(NaturalOrTargetTypeOf(switchExpression), switchExpression, TempRole.SwitchResult);
        int resultId = NewSpillId();
        var chain = new ArmChain(switchExpression, CodeText.SpillResult(governingId), CodeText.SpillResult(resultId), governingType!.IsRefLikeType || governingType is IPointerTypeSymbol);
        var arms = ArmsFrom(chain, 0).ToEquatableArray();
        return new BoundSwitchExpression(governing, governingId, value, LineOf(switchExpression.GoverningExpression), result, resultId, chain.Matched, chain.MatchedId, arms);
    }

    private sealed class ArmChain
    {
        public ArmChain(SwitchExpressionSyntax syntax, CodeText governing, CodeText result, bool cannotBox)
        {
            Syntax = syntax;
            Governing = governing;
            Result = result;
            CannotBox = cannotBox;
        }

        public SwitchExpressionSyntax Syntax { get; }
        public CodeText Governing { get; }
        public CodeText Result { get; }
        public bool CannotBox { get; }

        /// <summary>Whether the arm whose <c>when</c> clause awaits matched (shared by all such arms).</summary>
        public TempRequest? Matched { get; set; }

        /// <summary>The id through which the arms read <see cref="Matched"/> (<see cref="CodeText.SpillResult"/>).</summary>
        public int MatchedId { get; set; }
    }

    /// <summary>The statements that try arm <paramref name="index"/> and, when it does not match, the arms after it.</summary>
    private List<StatementSpec> ArmsFrom(ArmChain chain, int index)
    {
        var statements = new List<StatementSpec>();
        var arms = chain.Syntax.Arms;
        if (index == arms.Count)
        {
            CodeText exception = chain.CannotBox
                ? CodeText.Verbatim("new global::System.Runtime.CompilerServices.SwitchExpressionException()")
                : CodeText.Of($"new global::System.Runtime.CompilerServices.SwitchExpressionException((object){chain.Governing})");
            statements.Add(new TextStatement(CodeText.Of($"throw {exception};"), LineOf(chain.Syntax)));
            return statements;
        }
        var arm = arms[index];
        int line = LineOf(arm);
        bool laterAwait = arms.Skip(index + 1).Any(HasAwait);

        // Pattern variables: declared by the test under fresh names, then copied into the arm's locals.
        var fresh = new Dictionary<TextSpan, CodeText>();
        var freshBySymbol = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
        var copies = new List<StatementSpec>();
        ConditionSpec? test;
        if (arm.Pattern is DiscardPatternSyntax || arm.Pattern is VarPatternSyntax { Designation: DiscardDesignationSyntax })
        {
            test = null;
        }
        else if (arm.Pattern is VarPatternSyntax { Designation: SingleVariableDesignationSyntax always })
        {
            test = null;
            copies.Add(new TextStatement(CodeText.Of($"{MovedPatternLocal(always).Slot} = {chain.Governing};"), line));
        }
        else
        {
            foreach (var designation in arm.Pattern.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>())
            {
                var local = MovedPatternLocal(designation);
                string name = _locals.Reserve(designation.Identifier.ValueText + "_matched");
                fresh[designation.Identifier.Span] = CodeText.Verbatim(name);
                freshBySymbol[_model.GetDeclaredSymbol(designation, _ct)!] = name;
                copies.Add(new TextStatement(CodeText.Of($"{local.Slot} = {name};"), line));
            }
            test = new PatternCondition(chain.Governing, Render(arm.Pattern, fresh));
        }

        var value = new List<StatementSpec>();
        if (arm.Expression is ThrowExpressionSyntax thrown)
            value.Add(new TextStatement(CodeText.Of($"throw {Spill(thrown.Expression, value)};"), LineOf(arm.Expression)));
        else
            value.Add(new TextStatement(CodeText.Of($"{chain.Result} = {Spill(arm.Expression, value)};"), LineOf(arm.Expression)));
        bool valueAwaits = HasAwait(arm.Expression);

        if (arm.WhenClause is { } when && HasAwait(when))
        {
            // The when clause awaits: test the pattern, copy its variables, evaluate the clause into a flag, then branch on it.
            if (chain.Matched is null)
            {
                chain.Matched = new TempRequest(new TempType("bool", HoldsReferences: false), "whether the arm matched", TempRole.ArmMatched);
                chain.MatchedId = NewSpillId();
            }
            var matched = new CodeCondition(CodeText.SpillResult(chain.MatchedId), CodeShape.Primary);
            var matchedAndWhen = new List<StatementSpec>(copies);
            matchedAndWhen.Add(new TextStatement(CodeText.Of($"{matched.Code} = {Spill(when.Condition, matchedAndWhen)};"), LineOf(when)));
            if (test is null)
            {
                statements.AddRange(matchedAndWhen);
            }
            else
            {
                statements.Add(new TextStatement(CodeText.Of($"{matched.Code} = false;"), line));
                statements.Add(new IfStatement(test, new BlockStatement(matchedAndWhen.ToEquatableArray(), true), null, true, line));
            }
            statements.Add(new IfStatement(matched, new BlockStatement(value.ToEquatableArray(), valueAwaits),
                new BlockStatement(ArmsFrom(chain, index + 1).ToEquatableArray(), laterAwait), valueAwaits || laterAwait, line));
            return statements;
        }

        if (arm.WhenClause is { } plainWhen)
        {
            // The clause reads the pattern variables under their fresh names: the copies happen once it held.
            var renamed = new Dictionary<TextSpan, CodeText>();
            foreach (var name in plainWhen.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (_model.GetSymbolInfo(name, _ct).Symbol is { } symbol && freshBySymbol.TryGetValue(symbol, out var freshName))
                    renamed[name.Span] = CodeText.Verbatim(freshName);
            }
            var condition = new CodeCondition(Render(plainWhen.Condition, renamed));
            test = test is null ? condition : new AndCondition(new[] { test, condition }.ToEquatableArray());
        }
        copies.AddRange(value);
        if (test is null)
        {
            statements.AddRange(copies);   // matches every value: later arms are unreachable
            return statements;
        }
        statements.Add(new IfStatement(test, new BlockStatement(copies.ToEquatableArray(), valueAwaits),
            new BlockStatement(ArmsFrom(chain, index + 1).ToEquatableArray(), laterAwait), valueAwaits || laterAwait, line));
        return statements;
    }

    private MovedLocal MovedPatternLocal(SingleVariableDesignationSyntax designation) =>
        _model.GetDeclaredSymbol(designation, _ct) is { } symbol && _locals.Moved.TryGetValue(symbol, out var local)
            ? local
            : throw new NotLoweredException($"The pattern variable '{designation.Identifier.ValueText}' of a switch expression arm that awaits", designation);

    /// <summary>Whether <paramref name="designation"/> declares a variable in the pattern of a switch expression arm lowered by <see cref="BindSwitchExpression"/>.</summary>
    private bool IsLoweredArmDesignation(SyntaxNode designation)
    {
        var arm = designation.FirstAncestorOrSelf<SwitchExpressionArmSyntax>();
        return arm is { Parent: SwitchExpressionSyntax switchExpression }
            && arm.Pattern.Span.Contains(designation.Span)
            && switchExpression.Arms.Any(HasAwait);
    }
}
