using Coroutines.Generator.Model;
using Coroutines.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Tests.Generator;

/// <summary>
/// The desugaring passes (foreach, using, switch) turn the parser's statements into the lowered IR: the shapes they
/// produce for each kind of collection, resource and switch, read from the body the lowering pipeline returns.
/// </summary>
public class DesugaringPassTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using Coroutines;

        namespace Samples;

        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine Run(int[] array, List<int> list, IEnumerable<int> sequence, System.Collections.IEnumerable untyped,
                IAsyncEnumerable<int> stream, IDisposable a, IDisposable b, object value)
            {
                BODY
            }
        }
        """;

    private sealed record Lowered(BlockStatement Body, MachineBodySpec Spec)
    {
        public string Print(CodeText code) => code.Print(Spec.Slots);

        public string Print(ConditionSpec condition) => Print(ConditionPrinter.Print(condition));

        public string Print(StatementSpec statement) => statement switch
        {
            TextStatement text => Print(text.Text),
            AwaitStatement await => (await.Target is null ? "" : Print(await.Target) + " = ") + "await " + Print(await.Await.Operand),
            _ => statement.GetType().Name,
        };

        public List<T> All<T>() where T : StatementSpec
        {
            var collector = new Collector();
            collector.Visit(Body);
            return collector.Found.OfType<T>().ToList();
        }
    }

    private sealed class Collector : StatementWalker
    {
        public List<StatementSpec> Found { get; } = new();

        public override void Visit(StatementSpec statement)
        {
            Found.Add(statement);
            base.Visit(statement);
        }
    }

    private static Lowered Lower(string body)
    {
        var compilation = GeneratorHarness.Compile(("Samples/Sample.cs", Source.Replace("BODY", body)));
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var syntax = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "Run");
        var parser = new BodyParser(model, (IMethodSymbol)model.GetDeclaredSymbol(syntax)!, syntax, CancellationToken.None);
        var spec = parser.Parse();
        Assert.That(parser.Unsupported, Is.Null, "lowered");
        Assert.That(spec, Is.Not.Null, "parsed without compile errors");
        return new Lowered(spec!.Statements, spec);
    }

    [Test]
    public void AForEachOverAnArrayBecomesAnIndexLoopThatDisposesNothing()
    {
        var lowered = Lower("foreach (var x in array) { await Loop.Yield(); Console.WriteLine(x); }");

        var loop = lowered.All<LoweredLoopStatement>().Single();
        Assert.That(loop.Kind, Is.EqualTo(LoopKind.ForEach));
        Assert.That(lowered.Print(loop.Condition!), Is.EqualTo("__index < __array.Length"));
        Assert.That(loop.Increment.Select(lowered.Print), Is.EqualTo(new[] { "__index++;" }));
        Assert.That(lowered.Print(loop.Body.Statements[0]), Is.EqualTo("__x = __array[__index];"));
        Assert.That(lowered.All<TryStatement>(), Is.Empty, "an array has no enumerator to dispose");
    }

    [Test]
    public void AForEachOverAListDisposesItsStructEnumeratorDirectly()
    {
        var lowered = Lower("foreach (var x in list) { await Loop.Yield(); Console.WriteLine(x); }");

        var tryStatement = lowered.All<TryStatement>().Single();
        var loop = (LoweredLoopStatement)tryStatement.Body.Statements.Single();
        Assert.That(lowered.Print(loop.Condition!), Is.EqualTo("__enumerator.MoveNext()"));
        Assert.That(lowered.Print(loop.Body.Statements[0]), Is.EqualTo("__x = __enumerator.Current;"));
        Assert.That(tryStatement.Finally!.Statements.Select(lowered.Print), Is.EqualTo(new[] { "__enumerator.Dispose();" }));
    }

    [Test]
    public void AForEachOverAnIEnumerableDisposesThroughTheInterface()
    {
        var lowered = Lower("foreach (var x in sequence) { await Loop.Yield(); }");

        var tryStatement = lowered.All<TryStatement>().Single();
        Assert.That(tryStatement.Finally!.Statements.Select(lowered.Print), Is.EqualTo(new[] { "((global::System.IDisposable?)__enumerator)?.Dispose();" }));
    }

    [Test]
    public void AForEachOverANonGenericIEnumerableCastsEachElementAndTestsWhetherItsEnumeratorIsDisposable()
    {
        var lowered = Lower("foreach (int x in untyped) { await Loop.Yield(); Console.WriteLine(x); }");

        var tryStatement = lowered.All<TryStatement>().Single();
        var loop = (LoweredLoopStatement)tryStatement.Body.Statements.Single();
        Assert.That(lowered.Print(loop.Body.Statements[0]), Is.EqualTo("__x = (int)__enumerator.Current;"));
        Assert.That(tryStatement.Finally!.Statements.Select(lowered.Print), Is.EqualTo(new[] { "(__enumerator as global::System.IDisposable)?.Dispose();" }));
    }

    [Test]
    public void AnAwaitForEachAwaitsMoveNextAsyncAtTheTopAndDisposeAsyncInTheFinally()
    {
        var lowered = Lower("await foreach (var x in stream) { Console.WriteLine(x); }");

        var tryStatement = lowered.All<TryStatement>().Single();
        var loop = (LoweredLoopStatement)tryStatement.Body.Statements.Single();
        Assert.That(loop.Kind, Is.EqualTo(LoopKind.AwaitForEach));
        Assert.That(loop.ConditionPrefix.Select(lowered.Print), Is.EqualTo(new[] { "__hasNext = await __enumerator.MoveNextAsync().GetAwaiter()" }));
        Assert.That(lowered.Print(loop.Condition!), Is.EqualTo("__hasNext"));
        var test = (IfStatement)tryStatement.Finally!.Statements.Single();
        Assert.That(lowered.Print(test.Condition), Is.EqualTo("__enumerator != null"));
        Assert.That(test.Then.Statements.Select(lowered.Print), Is.EqualTo(new[] { "await ((global::System.IAsyncDisposable)__enumerator).DisposeAsync().GetAwaiter()" }));
    }

    [Test]
    public void AUsingOfTwoResourcesDisposesTheSecondInsideTheFirst()
    {
        var lowered = Lower("using (IDisposable first = a, second = b) { await Loop.Yield(); }");

        var outer = (TryStatement)lowered.Body.Statements.Single(s => s is TryStatement);
        Assert.That(outer.Body.Statements.Select(s => s.GetType().Name), Is.EqualTo(new[] { nameof(TextStatement), nameof(TryStatement) }),
            "the second resource is acquired inside the try that disposes the first: if acquiring it throws, the first is disposed");
        Assert.That(lowered.Print(outer.Body.Statements[0]), Does.StartWith("__second = "));
        var inner = (TryStatement)outer.Body.Statements[1];
        Assert.That(inner.Body.Statements.OfType<AwaitStatement>(), Is.Not.Empty, "the body runs inside both tries");
        Assert.That(inner.Finally!.Statements.Select(lowered.Print), Is.EqualTo(new[] { "((global::System.IDisposable?)__second)?.Dispose();" }), "disposed first");
        Assert.That(outer.Finally!.Statements.Select(lowered.Print), Is.EqualTo(new[] { "((global::System.IDisposable?)__first)?.Dispose();" }), "disposed last");
    }

    [Test]
    public void ASwitchThatAwaitsBecomesTestsAndJumpsToItsSections()
    {
        var lowered = Lower("""
            switch (value)
            {
                case int n when n > 0:
                    await Loop.Yield();
                    break;
                case string:
                    break;
                default:
                    await Loop.Yield();
                    break;
            }
            """);

        Assert.That(lowered.All<SwitchStatement>(), Is.Empty);
        string Label(int id) => lowered.All<LabelStatement>().Single(l => l.Id == id).Name;
        var tests = lowered.All<ConditionalGotoStatement>();
        Assert.That(tests.Select(t => (lowered.Print(t.Condition), Label(t.LabelId))), Is.EqualTo(new[]
        {
            ("__switchValue is int n_2 && __Store(out n, n_2) && (n > 0)", "Switch1_Case1"),
            ("__switchValue is string", "Switch1_Case2"),
        }));
        Assert.That(lowered.All<LabelStatement>().Select(l => l.Name), Is.EqualTo(new[] { "Switch1_Case1", "Switch1_Case2", "Switch1_Case3", "Switch1_End" }));
        Assert.That(lowered.All<GotoStatement>().Select(g => Label(g.LabelId)), Is.EqualTo(new[] { "Switch1_Case3", "Switch1_End", "Switch1_End", "Switch1_End" }),
            "no test holds: the default section; each break: the end");
    }

    [Test]
    public void AnInnerSwitchIsNumberedAfterTheSwitchAroundIt()
    {
        var lowered = Lower("""
            switch (value)
            {
                case int:
                    switch (array.Length)
                    {
                        case 0:
                            await Loop.Yield();
                            break;
                    }
                    break;
            }
            """);

        Assert.That(lowered.All<LabelStatement>().Select(l => l.Name), Is.EqualTo(new[] { "Switch1_Case1", "Switch2_Case1", "Switch2_End", "Switch1_End" }));
    }

    [Test]
    public void APatternVariableOfASectionDoesNotLiveAcrossTheAwaitsOfTheSectionsBeforeIt()
    {
        var lowered = Lower("""
            switch (value)
            {
                case int:
                    await Loop.Yield();
                    break;
                case string s:
                    Console.WriteLine(s);
                    break;
            }
            """);

        Assert.That(lowered.Spec.Locals.Single(l => l.Origin == "s").Hoisted, Is.False, "the test jumps over the first section into the second");
    }

    [Test]
    public void APatternVariableUsedAfterAnAwaitOfItsOwnSectionIsHoisted()
    {
        var lowered = Lower("""
            switch (value)
            {
                case string s:
                    await Loop.Yield();
                    Console.WriteLine(s);
                    break;
            }
            """);

        Assert.That(lowered.Spec.Locals.Single(l => l.Origin == "s").Hoisted, Is.True);
    }
}
