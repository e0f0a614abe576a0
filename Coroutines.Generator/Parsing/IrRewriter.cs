using System;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Parsing;

/// <summary>Rebuilds a statement tree with every text passed through a function (the final renaming of moved locals).</summary>
internal static class IrRewriter
{
    public static StatementSpec Map(StatementSpec statement, Func<string, string> map)
    {
        string? Text(string? text) => text is null ? null : map(text);
        BlockStatement Block(BlockStatement block) => block with { Statements = block.Statements.Select(s => Map(s, map)).ToEquatableArray() };
        BlockStatement? OptionalBlock(BlockStatement? block) => block is null ? null : Block(block);

        return statement switch
        {
            TextStatement text => text with { Text = map(text.Text) },
            AwaitStatement await => await with { Await = await.Await with { Operand = map(await.Await.Operand), Text = map(await.Await.Text) }, Target = Text(await.Target) },
            BlockStatement block => Block(block),
            IfStatement ifStatement => ifStatement with { Condition = map(ifStatement.Condition), Then = Block(ifStatement.Then), Else = OptionalBlock(ifStatement.Else) },
            PlainLoopStatement loop => loop with { Header = map(loop.Header), Body = Block(loop.Body), Trailer = Text(loop.Trailer) },
            LoweredLoopStatement loop => loop with
            {
                ConditionPrefix = loop.ConditionPrefix.Select(s => Map(s, map)).ToEquatableArray(),
                Condition = Text(loop.Condition),
                Body = Block(loop.Body),
                Increment = loop.Increment.Select(s => Map(s, map)).ToEquatableArray(),
            },
            PlainCompoundStatement compound => compound with { Header = map(compound.Header), Body = Block(compound.Body) },
            ReturnStatement returnStatement => returnStatement with { Value = Text(returnStatement.Value) },
            TryStatement tryStatement => tryStatement with
            {
                Body = Block(tryStatement.Body),
                Catches = tryStatement.Catches.Select(c => c with { Variable = Text(c.Variable), Filter = Text(c.Filter), Body = Block(c.Body) }).ToEquatableArray(),
                Finally = OptionalBlock(tryStatement.Finally),
            },
            SwitchStatement switchStatement => switchStatement with
            {
                Governing = map(switchStatement.Governing),
                Sections = switchStatement.Sections.Select(s => s with
                {
                    Labels = s.Labels.Select(map).ToEquatableArray(),
                    Tests = s.Tests.Select(t => t with { Pattern = Text(t.Pattern), When = Text(t.When), Stores = Text(t.Stores) }).ToEquatableArray(),
                    Body = Block(s.Body),
                }).ToEquatableArray(),
            },
            _ => statement,
        };
    }
}
