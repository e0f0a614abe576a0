using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;

namespace Coroutines.Tests.Generator;

/// <summary>
/// Random differential testing: CsCheck builds 1,000 small coroutine bodies (loops, try/catch/finally, sleeps,
/// yields, child coroutines, early returns, throws, goto loops and gotos out of try/finally, ?. and switch expressions
/// that await) with a random cancellation time each; all are compiled in one
/// in-memory assembly with the generator, and each runs through M and MAsync with identical traces required.
/// A failure prints CsCheck's seed and the failing body.
/// </summary>
[NonParallelizable]
public class RandomDifferentialTests
{
    private const int Cases = 1000;

    // jumps: whether return/break/continue may appear (C# forbids leaving a finally body with them).
    private static Gen<string> Statements(int depth, int loopDepth, bool jumps)
    {
        var simple = Gen.OneOf(
            Gen.Int[0, 99].Select(n => $"Log(\"s{n}\");"),
            Gen.Int[0, 3].Select(n => $"await Loop.Sleep({n * 0.5:0.0###});"),
            Gen.Const("await Loop.Yield();"),
            Gen.Int[1, 9].Select(n => $"x += await Child({n});"),
            Gen.Int[1, 9].Select(n => $"x = x * 2 + await Loop.Sleep(0.25, {n});"),
            Gen.Int[0, 9].Select(n => $"if (x % 7 == {n}) throw new InvalidOperationException(\"t{n}\" + x);"),
            Gen.Int[0, 9].Select(n => jumps ? $"if (x % 5 == {n}) return x;" : "x += 3;"),
            Gen.Const(jumps && loopDepth > 0 ? "if (x % 3 == 0) break;" : "x++;"),
            Gen.Const(jumps && loopDepth > 0 ? "if (x % 4 == 1) { x++; continue; }" : "x--;"),
            Gen.Select(Gen.Int[1, 9], Gen.Int[0, 9], (n, m) => $"x += Maybe(x)?.Add(await Child({n})) ?? {m};"),
            Gen.Int[1, 9].Select(n => $"Maybe(x + {n})?.Note(await Loop.Sleep(0.25, {n}));"),
            Gen.Int[1, 9].Select(n => $"x = (x % 4) switch {{ 0 => await Child({n}), 1 => x + {n}, int k when k > 2 => k + await Loop.Sleep(0.25, {n}) + k, _ => x - 1 }};"));
        if (depth == 0)
            return simple;
        var inner = Block(depth - 1, loopDepth, jumps);
        var innerLoop = Block(depth - 1, loopDepth + 1, jumps);
        var innerFinally = Block(depth - 1, 0, jumps: false);
        return Gen.Frequency(
            (6, simple),
            (1, Gen.Select(inner, inner, (a, b) => $"if (x % 2 == 0) {{ {a} }} else {{ {b} }}")),
            (1, Gen.Select(Gen.Int[1, 3], innerLoop, (n, body) => $"for (int i{depth} = 0; i{depth} < {n}; i{depth}++) {{ x++; {body} }}")),
            (1, Gen.Select(inner, inner, innerFinally, (t, c, f) => $"try {{ {t} }} catch (InvalidOperationException e{depth}) {{ Log(\"caught \" + e{depth}.Message); {c} }} finally {{ Log(\"finally\"); {f} }}")),
            (1, Gen.Select(inner, inner, (t, c) => $"try {{ {t} }} catch (InvalidOperationException e{depth}) when (x % 2 == 1) {{ Log(\"filtered \" + e{depth}.Message); {c} }}")),
            // goto: a labeled retry loop, and a jump out of a try whose finally may await (labels are unique per depth;
            // sibling blocks may reuse them)
            (1, Gen.Select(Gen.Int[1, 3], inner, (n, body) => $"{{ int r{depth} = 0; retry{depth}: r{depth}++; Log(\"retry \" + r{depth}); {body} if (r{depth} < {n}) goto retry{depth}; }}")),
            (1, Gen.Select(Gen.Int[0, 2], inner, innerFinally, (n, t, f) => $"{{ try {{ {t} if (x % 3 == {n}) goto exit{depth}; Log(\"stayed\"); }} finally {{ Log(\"goto finally\"); {f} }} Log(\"not skipped\"); exit{depth}: x++; }}")));
    }

    private static Gen<string> Block(int depth, int loopDepth, bool jumps = true) =>
        Statements(depth, loopDepth, jumps).Array[1, 4].Select(items => string.Join(" ", items));

    private static readonly Gen<(string Body, int CancelAt)> Program =
        Gen.Select(Block(2, 0), Gen.Int[-1, 6], (body, cancel) => (body, cancel));

    [Test]
    public void RandomBodiesBehaveTheSameThroughBothLowerings()
    {
        Program.Array[Cases].Sample(programs =>
        {
            var assembly = CompileAll(programs);
            var type = assembly.GetType("Random.Programs")!;
            for (int i = 0; i < programs.Length; i++)
            {
                var expected = Run(type, "P" + i, programs[i].CancelAt);
                var actual = Run(type, "P" + i + "Async", programs[i].CancelAt);
                if (!expected.SequenceEqual(actual))
                    throw new Exception($"Program P{i} differs.\nbody: {programs[i].Body}\ncancel at: {programs[i].CancelAt}\ncompiler:\n  {string.Join("\n  ", expected)}\ngenerated:\n  {string.Join("\n  ", actual)}");
            }
        }, iter: 1, threads: 1, print: programs => $"{programs.Length} programs");
    }

    private static List<string> Run(Type type, string method, int cancelAt)
    {
        var lines = (List<string>)type.GetField("Lines")!.GetValue(null)!;
        lines.Clear();
        using var loop = EventLoop.New(new EventLoopOptions { VirtualTime = true });
        EventLoop.SetCurrent(loop);
        loop.SetExceptionHandler((_, context) => lines.Add("handler: " + context.Message));
        try
        {
            var coroutine = (Coroutine<int>)type.GetMethod(method)!.Invoke(null, null)!;
            var task = loop.CreateTask(coroutine);
            if (cancelAt >= 0)
                loop.CallLater(cancelAt * 0.4, () => task.Cancel());
            using (var watchdog = new LoopWatchdog(loop, TimeSpan.FromSeconds(60)))
            {
                try
                {
                    lines.Add("result " + loop.RunUntilComplete(task));
                }
                catch (Exception e)
                {
                    lines.Add($"threw {e.GetType().Name}: {e.Message}");
                }
                if (watchdog.Fired)
                    lines.Add("did not finish within 60 s of wall-clock time");   // a trace no correct run produces
            }
            lines.Add("cancelled " + task.Cancelled);
            return new List<string>(lines);
        }
        finally
        {
            EventLoop.SetCurrent(null);
        }
    }

    private static Assembly CompileAll((string Body, int CancelAt)[] programs)
    {
        var source = new StringBuilder("""
            using System;
            using System.Collections.Generic;
            using Coroutines;
            namespace Random;
            public static partial class Programs
            {
                public static readonly List<string> Lines = new();
                static void Log(string text) => Lines.Add($"[{EventLoop.Running.Time():0.###}] {text}");
                static async Coroutine<int> Child(int n) { await Loop.Sleep(0.1 * n); Log("child " + n); return n; }
                static Box? Maybe(int x) { Log("maybe " + x); return x % 3 == 0 ? null : new Box(x); }
                sealed class Box
                {
                    private readonly int _value;
                    public Box(int value) => _value = value;
                    public int Add(int n) { Log("add " + n); return _value + n; }
                    public void Note(int n) => Log("note " + _value + " " + n);
                }

            """);
        for (int i = 0; i < programs.Length; i++)
            source.Append($"    [Coroutine] public static async Coroutine<int> P{i}() {{ int x = 0; {programs[i].Body} return x; }}\n");
        source.Append("}\n");
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(("Random/Programs.cs", source.ToString())));
        Assert.That(run.GeneratorDiagnostics, Is.Empty, "every random body must be lowered");
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.That(emitted.Success, Is.True, () => string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        image.Position = 0;
        return new AssemblyLoadContext("random-differential", isCollectible: true).LoadFromStream(image);
    }
}
