using System;

namespace Coroutines.Generator.Model;

/// <summary>
/// Visits a statement tree in the order the lowered machine runs it: a loop's condition before its body (after it for
/// a <c>do</c> loop), a catch's variable and filter before its handler. Walkers run after desugaring: the statements
/// of Model/BoundStatements.cs are not visited.
/// Each code the machine evaluates reaches <see cref="VisitCode"/>, absent ones as null, so that a walker counting
/// positions sees the same sequence whatever a statement leaves out. Override a <c>Visit*</c> method to act on one kind
/// and call the base to go on into its children.
/// </summary>
internal abstract class StatementWalker
{
    /// <summary>Visits <paramref name="statement"/> and everything in it.</summary>
    public virtual void Visit(StatementSpec statement)
    {
        switch (statement)
        {
            case TextStatement text:
                VisitText(text);
                break;
            case AwaitStatement await:
                VisitAwait(await);
                break;
            case BlockStatement block:
                VisitBlock(block);
                break;
            case IfStatement ifStatement:
                VisitIf(ifStatement);
                break;
            case PlainLoopStatement loop:
                VisitPlainLoop(loop);
                break;
            case LoweredLoopStatement loop:
                VisitLoweredLoop(loop);
                break;
            case PlainCompoundStatement compound:
                VisitCompound(compound);
                break;
            case ReturnStatement returnStatement:
                VisitCode(returnStatement.Value);
                break;
            case LabelStatement label:
                VisitLabel(label);
                break;
            case GotoStatement gotoStatement:
                VisitGoto(gotoStatement);
                break;
            case ConditionalGotoStatement conditionalGoto:
                VisitConditionalGoto(conditionalGoto);
                break;
            case TryStatement tryStatement:
                VisitTry(tryStatement);
                break;
            case SwitchStatement switchStatement:
                VisitSwitch(switchStatement);
                break;
        }
    }

    /// <summary>A code text the machine evaluates (null where the statement has none in that place).</summary>
    protected virtual void VisitCode(CodeText? code)
    {
    }

    /// <summary>Each code text of a condition (a null condition counts as one absent text).</summary>
    protected virtual void VisitCondition(ConditionSpec? condition)
    {
        if (condition is null)
        {
            VisitCode(null);
            return;
        }
        foreach (var code in ConditionPrinter.Codes(condition))
            VisitCode(code);
    }

    /// <summary>The statement's text.</summary>
    protected virtual void VisitText(TextStatement text) => VisitCode(text.Text);

    /// <summary>The operand, then <see cref="VisitSuspension"/>, then the target that receives the result.</summary>
    protected virtual void VisitAwait(AwaitStatement await)
    {
        VisitCode(await.Await.Operand);
        VisitSuspension(await);
        VisitCode(await.Target);
    }

    /// <summary>The point where the machine may suspend, between an await's operand and its result.</summary>
    protected virtual void VisitSuspension(AwaitStatement await)
    {
    }

    protected virtual void VisitBlock(BlockStatement block)
    {
        foreach (var child in block.Statements)
            Visit(child);
    }

    protected virtual void VisitIf(IfStatement ifStatement)
    {
        VisitCondition(ifStatement.Condition);
        Visit(ifStatement.Then);
        if (ifStatement.Else is not null)
            Visit(ifStatement.Else);
    }

    protected virtual void VisitPlainLoop(PlainLoopStatement loop)
    {
        VisitCode(loop.Header);
        Visit(loop.Body);
        VisitCode(loop.Trailer);
    }

    protected virtual void VisitLoweredLoop(LoweredLoopStatement loop)
    {
        if (!loop.TestAtEnd)
            VisitLoopTest(loop);
        Visit(loop.Body);
        foreach (var child in loop.Increment)
            Visit(child);
        if (loop.TestAtEnd)
            VisitLoopTest(loop);
    }

    /// <summary>The spilled prefix of a lowered loop's condition, then the condition.</summary>
    protected virtual void VisitLoopTest(LoweredLoopStatement loop)
    {
        foreach (var child in loop.ConditionPrefix)
            Visit(child);
        VisitCondition(loop.Condition);
    }

    protected virtual void VisitCompound(PlainCompoundStatement compound)
    {
        VisitCode(compound.Header);
        Visit(compound.Body);
    }

    protected virtual void VisitLabel(LabelStatement label)
    {
    }

    protected virtual void VisitGoto(GotoStatement gotoStatement)
    {
    }

    /// <summary>The condition, then the jump.</summary>
    protected virtual void VisitConditionalGoto(ConditionalGotoStatement conditionalGoto) => VisitCondition(conditionalGoto.Condition);

    protected virtual void VisitTry(TryStatement tryStatement)
    {
        Visit(tryStatement.Body);
        foreach (var clause in tryStatement.Catches)
            VisitCatch(clause);
        if (tryStatement.Finally is not null)
            Visit(tryStatement.Finally);
    }

    protected virtual void VisitCatch(CatchSpec clause)
    {
        VisitCode(clause.Variable);
        VisitCode(clause.Filter);
        Visit(clause.Body);
    }

    protected virtual void VisitSwitch(SwitchStatement switchStatement)
    {
        VisitCode(switchStatement.Governing);
        foreach (var section in switchStatement.Sections)
            VisitSwitchSection(section);
    }

    /// <summary>A section's labels, then its body.</summary>
    protected virtual void VisitSwitchSection(SwitchSectionSpec section)
    {
        foreach (var label in section.Labels)
            VisitCode(label);
        Visit(section.Body);
    }

    /// <summary>Whether <paramref name="statement"/> or any statement inside it satisfies <paramref name="predicate"/>.</summary>
    public static bool Any(StatementSpec statement, Func<StatementSpec, bool> predicate)
    {
        var finder = new Finder(predicate);
        finder.Visit(statement);
        return finder.Found;
    }

    private sealed class Finder : StatementWalker
    {
        private readonly Func<StatementSpec, bool> _predicate;

        public Finder(Func<StatementSpec, bool> predicate) => _predicate = predicate;

        public bool Found { get; private set; }

        public override void Visit(StatementSpec statement)
        {
            if (Found)
                return;
            if (_predicate(statement))
                Found = true;
            else
                base.Visit(statement);
        }
    }
}
