using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Lowering;
using Coroutines.Generator.Model;
using Coroutines.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace Coroutines.Tests.Generator;

/// <summary>
/// The spilling pass on bound trees built by hand: it evaluates the operands of an expression in order, keeps those
/// read before an await in temporaries, fixes ref locations, and turns a short-circuit whose right side awaits into an if.
/// </summary>
public class SpillingTests
{
    [Test]
    public void ACompositeEvaluatesItsOperandsInOrderBeforeTheShortCircuitThatAwaits()
    {
        // F(x.Y, ref a[i], c && await G())
        var location = new BoundComposite(CodeText.Of($"{CodeText.Hole(0)}[{CodeText.Hole(1)}]"), Operands(
            Stored("a", TempRole.Receiver), Stored("i", TempRole.Index)));
        var shortCircuit = new BoundBinaryChain(Code("c"), new[]
        {
            new BoundChainLink(ChainLinkKind.And, CodeText.Hole(0), Await("G()"), null, Temp(TempRole.Condition), false, false, 1, 1, 1),
        }.ToEquatableArray(), CodeText.Hole(0));
        var call = new BoundComposite(CodeText.Of($"F({CodeText.Hole(0)}, ref {CodeText.Hole(1)}, {CodeText.Hole(2)})"), Operands(
            Stored("x.Y", TempRole.Argument), new BoundFixedLocation(location, CheckElement: true, 1), shortCircuit));

        var (statements, value) = Spill(call);

        Assert.That(statements, Is.EqualTo(new[]
        {
            "__argument = x.Y;",
            "__receiver = a;",
            "__index = i;",
            "global::System.Runtime.CompilerServices.Unsafe.IsNullRef(ref __receiver[__index]);",
            "__condition = c;",
            "if (__condition) {",
            "await G().GetAwaiter() -> __awaited",
            "__condition = __awaited;",
            "}",
        }));
        Assert.That(value, Is.EqualTo("F(__argument, ref __receiver[__index], __condition)"));
    }

    [Test]
    public void OperandsAreSpilledInEvaluationOrderWhateverTheOrderOfTheirHoles()
    {
        // an operand evaluated first may stand later in the text (the holes are numbered in evaluation order)
        var composite = new BoundComposite(CodeText.Of($"M({CodeText.Hole(1)}, {CodeText.Hole(0)})"), Operands(Await("A()"), Await("B()")));

        var (statements, value) = Spill(composite);

        Assert.That(statements, Is.EqualTo(new[] { "await A().GetAwaiter() -> __awaited", "await B().GetAwaiter() -> __awaited2" }));
        Assert.That(value, Is.EqualTo("M(__awaited2, __awaited)"));
    }

    [Test]
    public void AChainOfTenThousandAwaitingOperatorsIsSpilledWithoutRecursion()
    {
        const int length = 10_000;
        // the first operator's left operand is the innermost value; each later one is the operator before it
        var links = Enumerable.Range(0, length).Select(i => new BoundChainLink(ChainLinkKind.Plain,
            i == 0 ? CodeText.Hole(0) : CodeText.Of($"{CodeText.Hole(0)} + {CodeText.Hole(1)}"), Await("N()"), Temp(TempRole.Left), null, false, false, 1, 1, 1));
        var chain = new BoundBinaryChain(Await("N()"), links.ToEquatableArray(), CodeText.Of($"{CodeText.Hole(0)} + {CodeText.Hole(1)}"));

        var (statements, value) = Spill(chain);

        Assert.That(statements.Count(s => s.StartsWith("await")), Is.EqualTo(length + 1));
        Assert.That(statements.Take(4), Is.EqualTo(new[]
        {
            "await N().GetAwaiter() -> __awaited",
            "__left = __awaited;",
            "await N().GetAwaiter() -> __awaited2",
            "__left2 = __left + __awaited2;",
        }));
        Assert.That(value, Is.EqualTo($"__left{length} + __awaited{length + 1}"));
    }

    [Test]
    public void ASpillStatementBecomesItsStatementsAndItsValueFillsTheStatementThatReadsIt()
    {
        // while (await Ready()) { } : the spilled condition sits in the loop's condition prefix
        var loop = new LoweredLoopStatement(1, LoopKind.While,
            new StatementSpec[] { new SpillStatement(0, Await("Ready()")) }.ToEquatableArray(),
            new CodeCondition(CodeText.SpillResult(0)), new BlockStatement(EquatableArray<StatementSpec>.Empty, false),
            EquatableArray<StatementSpec>.Empty, false, 1);
        var body = new BlockStatement(new StatementSpec[] { loop }.ToEquatableArray(), true);

        var lowered = (LoweredLoopStatement)Spilling.Run(body, new NamingContext()).Statements[0];

        var await = (AwaitStatement)lowered.ConditionPrefix.Single();
        Assert.That(await.Await.Operand.ToString(), Is.EqualTo("Ready().GetAwaiter()"));
        Assert.That(await.Target!.ToString(), Is.EqualTo("__awaited"));
        Assert.That(ConditionPrinter.Print(lowered.Condition!).ToString(), Is.EqualTo("__awaited"));
    }

    [Test]
    public void AnAwaitThatIsAWholeStatementLandsInItsTargetOrIsDiscarded()
    {
        // x = await F(await G()); await H();
        var assigned = new BoundAwait(new BoundComposite(CodeText.Of($"F({CodeText.Hole(0)})"), Operands(Await("G()"))),
            ParenthesizeOperand: false, "Awaiter", CodeText.Verbatim("F(await G())"), 1, Result: null, Target: CodeText.Verbatim("x"));
        var discarded = new BoundAwait(Code("H()"), ParenthesizeOperand: false, "Awaiter", CodeText.Verbatim("H()"), 2, Result: null);
        var body = new BlockStatement(new StatementSpec[] { new SpillStatement(0, assigned), new SpillStatement(1, discarded) }.ToEquatableArray(), true);

        var lowered = Spilling.Run(body, new NamingContext());

        var lines = new List<string>();
        foreach (var statement in lowered.Statements)
            Describe(statement, lines);
        Assert.That(lines, Is.EqualTo(new[] { "await G().GetAwaiter() -> __awaited", "await F(__awaited).GetAwaiter() -> x", "await H().GetAwaiter() -> " }));
    }

    private static BoundCode Code(string text) => new(CodeText.Verbatim(text));

    private static TempRequest Temp(TempRole role) => new(new TempType("int", HoldsReferences: false), "test", role);

    private static BoundStored Stored(string text, TempRole role) => new(Code(text), Temp(role), 1);

    private static BoundAwait Await(string operand) =>
        new(Code(operand), ParenthesizeOperand: false, "Awaiter", CodeText.Verbatim(operand), 1, Temp(TempRole.Awaited));

    private static EquatableArray<BoundExpression> Operands(params BoundExpression[] operands) => operands.ToEquatableArray();

    private static (List<string> Statements, string Value) Spill(BoundExpression expression)
    {
        var list = new List<StatementSpec>();
        var value = Spilling.Spill(expression, list, new NamingContext());
        var lines = new List<string>();
        foreach (var statement in list)
            Describe(statement, lines);
        return (lines, value.ToString());
    }

    private static void Describe(StatementSpec statement, List<string> lines)
    {
        switch (statement)
        {
            case TextStatement text:
                lines.Add(text.Text.ToString());
                break;
            case AwaitStatement await:
                lines.Add($"await {await.Await.Operand} -> {await.Target}");
                break;
            case IfStatement ifStatement:
                lines.Add($"if ({ConditionPrinter.Print(ifStatement.Condition)}) {{");
                foreach (var inner in ifStatement.Then.Statements)
                    Describe(inner, lines);
                lines.Add("}");
                break;
            default:
                lines.Add(statement.GetType().Name);
                break;
        }
    }

    /// <summary>Names each temporary after its role, numbered from the second, as the parser names them.</summary>
    internal sealed class NamingContext : ILoweringContext
    {
        private readonly Dictionary<TempRole, int> _counts = new();
        private int _ids;

        public IReadOnlyList<MovedLocal> Locals => System.Array.Empty<MovedLocal>();

        public IReadOnlyList<Closure> Closures => System.Array.Empty<Closure>();

        public bool IsClosureFunction(CodeText text) => false;

        public CodeText NewTemp(string type, string origin, bool holdsReferences, TempRole role)
        {
            int count = _counts.TryGetValue(role, out var n) ? n + 1 : 1;
            _counts[role] = count;
            return CodeText.Verbatim("__" + TempRoles.NameOf(role) + (count == 1 ? "" : count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        public CodeText NewTemp(TempType type, string origin, TempRole role) => NewTemp(type.Text, origin, type.HoldsReferences, role);

        public int NewId() => ++_ids;

        public string ReserveName(string name) => name;

        public SyntaxNode DeclarationOf(MovedLocal local) => throw new System.NotSupportedException();
    }
}
