using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Binds closure copies: a lambda reads a closure through __capturedN, a C# local that must hold the instance of the
/// iteration the lambda is created in. Each statement of lowered code that reads __capturedN (a part of its code) is put in a
/// block that first copies __closureN into it. Labels must stay outside real blocks, so a statement that contains
/// resume points is not wrapped as a whole: its own expressions (an awaited operand, a condition) are evaluated into a
/// temporary inside such a block first, and its nested statements are bound one by one.
/// </summary>
internal sealed class CaptureBinding : StatementRewriter
{
    private readonly ILoweringContext _context;

    private CaptureBinding(ILoweringContext context) => _context = context;

    public static BlockStatement Run(BlockStatement body, ILoweringContext context) =>
        context.Closures.Count == 0 ? body : new CaptureBinding(context).RewriteBlock(body);

    protected override BlockStatement RewriteBlock(BlockStatement block) =>
        IsPlain(block) ? WithCopies(block, CopiesIn(block)) : base.RewriteBlock(block);

    protected override void RewriteInto(StatementSpec statement, List<StatementSpec> list)
    {
        if (statement is TextStatement text && _context.IsClosureFunction(text.Text))
        {
            list.Add(statement);   // a local function taking its closures as parameters
            return;
        }
        if (IsPlain(statement))
        {
            var copies = CopiesIn(statement);
            list.Add(copies.Count == 0 ? statement : WithCopies(statement as BlockStatement ?? Single(statement), copies));
            return;
        }
        switch (statement)
        {
            case AwaitStatement await when CopiesIn(new[] { await.Await.Operand }) is { Count: > 0 } copies:
                var awaiter = _context.NewTemp(await.Await.AwaiterType, "the awaiter of " + CommentText.OneLine(await.Await.Text.ToString(), 60), holdsReferences: true, TempRole.PendingAwaiter);
                list.Add(WithCopies(Single(new TextStatement(CodeText.Of($"{awaiter} = {await.Await.Operand};"), await.Await.Line)), copies));
                list.Add(await with { Await = await.Await with { Operand = awaiter } });
                break;
            case IfStatement ifStatement:
                var condition = Evaluated(ifStatement.Condition, ifStatement.Line, list);
                list.Add(Rewrite(ifStatement with { Condition = condition }));
                break;
            case LoweredLoopStatement loop:
                var prefix = new List<StatementSpec>();
                foreach (var child in loop.ConditionPrefix)
                    RewriteInto(child, prefix);
                var loopCondition = loop.Condition is null ? null : Evaluated(loop.Condition, loop.Line, prefix);
                var increment = RewriteList(loop.Increment);
                list.Add(loop with { ConditionPrefix = prefix.ToEquatableArray(), Condition = loopCondition, Body = RewriteBlock(loop.Body), Increment = increment });
                break;
            default:
                base.RewriteInto(statement, list);
                break;
        }
    }

    /// <summary>A condition that mentions a copy is evaluated into a bool temporary inside a copying block first.</summary>
    private ConditionSpec Evaluated(ConditionSpec condition, int line, List<StatementSpec> list)
    {
        var code = ConditionPrinter.Print(condition);
        var copies = CopiesIn(new[] { code });
        if (copies.Count == 0)
            return condition;
        var temp = _context.NewTemp("bool", CommentText.OneLine(code.Print(_context.Locals.Select(l => new SlotSpec(l.BaseName, l.BaseName, Stored: false)).ToList()), 60), holdsReferences: false, TempRole.Condition);
        list.Add(WithCopies(Single(new TextStatement(CodeText.Of($"{temp} = {code};"), line)), copies));
        return new CodeCondition(temp, CodeShape.Primary);
    }

    private List<Closure> CopiesIn(StatementSpec statement)
    {
        var texts = new TextCollector(_context);
        texts.Visit(statement);
        return CopiesIn(texts.Texts);
    }

    /// <summary>The closures whose copies <paramref name="codes"/> read.</summary>
    private List<Closure> CopiesIn(IReadOnlyCollection<CodeText> codes) =>
        _context.Closures.Where(c => codes.Any(code => code.Parts.Any(p => p.Use == SlotUse.CapturedCopy && p.Slot == c.Number))).ToList();

    /// <summary>The code texts of a statement, except the local functions that take their closures as parameters.</summary>
    private sealed class TextCollector : StatementWalker
    {
        private readonly ILoweringContext _context;

        public TextCollector(ILoweringContext context) => _context = context;

        public List<CodeText> Texts { get; } = new();

        protected override void VisitText(TextStatement text)
        {
            if (!_context.IsClosureFunction(text.Text))
                Texts.Add(text.Text);
        }

        protected override void VisitCode(CodeText? code)
        {
            if (code is not null)
                Texts.Add(code);
        }
    }

    private static BlockStatement Single(StatementSpec statement) => new(new[] { statement }.ToEquatableArray(), false);

    /// <summary>Prepends <c>var __capturedN = __closureN;</c> for each copy to a block emitted with real braces.</summary>
    private static BlockStatement WithCopies(BlockStatement block, IReadOnlyCollection<Closure> copies)
    {
        if (copies.Count == 0)
            return block;
        var statements = copies.Select(c => (StatementSpec)new TextStatement(
            CodeText.Of($"var {c.CopyName} = {c.Current.Slot}; // the lambdas created below keep these variables, not the next iteration's"), c.Line));
        return new BlockStatement(statements.Concat(block.Statements).ToEquatableArray(), false);
    }

    /// <summary>Whether a statement is emitted as C# that defines no label, so that a block can enclose it.</summary>
    private static bool IsPlain(StatementSpec statement) => !StatementWalker.Any(statement, s => s switch
    {
        AwaitStatement or LoweredLoopStatement => true,
        BlockStatement block => block.HasAwait,
        IfStatement ifStatement => ifStatement.HasAwait,
        _ => false,
    });
}
