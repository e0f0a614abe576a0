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
    private BlockStatement BindCaptures(BlockStatement body) => _closureList.Count == 0 ? body : new CaptureBinder(this).Bind(body);

    private sealed class CaptureBinder : StatementRewriter
    {
        private readonly BodyParser _parser;

        public CaptureBinder(BodyParser parser) => _parser = parser;

        public BlockStatement Bind(BlockStatement body) => RewriteBlock(body);

        protected override BlockStatement RewriteBlock(BlockStatement block) =>
            IsPlain(block) ? WithCopies(block, CopiesIn(block)) : base.RewriteBlock(block);

        protected override void RewriteInto(StatementSpec statement, List<StatementSpec> list)
        {
            if (statement is TextStatement text && _parser._closureFunctionTexts.Contains(text.Text))
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
                case AwaitStatement await when CopiesIn(await.Await.Operand) is { Count: > 0 } copies:
                    var awaiter = _parser.NewTemp(await.Await.AwaiterType, "the awaiter of " + CommentText.OneLine(await.Await.Text, 60), holdsReferences: true);
                    list.Add(WithCopies(Single(new TextStatement($"{awaiter.Marker} = {await.Await.Operand};", await.Await.Line)), copies));
                    list.Add(await with { Await = await.Await with { Operand = awaiter.Marker } });
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
            string code = ConditionPrinter.Print(condition);
            var copies = CopiesIn(code);
            if (copies.Count == 0)
                return condition;
            var temp = _parser.NewTemp("bool", CommentText.OneLine(code, 60), holdsReferences: false);
            list.Add(WithCopies(Single(new TextStatement($"{temp.Marker} = {code};", line)), copies));
            return new CodeCondition(temp.Marker, CodeShape.Primary);
        }

        private List<Closure> CopiesIn(StatementSpec statement)
        {
            var texts = new TextCollector(_parser._closureFunctionTexts);
            texts.Visit(statement);
            return _parser._closureList.Where(c => texts.Texts.Any(t => MentionsName(t, c.CopyName))).ToList();
        }

        private List<Closure> CopiesIn(string text) => _parser._closureList.Where(c => MentionsName(text, c.CopyName)).ToList();
    }

    /// <summary>The code texts of a statement, except the local functions that take their closures as parameters.</summary>
    private sealed class TextCollector : StatementWalker
    {
        private readonly HashSet<string> _closureFunctionTexts;

        public TextCollector(HashSet<string> closureFunctionTexts) => _closureFunctionTexts = closureFunctionTexts;

        public List<string> Texts { get; } = new();

        protected override void VisitText(TextStatement text)
        {
            if (!_closureFunctionTexts.Contains(text.Text))
                Texts.Add(text.Text);
        }

        protected override void VisitCode(string? code)
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
            $"var {c.CopyName} = {c.Current.Marker}; // the lambdas created below keep these variables, not the next iteration's", c.Line));
        return new BlockStatement(statements.Concat(block.Statements).ToEquatableArray(), false);
    }

    /// <summary>Whether a statement is emitted as C# that defines no label, so that a block can enclose it.</summary>
    private static bool IsPlain(StatementSpec statement) => !StatementWalker.Any(statement, s => s switch
    {
        AwaitStatement or LoweredLoopStatement => true,
        BlockStatement block => block.HasAwait,
        IfStatement ifStatement => ifStatement.HasAwait,
        SwitchStatement switchStatement => switchStatement.Lowered,
        _ => false,
    });

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
