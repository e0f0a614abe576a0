using System.Collections.Generic;
using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

/// <summary>
/// Rebuilds a statement tree. Every code text passes through <see cref="RewriteCode"/> (also the display text of an
/// await, which may name the same locals); every statement of a list passes through <see cref="RewriteInto"/>, which
/// may replace it by several. Override one kind's method and call the base to rebuild its children.
/// What no override changes is kept: a statement, list or block none of whose children changed (by reference) is
/// returned as it was, so a pass with nothing to do on a body allocates almost nothing.
/// </summary>
internal abstract class StatementRewriter
{
    /// <summary>The lists <see cref="RewriteList"/> fills, one per nesting level in use, reused for the next list.</summary>
    private readonly Stack<List<StatementSpec>> _freeLists = new();

    /// <summary>The rewritten <paramref name="statement"/>: the same instance when nothing in it changed.</summary>
    public virtual StatementSpec Rewrite(StatementSpec statement)
    {
        switch (statement)
        {
            case TextStatement text:
            {
                var code = RewriteCode(text.Text);
                return Same(code, text.Text) ? text : text with { Text = code };
            }
            case AwaitStatement await:
            {
                var operand = RewriteCode(await.Await.Operand);
                var site = RewriteCode(await.Await.Text);
                var target = RewriteOptionalCode(await.Target);
                if (Same(operand, await.Await.Operand) && Same(site, await.Await.Text) && Same(target, await.Target))
                    return await;
                return await with { Await = await.Await with { Operand = operand, Text = site }, Target = target };
            }
            case BlockStatement block:
                return RewriteBlock(block);
            case IfStatement ifStatement:
            {
                var condition = RewriteCondition(ifStatement.Condition);
                var then = RewriteBlock(ifStatement.Then);
                var otherwise = RewriteOptionalBlock(ifStatement.Else);
                if (Same(condition, ifStatement.Condition) && Same(then, ifStatement.Then) && Same(otherwise, ifStatement.Else))
                    return ifStatement;
                return ifStatement with { Condition = condition, Then = then, Else = otherwise };
            }
            case PlainLoopStatement loop:
            {
                var header = RewriteCode(loop.Header);
                var body = RewriteBlock(loop.Body);
                var trailer = RewriteOptionalCode(loop.Trailer);
                if (Same(header, loop.Header) && Same(body, loop.Body) && Same(trailer, loop.Trailer))
                    return loop;
                return loop with { Header = header, Body = body, Trailer = trailer };
            }
            case LoweredLoopStatement loop:
            {
                var prefix = RewriteList(loop.ConditionPrefix);
                var condition = RewriteOptionalCondition(loop.Condition);
                var body = RewriteBlock(loop.Body);
                var increment = RewriteList(loop.Increment);
                if (prefix.IsSameArray(loop.ConditionPrefix) && Same(condition, loop.Condition) && Same(body, loop.Body) && increment.IsSameArray(loop.Increment))
                    return loop;
                return loop with { ConditionPrefix = prefix, Condition = condition, Body = body, Increment = increment };
            }
            case PlainCompoundStatement compound:
            {
                var header = RewriteCode(compound.Header);
                var body = RewriteBlock(compound.Body);
                return Same(header, compound.Header) && Same(body, compound.Body) ? compound : compound with { Header = header, Body = body };
            }
            case ReturnStatement returnStatement:
            {
                var value = RewriteOptionalCode(returnStatement.Value);
                return Same(value, returnStatement.Value) ? returnStatement : returnStatement with { Value = value };
            }
            case TryStatement tryStatement:
            {
                var body = RewriteBlock(tryStatement.Body);
                var catches = tryStatement.Catches.SelectOrSame(this, static (rewriter, clause) => rewriter.RewriteCatch(clause));
                var finallyBlock = RewriteOptionalBlock(tryStatement.Finally);
                if (Same(body, tryStatement.Body) && catches.IsSameArray(tryStatement.Catches) && Same(finallyBlock, tryStatement.Finally))
                    return tryStatement;
                return tryStatement with { Body = body, Catches = catches, Finally = finallyBlock };
            }
            case SwitchStatement switchStatement:
            {
                var governing = RewriteCode(switchStatement.Governing);
                var sections = switchStatement.Sections.SelectOrSame(this, static (rewriter, section) => rewriter.RewriteSection(section));
                if (Same(governing, switchStatement.Governing) && sections.IsSameArray(switchStatement.Sections))
                    return switchStatement;
                return switchStatement with { Governing = governing, Sections = sections };
            }
            case ConditionalGotoStatement conditionalGoto:
            {
                var condition = RewriteCondition(conditionalGoto.Condition);
                return Same(condition, conditionalGoto.Condition) ? conditionalGoto : conditionalGoto with { Condition = condition };
            }
            case ForEachStatementSpec forEach:
            {
                var collection = RewriteCode(forEach.Collection);
                var variable = RewriteCode(forEach.Variable);
                var entry = RewriteList(forEach.IterationEntry);
                var body = RewriteBlock(forEach.Body);
                if (Same(collection, forEach.Collection) && Same(variable, forEach.Variable) && entry.IsSameArray(forEach.IterationEntry) && Same(body, forEach.Body))
                    return forEach;
                return forEach with { Collection = collection, Variable = variable, IterationEntry = entry, Body = body };
            }
            case UsingStatementSpec usingStatement:
            {
                var resources = usingStatement.Resources.SelectOrSame(this, static (rewriter, resource) => rewriter.RewriteResource(resource));
                var body = RewriteBlock(usingStatement.Body);
                if (resources.IsSameArray(usingStatement.Resources) && Same(body, usingStatement.Body))
                    return usingStatement;
                return usingStatement with { Resources = resources, Body = body };
            }
            case SwitchStatementSpec switchStatement:
            {
                var governing = RewriteCode(switchStatement.Governing);
                var entry = RewriteList(switchStatement.ScopeEntry);
                var sections = switchStatement.Sections.SelectOrSame(this, static (rewriter, section) => rewriter.RewriteCaseSection(section));
                if (Same(governing, switchStatement.Governing) && entry.IsSameArray(switchStatement.ScopeEntry) && sections.IsSameArray(switchStatement.Sections))
                    return switchStatement;
                return switchStatement with { Governing = governing, ScopeEntry = entry, Sections = sections };
            }
            default:
                return statement;
        }
    }

    /// <summary>A code text of a statement; unchanged by default.</summary>
    protected virtual CodeText RewriteCode(CodeText code) => code;

    /// <summary>A condition with each of its code texts passed through <see cref="RewriteCode"/>.</summary>
    protected ConditionSpec RewriteCondition(ConditionSpec condition) =>
        ConditionPrinter.Map(condition, this, static (rewriter, code) => rewriter.RewriteCode(code));

    private ConditionSpec? RewriteOptionalCondition(ConditionSpec? condition) => condition is null ? null : RewriteCondition(condition);

    private CodeText? RewriteOptionalCode(CodeText? code) => code is null ? null : RewriteCode(code);

    /// <summary>The block with each of its statements passed through <see cref="RewriteInto"/>.</summary>
    protected virtual BlockStatement RewriteBlock(BlockStatement block)
    {
        var statements = RewriteList(block.Statements);
        return statements.IsSameArray(block.Statements) ? block : block with { Statements = statements };
    }

    protected BlockStatement? RewriteOptionalBlock(BlockStatement? block) => block is null ? null : RewriteBlock(block);

    /// <summary>
    /// A statement list with each statement passed through <see cref="RewriteInto"/>: <paramref name="statements"/>
    /// itself when each statement was replaced by itself alone.
    /// </summary>
    protected EquatableArray<StatementSpec> RewriteList(EquatableArray<StatementSpec> statements)
    {
        if (statements.Count == 0)
            return statements;
        var list = _freeLists.Count > 0 ? _freeLists.Pop() : new List<StatementSpec>();
        bool changed = false;
        for (int i = 0; i < statements.Count; i++)
        {
            RewriteInto(statements[i], list);
            changed = changed || list.Count != i + 1 || !ReferenceEquals(list[i], statements[i]);
        }
        var result = changed ? list.ToEquatableArray() : statements;
        list.Clear();
        _freeLists.Push(list);
        return result;
    }

    /// <summary>Adds what replaces <paramref name="statement"/> in its list: by default its <see cref="Rewrite"/>.</summary>
    protected virtual void RewriteInto(StatementSpec statement, List<StatementSpec> list) => list.Add(Rewrite(statement));

    private CatchSpec RewriteCatch(CatchSpec clause)
    {
        var variable = RewriteOptionalCode(clause.Variable);
        var filter = RewriteOptionalCode(clause.Filter);
        var body = RewriteBlock(clause.Body);
        if (Same(variable, clause.Variable) && Same(filter, clause.Filter) && Same(body, clause.Body))
            return clause;
        return clause with { Variable = variable, Filter = filter, Body = body };
    }

    private SwitchSectionSpec RewriteSection(SwitchSectionSpec section)
    {
        var labels = section.Labels.SelectOrSame(this, static (rewriter, label) => rewriter.RewriteCode(label));
        var body = RewriteBlock(section.Body);
        return labels.IsSameArray(section.Labels) && Same(body, section.Body) ? section : section with { Labels = labels, Body = body };
    }

    private UsingResourceSpec RewriteResource(UsingResourceSpec resource)
    {
        var acquire = RewriteList(resource.Acquire);
        var held = RewriteCode(resource.Resource);
        return acquire.IsSameArray(resource.Acquire) && Same(held, resource.Resource) ? resource : resource with { Acquire = acquire, Resource = held };
    }

    private SwitchCaseSectionSpec RewriteCaseSection(SwitchCaseSectionSpec section)
    {
        var tests = section.Tests.SelectOrSame(this, static (rewriter, test) => rewriter.RewriteTest(test));
        var body = RewriteBlock(section.Body);
        return tests.IsSameArray(section.Tests) && Same(body, section.Body) ? section : section with { Tests = tests, Body = body };
    }

    private SwitchTestSpec RewriteTest(SwitchTestSpec test)
    {
        var pattern = RewriteOptionalCode(test.Pattern);
        var when = RewriteOptionalCode(test.When);
        var stores = RewriteOptionalCode(test.Stores);
        if (Same(pattern, test.Pattern) && Same(when, test.When) && Same(stores, test.Stores))
            return test;
        return test with { Pattern = pattern, When = when, Stores = stores };
    }

    /// <summary>Whether a rewrite returned its input itself (records compare by value; a kept node is the same instance).</summary>
    private static bool Same(object? rewritten, object? original) => ReferenceEquals(rewritten, original);
}
