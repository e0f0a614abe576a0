using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Lowering;
using Coroutines.Generator.Model;

namespace Coroutines.Tests.Generator;

/// <summary>
/// The statement rewriter keeps what it does not change: a statement, list or block none of whose children a pass
/// replaced is returned itself, so a pass with nothing to do on a body rebuilds nothing.
/// </summary>
public class StatementRewriterTests
{
    private static readonly CodeText Marked = CodeText.Verbatim("Marked();");

    [Test]
    public void ARewriterThatChangesNothingReturnsTheBodyItself()
    {
        var body = BodyOfEveryKind(Marked);

        var rewritten = new KeepAll().Run(body);

        Assert.That(rewritten, Is.SameAs(body));
    }

    [Test]
    public void ARewriteRebuildsOnlyThePathToWhatChanged()
    {
        var body = BodyOfEveryKind(Marked);

        var rewritten = new ReplaceMarked().Run(body);

        Assert.That(rewritten, Is.Not.SameAs(body));
        var changed = Enumerable.Range(0, body.Statements.Count).Where(i => !ReferenceEquals(rewritten.Statements[i], body.Statements[i])).ToList();
        Assert.That(changed, Is.EqualTo(new[] { 2 }), "only the try statement holds the marked code");
        var before = (TryStatement)body.Statements[2];
        var after = (TryStatement)rewritten.Statements[2];
        Assert.That(after.Body, Is.SameAs(before.Body), "the try's body");
        Assert.That(after.Finally, Is.SameAs(before.Finally), "the finally");
        Assert.That(after.Catches[0].Filter, Is.SameAs(before.Catches[0].Filter), "the catch's filter");
        Assert.That(((TextStatement)after.Catches[0].Body.Statements[1]).Text.ToString(), Is.EqualTo("Replaced();"));
        Assert.That(after.Catches[0].Body.Statements[0], Is.SameAs(before.Catches[0].Body.Statements[0]), "the statement before the marked one");
    }

    [Test]
    public void TheDesugaringAndSpillingPassesReturnABodyWithoutTheirStatementsItself()
    {
        var body = BodyOfEveryKind(Marked, bound: false);
        var context = new SpillingTests.NamingContext();

        Assert.That(ForEachLowering.Run(body, context), Is.SameAs(body), "foreach");
        Assert.That(UsingLowering.Run(body, context), Is.SameAs(body), "using");
        Assert.That(SwitchLowering.Run(body, context), Is.SameAs(body), "switch");
        Assert.That(Spilling.Run(body, context), Is.SameAs(body), "spilling");
    }

    /// <summary>
    /// A body with a statement of each kind the rewriter rebuilds; <paramref name="marked"/> is the second statement
    /// of the catch clause of its third statement. With <paramref name="bound"/>, also the parser's foreach, using and switch.
    /// </summary>
    private static BlockStatement BodyOfEveryKind(CodeText marked, bool bound = true)
    {
        var statements = new List<StatementSpec>
        {
            Text("A();"),
            new IfStatement(new AndCondition(List<ConditionSpec>(new NotCondition(new CodeCondition(Code("x"))), new PatternCondition(Code("y"), Code("int n")),
                    new NullTestCondition(Code("z"), IsNull: true), new HasValueCondition(Code("w")))),
                Block(new AwaitStatement(new AwaitSpec(Code("F().GetAwaiter()"), "Awaiter", Code("F()"), 1), Code("t"))), Block(Text("B();")), true, 1),
            new TryStatement(1, Block(Text("C();")),
                List(new CatchSpec("global::System.Exception", Code("e"), Code("e.Message != null"), Block(Text("D();"), new TextStatement(marked, 1)), "catch")),
                Block(new ReturnStatement(null, 1)), 1),
            new PlainLoopStatement(2, Code("while (p)"), Block(new BreakStatement(2, 1), new ContinueStatement(2, 1)), null, 1),
            new LoweredLoopStatement(3, LoopKind.For, List<StatementSpec>(Text("E();")), new CodeCondition(Code("q")), Block(Text("G();")),
                List<StatementSpec>(Text("i++;")), false, 1),
            new PlainCompoundStatement(Code("lock (o)"), Block(Text("H();")), 1),
            new SwitchStatement(4, Code("k"), List(new SwitchSectionSpec(List(Code("case 1:")), Block(new BreakStatement(4, 1)))), 1),
            new LabelStatement(5, "L", 1),
            new ConditionalGotoStatement(new CodeCondition(Code("r")), 5, 1),
            new GotoStatement(5, "goto L;", 1),
            new ReturnStatement(Code("s"), 1),
        };
        if (bound)
        {
            statements.Add(new ForEachStatementSpec(6, ForEachKind.Enumerator, Code("list"), false, "list", new TempType("E", HoldsReferences: true),
                "GetEnumerator", null, Code("item"), null, null, "foreach", null, List<StatementSpec>(Text("I();")), Block(Text("J();")), 1, 1));
            statements.Add(new UsingStatementSpec(List(new UsingResourceSpec(List<StatementSpec>(Text("u = U();")), Code("u"), new DisposeSpec(DisposeKind.Direct), 1)),
                Block(Text("K();"))));
            statements.Add(new SwitchStatementSpec(7, Code("v"), new TempType("int", HoldsReferences: false), "v", List<StatementSpec>(Text("M();")),
                List(new SwitchCaseSectionSpec(List(new SwitchTestSpec(Code("1"), Code("ok"), Code("__Store(n)"))), Block(Text("N();")))), 1, 1));
        }
        return new BlockStatement(statements.ToEquatableArray(), true);
    }

    private static CodeText Code(string text) => CodeText.Verbatim(text);

    private static TextStatement Text(string text) => new(Code(text), 1);

    private static BlockStatement Block(params StatementSpec[] statements) => new(statements.ToEquatableArray(), false);

    private static EquatableArray<T> List<T>(params T[] items) where T : System.IEquatable<T> => items.ToEquatableArray();

    private sealed class KeepAll : StatementRewriter
    {
        public BlockStatement Run(BlockStatement body) => RewriteBlock(body);
    }

    /// <summary>Replaces the code <see cref="Marked"/> (that instance) by <c>Replaced();</c>.</summary>
    private sealed class ReplaceMarked : StatementRewriter
    {
        public BlockStatement Run(BlockStatement body) => RewriteBlock(body);

        protected override CodeText RewriteCode(CodeText code) => ReferenceEquals(code, Marked) ? CodeText.Verbatim("Replaced();") : code;
    }
}
