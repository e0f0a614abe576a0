using System.Collections.Generic;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Desugars <see cref="ForEachStatementSpec"/> as the C# compiler's LocalRewriter does: a single-dimensional array
/// into an index loop over <c>Length</c>; any other collection into its enumerator moved by <c>MoveNext()</c> (or by
/// awaiting <c>MoveNextAsync()</c>) inside a try whose finally disposes it. A nested loop is desugared first, so that
/// its temporaries are numbered before the enclosing loop's.
/// </summary>
internal sealed class ForEachLowering : StatementRewriter
{
    private readonly ILoweringContext _context;

    private ForEachLowering(ILoweringContext context) => _context = context;

    public static BlockStatement Run(BlockStatement body, ILoweringContext context) => new ForEachLowering(context).RewriteBlock(body);

    protected override void RewriteInto(StatementSpec statement, List<StatementSpec> list)
    {
        if (statement is ForEachStatementSpec loop)
            Lower(loop with { Body = RewriteBlock(loop.Body) }, list);
        else
            base.RewriteInto(statement, list);
    }

    private void Lower(ForEachStatementSpec loop, List<StatementSpec> list)
    {
        if (loop.Kind == ForEachKind.Array)
        {
            var array = _context.NewTemp(loop.WalkerType, "the array of " + loop.Description, TempRole.Array);
            var index = _context.NewTemp(new TempType("int", HoldsReferences: false), "the index into " + loop.Description, TempRole.Index);
            list.Add(new TextStatement(CodeText.Of($"{array} = {loop.Collection};"), loop.CollectionLine));
            list.Add(new TextStatement(CodeText.Of($"{index} = 0;"), loop.CollectionLine));
            list.Add(new LoweredLoopStatement(loop.Id, LoopKind.ForEach, EquatableArray<StatementSpec>.Empty, new CodeCondition(CodeText.Of($"{index} < {array}.Length")),
                IterationBody(loop, CodeText.Of($"{array}[{index}]")),
                new StatementSpec[] { new TextStatement(CodeText.Of($"{index}++;"), loop.Line) }.ToEquatableArray(), false, loop.Line));
            return;
        }

        var enumerator = _context.NewTemp(loop.WalkerType, "the enumerator of " + loop.Description, TempRole.Enumerator);
        CodeText receiver = loop.ParenthesizeCollection ? CodeText.Of($"({loop.Collection})") : loop.Collection;
        list.Add(new TextStatement(CodeText.Of($"{enumerator} = {receiver}.{loop.GetEnumerator}();"), loop.CollectionLine));
        CodeText current = loop.Kind == ForEachKind.MultiDimensionalArray
            ? CodeText.Of($"(({loop.ElementType}){enumerator}.Current)")
            : CodeText.Of($"{enumerator}.Current");
        var body = IterationBody(loop, current);
        StatementSpec lowered;
        if (loop.Kind == ForEachKind.AwaitEnumerator)
        {
            var hasNext = _context.NewTemp(new TempType("bool", HoldsReferences: false), "the result of MoveNextAsync", TempRole.HasNext);
            var moveNext = new AwaitSpec(CodeText.Of($"{enumerator}.MoveNextAsync().GetAwaiter()"), loop.MoveNextAwaiterType!, CodeText.Verbatim(loop.AwaitText), loop.Line);
            var prefix = new StatementSpec[] { new AwaitStatement(moveNext, hasNext) };
            lowered = new LoweredLoopStatement(loop.Id, LoopKind.AwaitForEach, prefix.ToEquatableArray(), new CodeCondition(hasNext, CodeShape.Primary), body, EquatableArray<StatementSpec>.Empty, false, loop.Line);
        }
        else
        {
            lowered = new LoweredLoopStatement(loop.Id, LoopKind.ForEach, EquatableArray<StatementSpec>.Empty, new CodeCondition(CodeText.Of($"{enumerator}.MoveNext()"), CodeShape.Primary), body, EquatableArray<StatementSpec>.Empty, false, loop.Line);
        }
        if (loop.Dispose is null)
        {
            list.Add(lowered);
            return;
        }
        var tryBody = new BlockStatement(new[] { lowered }.ToEquatableArray(), true);
        list.Add(new TryStatement(_context.NewId(), tryBody, EquatableArray<CatchSpec>.Empty, DisposeStatements.Of(enumerator, loop.Dispose, loop.Line), loop.Line));
    }

    /// <summary>An iteration: its entry (a fresh closure), the iteration variable set from <paramref name="current"/>, then the body.</summary>
    private static BlockStatement IterationBody(ForEachStatementSpec loop, CodeText current)
    {
        CodeText element = loop.Cast is null ? current : CodeText.Of($"({loop.Cast}){current}");
        var statements = new List<StatementSpec>(loop.IterationEntry);
        statements.Add(new TextStatement(CodeText.Of($"{loop.Variable} = {element};"), loop.Line));
        statements.AddRange(loop.Body.Statements);
        return new BlockStatement(statements.ToEquatableArray(), loop.Body.HasAwait);
    }
}
