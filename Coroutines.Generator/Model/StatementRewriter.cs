using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

/// <summary>
/// Rebuilds a statement tree. Every code text passes through <see cref="RewriteCode"/> (also the display text of an
/// await, which may name the same locals); every statement of a list passes through <see cref="RewriteInto"/>, which
/// may replace it by several. Override one kind's method and call the base to rebuild its children.
/// </summary>
internal abstract class StatementRewriter
{
    /// <summary>The rewritten <paramref name="statement"/>.</summary>
    public virtual StatementSpec Rewrite(StatementSpec statement) => statement switch
    {
        TextStatement text => text with { Text = RewriteCode(text.Text) },
        AwaitStatement await => await with
        {
            Await = await.Await with { Operand = RewriteCode(await.Await.Operand), Text = RewriteCode(await.Await.Text) },
            Target = RewriteOptionalCode(await.Target),
        },
        BlockStatement block => RewriteBlock(block),
        IfStatement ifStatement => ifStatement with
        {
            Condition = RewriteCondition(ifStatement.Condition),
            Then = RewriteBlock(ifStatement.Then),
            Else = RewriteOptionalBlock(ifStatement.Else),
        },
        PlainLoopStatement loop => loop with { Header = RewriteCode(loop.Header), Body = RewriteBlock(loop.Body), Trailer = RewriteOptionalCode(loop.Trailer) },
        LoweredLoopStatement loop => loop with
        {
            ConditionPrefix = RewriteList(loop.ConditionPrefix),
            Condition = loop.Condition is null ? null : RewriteCondition(loop.Condition),
            Body = RewriteBlock(loop.Body),
            Increment = RewriteList(loop.Increment),
        },
        PlainCompoundStatement compound => compound with { Header = RewriteCode(compound.Header), Body = RewriteBlock(compound.Body) },
        ReturnStatement returnStatement => returnStatement with { Value = RewriteOptionalCode(returnStatement.Value) },
        TryStatement tryStatement => tryStatement with
        {
            Body = RewriteBlock(tryStatement.Body),
            Catches = tryStatement.Catches.Select(c => c with
            {
                Variable = RewriteOptionalCode(c.Variable),
                Filter = RewriteOptionalCode(c.Filter),
                Body = RewriteBlock(c.Body),
            }).ToEquatableArray(),
            Finally = RewriteOptionalBlock(tryStatement.Finally),
        },
        SwitchStatement switchStatement => switchStatement with
        {
            Governing = RewriteCode(switchStatement.Governing),
            Sections = switchStatement.Sections.Select(s => s with
            {
                Labels = s.Labels.Select(RewriteCode).ToEquatableArray(),
                Body = RewriteBlock(s.Body),
            }).ToEquatableArray(),
        },
        ConditionalGotoStatement conditionalGoto => conditionalGoto with { Condition = RewriteCondition(conditionalGoto.Condition) },
        ForEachStatementSpec forEach => forEach with
        {
            Collection = RewriteCode(forEach.Collection),
            Variable = RewriteCode(forEach.Variable),
            IterationEntry = RewriteList(forEach.IterationEntry),
            Body = RewriteBlock(forEach.Body),
        },
        UsingStatementSpec usingStatement => usingStatement with
        {
            Resources = usingStatement.Resources.Select(r => r with { Acquire = RewriteList(r.Acquire), Resource = RewriteCode(r.Resource) }).ToEquatableArray(),
            Body = RewriteBlock(usingStatement.Body),
        },
        SwitchStatementSpec switchStatement => switchStatement with
        {
            Governing = RewriteCode(switchStatement.Governing),
            ScopeEntry = RewriteList(switchStatement.ScopeEntry),
            Sections = switchStatement.Sections.Select(s => s with
            {
                Tests = s.Tests.Select(t => t with
                {
                    Pattern = RewriteOptionalCode(t.Pattern),
                    When = RewriteOptionalCode(t.When),
                    Stores = RewriteOptionalCode(t.Stores),
                }).ToEquatableArray(),
                Body = RewriteBlock(s.Body),
            }).ToEquatableArray(),
        },
        _ => statement,
    };

    /// <summary>A code text of a statement; unchanged by default.</summary>
    protected virtual CodeText RewriteCode(CodeText code) => code;

    /// <summary>A condition with each of its code texts passed through <see cref="RewriteCode"/>.</summary>
    protected ConditionSpec RewriteCondition(ConditionSpec condition) => ConditionPrinter.Map(condition, RewriteCode);

    private CodeText? RewriteOptionalCode(CodeText? code) => code is null ? null : RewriteCode(code);

    /// <summary>The block with each of its statements passed through <see cref="RewriteInto"/>.</summary>
    protected virtual BlockStatement RewriteBlock(BlockStatement block) => block with { Statements = RewriteList(block.Statements) };

    protected BlockStatement? RewriteOptionalBlock(BlockStatement? block) => block is null ? null : RewriteBlock(block);

    /// <summary>A statement list with each statement passed through <see cref="RewriteInto"/>.</summary>
    protected EquatableArray<StatementSpec> RewriteList(EquatableArray<StatementSpec> statements)
    {
        var list = new List<StatementSpec>(statements.Count);
        foreach (var statement in statements)
            RewriteInto(statement, list);
        return list.ToEquatableArray();
    }

    /// <summary>Adds what replaces <paramref name="statement"/> in its list: by default its <see cref="Rewrite"/>.</summary>
    protected virtual void RewriteInto(StatementSpec statement, List<StatementSpec> list) => list.Add(Rewrite(statement));
}
