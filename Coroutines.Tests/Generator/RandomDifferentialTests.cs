using CsCheck;

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

    /// <summary>Statements without nested statements; jumps: whether return/break/continue may appear.</summary>
    internal static Gen<string> SimpleStatements(int loopDepth, bool jumps) =>
        Gen.OneOf(
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

    // jumps: whether return/break/continue may appear (C# forbids leaving a finally body with them).
    private static Gen<string> Statements(int depth, int loopDepth, bool jumps)
    {
        var simple = SimpleStatements(loopDepth, jumps);
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
    public void RandomBodiesBehaveTheSameThroughBothLowerings() =>
        Program.Array[Cases].Sample(
            programs => RandomDifferentialRunner.CheckAll(programs, "int x = 0;", "x"),
            iter: 1, threads: 1, print: programs => $"{programs.Length} programs");
}
