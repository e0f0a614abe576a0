using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Coroutines.Tests.Generator;

/// <summary>
/// Extreme nesting in a coroutine body. Long expressions around an await (generated code and table-like sums reach
/// thousands of terms): the generator spills them without recursing per operator, so it runs within a 1 MB stack,
/// and the machine it builds behaves as the compiler's lowering does; an expression too deep for the generator
/// falls back to the compiler's lowering, never a crash. Hundreds of nested lambdas: lowered correctly (the
/// generator's cost grows linearly with the depth, measured in benchmarks/, generator-shapes).
/// </summary>
[NonParallelizable]
public class DeepNestingTests
{
    private const int Terms = 1250;

    /// <summary>The stack of a thread the generator may run on (an IDE's or build server's worker, not the 8 MB main thread).</summary>
    private const int SmallStack = 1024 * 1024;

    /// <summary><c>first + t1 + t2 + ...</c>: every 50th term a call that logs, the others a local.</summary>
    private static string Sum(string first, int terms, int from = 1)
    {
        var text = new StringBuilder(first);
        for (int i = from; i < from + terms - 1; i++)
            text.Append(i % 50 == 0 ? $" + Side(\"t{i}\", {i % 7})" : " + one");
        return text.ToString();
    }

    /// <summary>The class <c>Deep.Programs</c> with <paramref name="members"/>, its trace and the helpers they call.</summary>
    private static string Program(string members) => $$"""
        using System;
        using System.Collections.Generic;
        using Coroutines;
        namespace Deep;
        public static partial class Programs
        {
            public static readonly List<string> Lines = new();
            static int Side(string name, int value) { Lines.Add($"[{EventLoop.Running.Time():0.###}] {name}"); return value; }
            static async Coroutine<int> Child(int n) { await Loop.Sleep(0.5); Lines.Add("child " + n); return n; }

        {{members}}
        }
        """;

    private static string Source(int terms) => Program($$"""
            [Coroutine]
            public static async Coroutine<int> AwaitFirst()
            {
                int one = Side("one", 1);
                var x = {{Sum("await Child(2)", terms)}};
                return x;
            }

            [Coroutine]
            public static async Coroutine<int> AwaitInTheMiddle()
            {
                int one = Side("one", 1);
                var x = {{Sum(Sum("one", terms / 2) + " + await Child(3)", terms - terms / 2, terms / 2)}};
                return x;
            }

            [Coroutine]
            public static async Coroutine<int> AwaitEverywhere()
            {
                int one = Side("one", 1);
                var x = one{{string.Concat(Enumerable.Range(1, terms / 10).Select(i => $" + await Child({i % 5}) + one * {i}"))}};
                return x;
            }

            [Coroutine]
            public static async Coroutine<bool> ShortCircuits()
            {
                int one = Side("one", 1);
                return one > 0{{string.Concat(Enumerable.Range(1, terms / 10).Select(i => $" && await Child({i % 5}) >= 0 || Side(\"or{i}\", 0) > 0"))}};
            }
        """);

    [Test]
    public void AThousandTermExpressionAroundAnAwaitIsLoweredWithinAOneMegabyteStack()
    {
        var compilation = GeneratorHarness.Compile(("Deep/Programs.cs", Source(Terms)));   // parsed on this thread: the generator is under test
        var run = OnSmallStack(() => GeneratorHarness.Generate(compilation));
        Assert.That(run.Result.Exception, Is.Null);
        Assert.That(run.GeneratorDiagnostics, Is.Empty, "every method lowered");
        foreach (var method in new[] { "AwaitFirst", "AwaitInTheMiddle", "AwaitEverywhere", "ShortCircuits" })
            Assert.That(GeneratorHarness.Source(run, method), Does.Contain($"class {method}Coroutine"), method);

        var type = Load(run).GetType("Deep.Programs")!;
        foreach (var method in new[] { "AwaitFirst", "AwaitInTheMiddle", "AwaitEverywhere", "ShortCircuits" })
        {
            var expected = Run(type, method);
            var actual = Run(type, method + "Async");
            Assert.That(actual, Is.EqualTo(expected), method);
            Assert.That(expected.Count(l => l.Contains("child", StringComparison.Ordinal)), Is.GreaterThan(0), method + " awaits");
        }
    }

    [Test]
    public void FiveThousandTermsNeverCrashTheGenerator()
    {
        var compilation = GeneratorHarness.Compile(("Deep/Programs.cs", Source(5000)));
        var run = OnSmallStack(() => GeneratorHarness.Generate(compilation));
        AssertLoweredOrFellBack(run);
    }

    [Test]
    public void ParenthesesNestedDeeplyAreLoweredOrFallBackToTheCompilersLowering()
    {
        // Right-nested: no left-deep chain to walk, so the spiller recurses; when the stack runs short it says so. Whether
        // 600 levels fit depends on how the JIT compiled the spiller's frames (tier 0 or 1), so either is right. Run on
        // 8 MB: on 1 MB the compiler's own binder (which the generator asks for types) can overflow on this shape.
        const int depth = 600;
        string nested = string.Concat(Enumerable.Repeat("one + (", depth)) + "await Child(1)" + new string(')', depth);
        string source = Source(10).Replace("var x = one + await Child(", "var x = " + nested + " + await Child(", StringComparison.Ordinal);
        var compilation = GeneratorHarness.Compile(("Deep/Programs.cs", source));
        var run = OnStack(() => GeneratorHarness.Generate(compilation), 8 * SmallStack);
        AssertLoweredOrFellBack(run);
        bool lowered = GeneratorHarness.Source(run, "AwaitEverywhere").Contains("class AwaitEverywhereCoroutine", StringComparison.Ordinal);
        var expected = lowered
            ? Array.Empty<(string, string)>()
            : new[] { ("CORO101", "An expression nested too deeply for the generator is not lowered yet; 'AwaitEverywhereAsync' calls 'AwaitEverywhere' (the compiler's lowering) instead") };
        Assert.That(run.GeneratorDiagnostics.Select(d => (d.Id, d.GetMessage())), Is.EqualTo(expected));
    }

    /// <summary>No exception and no CORO100: every method became a machine whose code compiles, or the compiler's lowering with a reason.</summary>
    private static void AssertLoweredOrFellBack(GeneratorHarness.Run run)
    {
        Assert.That(run.Result.Exception, Is.Null);
        Assert.That(run.GeneratorDiagnostics.Select(d => d.Id), Has.None.EqualTo("CORO100"));
        foreach (var generated in run.Output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".Coroutine.g.cs", StringComparison.Ordinal)))
        {
            var errors = run.Output.GetSemanticModel(generated).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
            Assert.That(errors.Select(d => d.ToString()), Is.Empty, generated.FilePath);
        }
    }

    [Test]
    public void FiveHundredNestedLambdasAreLoweredCorrectly()
    {
        const int depth = 500;
        var lambda = new StringBuilder("Func<int> f = () => { int v0 = one; ");
        for (int i = 1; i < depth; i++)
            lambda.Append($"return ((Func<int>)(() => {{ int v{i} = v{i - 1} + one * {i % 3}; ");
        lambda.Append($"return v{depth - 1}; ").Append(string.Concat(Enumerable.Repeat("}))(); ", depth - 1))).Append("};");
        string source = Program($$"""
                [Coroutine]
                public static async Coroutine<int> Nested()
                {
                    int one = 1;
                    {{lambda}}
                    Lines.Add("before " + f());
                    one += await Loop.Sleep(0.5, 1);
                    Lines.Add("after " + f());
                    return f();
                }
            """);
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(("Deep/Programs.cs", source)));
        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(GeneratorHarness.Source(run, "Nested"), Does.Contain("class NestedCoroutine"));
        var type = Load(run).GetType("Deep.Programs")!;
        var expected = Run(type, "Nested");
        Assert.That(Run(type, "NestedAsync"), Is.EqualTo(expected));
        Assert.That(expected, Does.Contain("after " + (2 + Enumerable.Range(1, depth - 1).Sum(i => 2 * (i % 3)))), "the lambdas read the variable the await changed");
    }

    private static T OnSmallStack<T>(Func<T> work) => OnStack(work, SmallStack);

    private static T OnStack<T>(Func<T> work, int stackSize)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, stackSize);
        thread.Start();
        thread.Join();
        if (failure is not null)
            throw new InvalidOperationException("the generator thread failed", failure);
        return result;
    }

    private static Assembly Load(GeneratorHarness.Run run)
    {
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.That(emitted.Success, Is.True, () => string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        image.Position = 0;
        return new AssemblyLoadContext("deep-expressions", isCollectible: true).LoadFromStream(image);
    }

    private static List<string> Run(Type type, string method)
    {
        var lines = (List<string>)type.GetField("Lines")!.GetValue(null)!;
        lines.Clear();
        using var loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        EventLoop.SetCurrent(loop);
        try
        {
            var coroutine = type.GetMethod(method)!.Invoke(null, null)!;
            try
            {
                object result = coroutine switch
                {
                    Coroutine<int> number => loop.RunUntilComplete(number),
                    Coroutine<bool> truth => loop.RunUntilComplete(truth),
                    _ => throw new InvalidOperationException(method + " returns " + coroutine.GetType()),
                };
                lines.Add("result " + result);
            }
            catch (Exception e)
            {
                lines.Add($"threw {e.GetType().Name}: {e.Message}");
            }
            return new List<string>(lines);
        }
        finally
        {
            EventLoop.SetCurrent(null);
        }
    }
}
