using System.Runtime.CompilerServices;
using Coroutines.Generator;

namespace Coroutines.Tests.Generator;

/// <summary>
/// Locals and expressions typed by other types' generated entry points lower instead of falling back with CORO101:
/// the generator sees the compilation without its own output, so it types them through the [Coroutine] methods.
/// </summary>
public class EntryPointTypeTests
{
    private const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using Coroutines;
        """;

    private const string Other = """
        namespace Samples;

        public partial class Tally
        {
            private int _count;

            [Coroutine]
            public async Coroutine<int> CountTo(int n)
            {
                for (int i = 0; i < n; i++) { await Loop.Yield(); _count++; }
                return _count;
            }

            [Coroutine]
            public static async Coroutine<string> Name(int id) { await Loop.Yield(); return "n" + id; }

            [Coroutine]
            public static async Coroutine Tick() => await Loop.Yield();
        }

        public partial class Box<T>
        {
            [Coroutine]
            public async Coroutine<T> Echo(T value) { await Loop.Yield(); return value; }

            [Coroutine]
            public static async Coroutine<List<U>> Twice<U>(U value) { await Loop.Yield(); return new List<U> { value, value }; }
        }
        """;

    [TestCase("var c = tally.CountToAsync(3); await Loop.Yield(); return await c;", TestName = "VarLocalOfInstanceEntryPoint")]
    [TestCase("var n = await Tally.NameAsync(1); await Loop.Yield(); return n.Length;", TestName = "VarLocalOfAwaitedStaticEntryPoint")]
    [TestCase("var b = new Box<string>(); var e = b.EchoAsync(\"x\"); var l = await Box<int>.TwiceAsync(2.5); return (await e).Length + l.Count;", TestName = "GenericEntryPoints")]
    [TestCase("var x = await tally.CountToAsync(1); return Sum(x, await Tally.NameAsync(x));", TestName = "VarLocalSpilledBeforeAwait")]
    [TestCase("var c = Tally.NameAsync(2); return Pass(c, await Loop.Sleep(1, 0)).Length + (await c).Length;", TestName = "EntryPointTypedLocalSpilledBeforeAwait")]
    [TestCase("var x = await tally.CountToAsync(1); var y = x > 0 ? await tally.CountToAsync(2) : 0; return y;", TestName = "TernaryWithAwaitedEntryPoint")]
    [TestCase("var task = Loop.CreateTask(tally.CountToAsync(2)); await Loop.Yield(); return await task + 1;", TestName = "TaskOfEntryPointAwaitedThroughItsBaseType")]
    [TestCase("if (await tally.CountToAsync(1) is var v && v > 0) { await Loop.Yield(); return v; } return 0;", TestName = "VarPatternOfAwaitedEntryPoint")]
    [TestCase("var w = Tally.NameAsync(1); var x = (w, 2); await Loop.Yield(); return (await x.w).Length + x.Item2;", TestName = "TupleElementNamedAfterEntryPointTypedLocal")]
    [TestCase("var t = Tally.TickAsync(); await t; var u = await Tally.NameAsync(0); return u.Length;", TestName = "VoidEntryPointInVarLocal")]
    public void EntryPointTypedCodeLowers(string body)
    {
        string source = $$"""
            namespace Samples;

            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Work(Tally tally)
                {
                    {{body}}
                }

                private static int Sum(int a, string b) => a + b.Length;

                private static string Pass(Coroutine<string> c, int value) => c.ToString()! + value;
            }
            """;
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(("Usings.cs", Usings), ("Other.cs", Other), ("Jobs.cs", source)));

        Assert.That(run.GeneratorDiagnostics.Select(d => d.ToString()), Is.Empty, "no CORO101 fallback");
        Assert.That(GeneratorHarness.Problems(run.Output).Select(d => d.ToString()), Is.Empty, "the output must compile without warnings");
        Assert.That(GeneratorHarness.Source(run, "Work"), Does.Contain("MoveNext"), "a generated machine, not the fallback");
    }

    [Test]
    public void DifferentialEntryPointProgramsLowerWithoutFallback()
    {
        string directory = Path.Combine(ThisDirectory(), "Differential");
        var files = new[] { "Programs.EntryPoints.cs", "Helpers.cs", "Trace.cs" }
            .Select(name => (name, File.ReadAllText(Path.Combine(directory, name))))
            .Prepend(("Usings.cs", Usings + "global using System.Threading.Tasks;\n"))
            .ToArray();
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(files));

        var fallbacks = run.GeneratorDiagnostics.Where(d => d.Id == DiagnosticDescriptors.NotLoweredId).Select(d => d.ToString());
        Assert.That(fallbacks, Is.Empty);
        Assert.That(run.Output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
    }

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
