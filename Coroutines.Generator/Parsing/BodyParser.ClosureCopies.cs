using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Parsing;

// Binding closure copies: a lambda reads a closure through __capturedN, a C# local that must hold the instance of
// the iteration the lambda is created in. Each statement of lowered code whose text mentions __capturedN is put in
// a block that first copies __closureN into it. Labels must stay outside real blocks, so a statement that contains
// resume points is not wrapped as a whole: its own expressions (an awaited operand, a condition) are evaluated
// into a temporary inside such a block first, and its nested statements are bound one by one.
internal sealed partial class BodyParser
{
    private BlockStatement BindCaptures(BlockStatement body) => _closureList.Count == 0 ? body : BindBlock(body);

    private BlockStatement BindBlock(BlockStatement block)
    {
        if (IsPlain(block))
            return WithCopies(block, CopiesIn(block));
        var list = new List<StatementSpec>();
        foreach (var statement in block.Statements)
            Bind(statement, list);
        return block with { Statements = list.ToEquatableArray() };
    }

    private void Bind(StatementSpec statement, List<StatementSpec> list)
    {
        if (statement is TextStatement text && _closureFunctionTexts.Contains(text.Text))
        {
            list.Add(statement);   // a local function taking its closures as parameters
            return;
        }
        if (IsPlain(statement))
        {
            var copies = CopiesIn(statement);
            list.Add(copies.Count == 0 ? statement : WithCopies(statement as BlockStatement ?? new BlockStatement(new[] { statement }.ToEquatableArray(), false), copies));
            return;
        }
        switch (statement)
        {
            case AwaitStatement await when CopiesIn(await.Await.Operand) is { Count: > 0 } copies:
                var awaiter = NewTemp(await.Await.AwaiterType, "the awaiter of " + CommentText.OneLine(await.Await.Text, 60), TempRole.PendingAwaiter);
                list.Add(WithCopies(Single(new TextStatement($"{awaiter.Marker} = {await.Await.Operand};", await.Await.Line)), copies));
                list.Add(await with { Await = await.Await with { Operand = awaiter.Marker } });
                break;
            case BlockStatement block:
                list.Add(BindBlock(block));
                break;
            case IfStatement ifStatement:
                list.Add(ifStatement with
                {
                    Condition = Evaluated(ifStatement.Condition, ifStatement.Line, list),
                    Then = BindBlock(ifStatement.Then),
                    Else = ifStatement.Else is null ? null : BindBlock(ifStatement.Else),
                });
                break;
            case LoweredLoopStatement loop:
                var prefix = new List<StatementSpec>();
                foreach (var child in loop.ConditionPrefix)
                    Bind(child, prefix);
                string? condition = loop.Condition is null ? null : Evaluated(loop.Condition, loop.Line, prefix);
                var increment = new List<StatementSpec>();
                foreach (var child in loop.Increment)
                    Bind(child, increment);
                list.Add(loop with { ConditionPrefix = prefix.ToEquatableArray(), Condition = condition, Body = BindBlock(loop.Body), Increment = increment.ToEquatableArray() });
                break;
            case TryStatement tryStatement:
                list.Add(tryStatement with
                {
                    Body = BindBlock(tryStatement.Body),
                    Catches = tryStatement.Catches.Select(c => c with { Body = BindBlock(c.Body) }).ToEquatableArray(),
                    Finally = tryStatement.Finally is null ? null : BindBlock(tryStatement.Finally),
                });
                break;
            case SwitchStatement switchStatement:
                list.Add(switchStatement with { Sections = switchStatement.Sections.Select(s => s with { Body = BindBlock(s.Body) }).ToEquatableArray() });
                break;
            default:
                list.Add(statement);
                break;
        }
    }

    /// <summary>A condition that mentions a copy is evaluated into a bool temporary inside a copying block first.</summary>
    private string Evaluated(string condition, int line, List<StatementSpec> list)
    {
        var copies = CopiesIn(condition);
        if (copies.Count == 0)
            return condition;
        var temp = NewTemp("bool", CommentText.OneLine(condition, 60), TempRole.Condition);
        list.Add(WithCopies(Single(new TextStatement($"{temp.Marker} = {condition};", line)), copies));
        return temp.Marker;
    }

    private static BlockStatement Single(StatementSpec statement) => new(new[] { statement }.ToEquatableArray(), false);

    /// <summary>Prepends <c>var __capturedN = __closureN;</c> for each copy to a block emitted with real braces.</summary>
    private static BlockStatement WithCopies(BlockStatement block, IReadOnlyCollection<Closure> copies)
    {
        if (copies.Count == 0)
            return block;
        var statements = copies.Select(c => (StatementSpec)new TextStatement(
            $"var {c.CopyName} = {c.Current.Marker}; // the lambdas created below keep these variables, not the next iteration's", c.Line));
        return new BlockStatement(statements.Concat(block.Statements).ToEquatableArray(), false);
    }

    /// <summary>Whether a statement is emitted as C# that defines no label, so that a block can enclose it.</summary>
    private static bool IsPlain(StatementSpec statement) => statement switch
    {
        AwaitStatement or LoweredLoopStatement => false,
        BlockStatement block => !block.HasAwait && block.Statements.All(IsPlain),
        IfStatement ifStatement => !ifStatement.HasAwait && IsPlain(ifStatement.Then) && (ifStatement.Else is null || IsPlain(ifStatement.Else)),
        PlainLoopStatement loop => IsPlain(loop.Body),
        PlainCompoundStatement compound => IsPlain(compound.Body),
        TryStatement tryStatement => IsPlain(tryStatement.Body) && tryStatement.Catches.All(c => IsPlain(c.Body)) && (tryStatement.Finally is null || IsPlain(tryStatement.Finally)),
        SwitchStatement switchStatement => !switchStatement.Lowered && switchStatement.Sections.All(s => IsPlain(s.Body)),
        _ => true,
    };

    private List<Closure> CopiesIn(StatementSpec statement)
    {
        var texts = new List<string>();
        CollectTexts(statement, texts);
        return _closureList.Where(c => texts.Any(t => MentionsName(t, c.CopyName))).ToList();
    }

    private List<Closure> CopiesIn(string text) => _closureList.Where(c => MentionsName(text, c.CopyName)).ToList();

    private void CollectTexts(StatementSpec statement, List<string> texts)
    {
        void Add(string? text)
        {
            if (text is not null)
                texts.Add(text);
        }

        switch (statement)
        {
            case TextStatement text:
                if (!_closureFunctionTexts.Contains(text.Text))
                    Add(text.Text);
                break;
            case AwaitStatement await:
                Add(await.Await.Operand);
                Add(await.Target);
                break;
            case BlockStatement block:
                foreach (var child in block.Statements)
                    CollectTexts(child, texts);
                break;
            case IfStatement ifStatement:
                Add(ifStatement.Condition);
                CollectTexts(ifStatement.Then, texts);
                if (ifStatement.Else is not null)
                    CollectTexts(ifStatement.Else, texts);
                break;
            case PlainLoopStatement loop:
                Add(loop.Header);
                Add(loop.Trailer);
                CollectTexts(loop.Body, texts);
                break;
            case PlainCompoundStatement compound:
                Add(compound.Header);
                CollectTexts(compound.Body, texts);
                break;
            case ReturnStatement returnStatement:
                Add(returnStatement.Value);
                break;
            case TryStatement tryStatement:
                CollectTexts(tryStatement.Body, texts);
                foreach (var clause in tryStatement.Catches)
                {
                    Add(clause.Filter);
                    CollectTexts(clause.Body, texts);
                }
                if (tryStatement.Finally is not null)
                    CollectTexts(tryStatement.Finally, texts);
                break;
            case SwitchStatement switchStatement:
                Add(switchStatement.Governing);
                foreach (var section in switchStatement.Sections)
                {
                    foreach (var label in section.Labels)
                        Add(label);
                    CollectTexts(section.Body, texts);
                }
                break;
        }
    }

    private static bool MentionsName(string text, string name)
    {
        for (int i = text.IndexOf(name, System.StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + name.Length, System.StringComparison.Ordinal))
        {
            int end = i + name.Length;
            bool startsWord = i == 0 || !IsIdentifierPart(text[i - 1]);
            bool endsWord = end == text.Length || !IsIdentifierPart(text[end]);
            if (startsWord && endsWord)
                return true;
        }
        return false;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
