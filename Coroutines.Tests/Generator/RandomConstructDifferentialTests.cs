using CsCheck;

namespace Coroutines.Tests.Generator;

/// <summary>
/// Random differential testing of the constructs the generator desugars or spills: foreach over arrays, lists,
/// multi-dimensional arrays and a mutable struct enumerator, await foreach over an enumerator whose MoveNextAsync and
/// DisposeAsync suspend; using and await using (statements and declarations), gotos out of using and foreach;
/// switch statements with patterns, when clauses, goto case and goto default; checked and unchecked code; ref
/// arguments to array elements before an awaiting argument; catch filters that log or assign the catch variable;
/// try/finally in loops left by break and continue; lambdas capturing loop locals; compound assignments to array
/// elements and properties, ??=, string interpolation and deconstruction with awaits on the right; a local assigned
/// inside a later awaited operand, deconstruction targets with side effects and multi-dimensional initializer rows. Every body awaits
/// inside each of these constructs, and each construct carries a marker so the test can show it was generated.
/// </summary>
[NonParallelizable]
public class RandomConstructDifferentialTests
{
    private const int Cases = 400;

    private static readonly string[] Constructs =
    {
        "foreach-array", "foreach-list", "foreach-multidimensional", "foreach-struct-enumerator", "await-foreach",
        "goto-out-of-using", "goto-out-of-foreach",
        "using", "using-declaration", "await-using", "await-using-declaration",
        "switch-int", "switch-string", "checked", "unchecked", "checked-overflow",
        "ref-array-element", "catch-filter-logs", "catch-filter-assigns", "finally-in-for", "finally-in-while",
        "lambda-in-for", "lambda-in-foreach", "compound-array-element", "compound-property", "coalesce-assign",
        "interpolation", "deconstruction", "local-assigned-in-awaited-operand", "deconstruction-side-effect-targets",
        "multidimensional-initializer",
    };

    private static string Mark(string construct) =>
        Array.IndexOf(Constructs, construct) >= 0 ? $"/*{construct}*/" : throw new ArgumentException($"unknown construct {construct}", nameof(construct));

    private const string Locals = "int x = 0; int[] a = { 1, 2, 3 }; string? s = null; Cells = new int[3]; s_property = 0;";

    private const string Result = "x + a[0] + a[1] * 3 + a[2] * 7 + (s?.Length ?? 0) * 11 + Cells[0] + Cells[1] * 13 + s_property * 17";

    /// <summary>An await that opens the body of each construct, so that every construct suspends inside.</summary>
    private static readonly Gen<string> Suspend = Gen.OneOf(
        Gen.Const("await Loop.Yield();"),
        Gen.Int[1, 2].Select(n => $"await Loop.Sleep({n * 0.25:0.0#});"),
        Gen.Int[1, 5].Select(n => $"x += await Child({n});"));

    private static Gen<string> Leaves(int loopDepth, bool jumps) => Gen.Frequency(
        (6, RandomDifferentialTests.SimpleStatements(loopDepth, jumps)),
        (6, Gen.OneOf(
            Gen.Int[1, 9].Select(n => $"{Mark("ref-array-element")}AddTo(ref a[x & 1], await Child({n}));"),
            Gen.Int[1, 9].Select(n => $"{Mark("ref-array-element")}AddTo(ref Cells[Idx(x & 1)], await ReplaceCells({n}));"),
            Gen.Int[1, 9].Select(n => $"{Mark("compound-array-element")}a[x & 1] += await Child({n});"),
            Gen.Int[1, 9].Select(n => $"{Mark("compound-array-element")}a[Idx(x & 3)] -= await Loop.Sleep(0.25, {n});"),
            Gen.Int[1, 9].Select(n => $"{Mark("compound-property")}Prop += await Child({n});"),
            Gen.Int[1, 9].Select(n => $"{Mark("compound-property")}Prop *= 1 + await Loop.Sleep(0.25, {n}) % 3;"),
            Gen.Int[1, 9].Select(n => $"{Mark("coalesce-assign")}s ??= await Text({n});"),
            Gen.Select(Gen.Int[1, 9], Gen.Int[0, 2], (n, m) => $"{Mark("coalesce-assign")}if (x % 3 == {m}) s = null; x += (s ??= await Text({n})).Length;"),
            Gen.Int[1, 9].Select(n => $"{Mark("interpolation")}Log($\"i{n} {{x}} {{await Child({n})}} {{s ?? \"none\"}} {{await Text({n})}}\");"),
            Gen.Int[1, 9].Select(n => $"{Mark("interpolation")}s = $\"{{x % 10}}{{await Loop.Sleep(0.25, {n})}}\";"),
            Gen.Int[1, 9].Select(n => $"{Mark("deconstruction")}{{ var (tp, tq) = await Pair({n}); x += tp; Log(tq); }}"),
            Gen.Int[1, 9].Select(n => $"{Mark("deconstruction")}(x, s) = await Pair({n});"),
            Gen.Int[1, 9].Select(n => $"{Mark("deconstruction")}{{ (int tp, string tq) = (await Child({n}), await Text({n})); x += tp; Log(tq); }}"),
            Gen.Int[1, 9].Select(n => $"{Mark("checked-overflow")}try {{ checked {{ x += int.MaxValue - 5 + await Child({n}); }} }} catch (OverflowException) {{ Log(\"overflow\"); }}"),
            Gen.Int[1, 9].Select(n => $"{Mark("unchecked")}unchecked {{ x = (x + int.MaxValue - 5 + await Child({n})) % 1000; }}"),
            Gen.Int[1, 9].Select(n => $"{Mark("local-assigned-in-awaited-operand")}x = x * 2 + await Child(x++ % 7 + {n});"),
            Gen.Int[1, 9].Select(n => $"{Mark("local-assigned-in-awaited-operand")}a[x & 1] = await Child((x += {n}) % 9);"),
            Gen.Int[1, 9].Select(n => $"{Mark("local-assigned-in-awaited-operand")}AddTo(ref a[x & 1], x + await Loop.Sleep(0.25, x = {n}));"),
            Gen.Int[1, 9].Select(n => $"{Mark("deconstruction-side-effect-targets")}(a[Idx(x & 1)], Cells[Idx(2)]) = (await Child({n}), x);"),
            Gen.Int[1, 9].Select(n => $"{Mark("multidimensional-initializer")}{{ int[,] g = {{ {{ Idx(x % 3), {n} }}, {{ Idx(2), await Child({n}) }} }}; x += g[0, 0] + g[1, 1]; }}"))));

    // jumps: whether return/break/continue may appear (C# forbids leaving a finally body with them).
    private static Gen<string> Statements(int depth, int loopDepth, bool jumps)
    {
        var leaves = Leaves(loopDepth, jumps);
        if (depth == 0)
            return leaves;
        var d = depth;
        var inner = Block(depth - 1, loopDepth, jumps);
        var loop = Block(depth - 1, loopDepth + 1, jumps);
        var innerFinally = Block(depth - 1, 0, jumps: false);
        var count = Gen.Int[1, 3];
        return Gen.Frequency(
            (12, leaves),
            (1, Gen.Select(inner, inner, (t, e) => $"if (x % 2 == 0) {{ {t} }} else {{ {e} }}")),
            (1, Gen.Select(Suspend, loop, (w, body) => $"{Mark("foreach-array")}foreach (var v{d} in new[] {{ x % 3, 2, Idx(1) }}) {{ x += v{d}; {w} {body} }}")),
            (1, Gen.Select(Suspend, loop, (w, body) => $"{Mark("foreach-list")}foreach (var v{d} in new List<int> {{ 1, x % 4 }}) {{ {w} x += v{d}; {body} }}")),
            (1, Gen.Select(Suspend, loop, (w, body) => $"{Mark("foreach-multidimensional")}foreach (var v{d} in new int[,] {{ {{ 1, 2 }}, {{ x % 3, 4 }} }}) {{ x += v{d}; {w} {body} }}")),
            (1, Gen.Select(Suspend, loop, (w, body) => $"{Mark("foreach-struct-enumerator")}foreach (var v{d} in new Trio(x % 4)) {{ {w} Log(\"v \" + v{d}); {body} }}")),
            (1, Gen.Select(Suspend, loop, (w, body) => $"{Mark("await-foreach")}await foreach (var v{d} in new Ticks(x % 3 + 1)) {{ x += v{d}; {w} {body} }}")),
            (1, Gen.Select(Suspend, inner, Gen.Int[0, 2], (w, body, n) =>
                $"{Mark("goto-out-of-using")}{{ using (var r{d} = new Res(\"g{d}\")) {{ {w} {body} if (x % 3 == {n}) goto out{d}; Log(\"stayed\"); }} Log(\"not skipped\"); out{d}: x++; }}")),
            (1, Gen.Select(Suspend, inner, Gen.Int[0, 2], (w, body, n) =>
                $"{Mark("goto-out-of-foreach")}{{ foreach (var v{d} in new Trio(x % 4)) {{ {w} {body} if ((x + v{d}) % 3 == {n}) goto out{d}; }} Log(\"not skipped\"); out{d}: x++; }}")),
            (1, Gen.Select(Suspend, inner, (w, body) => $"{Mark("using")}using (var r{d} = new Res(\"u{d}\")) {{ {w} {body} Log(\"in \" + r{d}.Name); }}")),
            (1, Gen.Select(Suspend, inner, (w, body) => $"{Mark("using-declaration")}{{ using var r{d} = new Res(\"d{d}\"); {w} {body} }}")),
            (1, Gen.Select(Suspend, inner, (w, body) => $"{Mark("await-using")}await using (var r{d} = new Res(\"a{d}\")) {{ {w} {body} Log(\"in \" + r{d}.Name); }}")),
            (1, Gen.Select(Suspend, inner, (w, body) => $"{Mark("await-using-declaration")}{{ await using var r{d} = new Res(\"ad{d}\"); {w} {body} }}")),
            (1, Gen.Select(inner, inner, inner, Gen.Int[1, 9], (c0, c1, c2, n) =>
                $"{Mark("switch-int")}switch (x % 6) {{ case 0: {{ Log(\"case 0\"); {c0} }} break; case 1 or 2: Log(\"case 1 or 2\"); x++; goto case 0; " +
                $"case int k{d} when k{d} > 3: x += k{d} + await Child({n}); {{ {c1} }} break; case < 0: Log(\"negative\"); await Loop.Yield(); goto default; " +
                $"default: {{ Log(\"default\"); {c2} }} break; }}")),
            (1, Gen.Select(inner, Gen.Int[1, 9], (c0, n) =>
                $"{Mark("switch-string")}switch (s) {{ case null: s = await Text({n}); break; case {{ Length: > 3 }} l{d}: Log(\"long \" + l{d}); s = null; await Loop.Yield(); break; " +
                $"case \"t1\" or \"t2\": Log(\"short\"); await Loop.Sleep(0.5); goto case null; default: {{ {c0} }} break; }}")),
            (1, Gen.Select(Suspend, inner, (w, body) => $"{Mark("checked")}checked {{ {w} x = x * 2 + 1; {body} }}")),
            (1, Gen.Select(Suspend, inner, (w, body) => $"{Mark("unchecked")}unchecked {{ {w} x = x * 3 + 1; {body} }}")),
            (1, Gen.Select(inner, inner, (t, c) =>
                $"{Mark("catch-filter-logs")}try {{ {t} }} catch (InvalidOperationException e{d}) when (Filter(e{d}.Message, x)) {{ Log(\"logged \" + e{d}.Message); await Loop.Yield(); {c} }}")),
            (1, Gen.Select(inner, inner, (t, c) =>
                $"{Mark("catch-filter-assigns")}try {{ {t} }} catch (InvalidOperationException e{d}) when (Filter(e{d}.Message, x) && (e{d} = new InvalidOperationException(\"swapped \" + e{d}.Message)) is not null) " +
                $"{{ Log(\"caught \" + e{d}.Message); await Loop.Yield(); {c} }}")),
            (1, Gen.Select(count, loop, innerFinally, (n, body, f) =>
                $"{Mark("finally-in-for")}for (int i{d} = 0; i{d} < {n}; i{d}++) {{ try {{ x++; if (x % 3 == 0) break; if (x % 4 == 1) continue; {body} }} finally {{ Log(\"loop finally \" + i{d}); await Loop.Yield(); {f} }} }}")),
            (1, Gen.Select(count, loop, (n, body) =>
                $"{Mark("finally-in-while")}{{ int w{d} = 0; while (w{d}++ < {n}) {{ try {{ {body} if (x % 2 == 0) continue; Log(\"no continue\"); }} finally {{ await Loop.Sleep(0.25); Log(\"while finally\"); }} }} }}")),
            (1, Gen.Select(count, Suspend, loop, (n, w, body) =>
                $"{Mark("lambda-in-for")}{{ var fs{d} = new List<Func<int>>(); for (int i{d} = 0; i{d} < {n}; i{d}++) {{ int c{d} = x * 10 + i{d}; fs{d}.Add(() => c{d} + i{d}); {w} {body} c{d}++; }} foreach (var f{d} in fs{d}) x += f{d}(); }}")),
            (1, Gen.Select(Suspend, loop, (w, body) =>
                $"{Mark("lambda-in-foreach")}{{ Func<int>? last{d} = null; foreach (var v{d} in new[] {{ 1, 2, 3 }}) {{ last{d} = () => v{d} * 100 + x; {w} {body} }} x += last{d}?.Invoke() ?? 0; }}")));
    }

    private static Gen<string> Block(int depth, int loopDepth, bool jumps = true) =>
        Statements(depth, loopDepth, jumps).Array[1, 4].Select(items => string.Join(" ", items));

    // These bodies run for longer than the ones of RandomDifferentialTests: most run to their end, the others are
    // cancelled anywhere in their first 16 s (the runner cancels at 0.4 s times the number).
    private static readonly Gen<(string Body, int CancelAt)> Program =
        Gen.Select(Block(2, 0), Gen.Frequency((3, Gen.Const(-1)), (2, Gen.Int[0, 40])), (body, cancel) => (body, cancel));

    [Test]
    public void RandomBodiesWithDesugaredConstructsBehaveTheSameThroughBothLowerings() =>
        Program.Array[Cases].Sample(programs =>
        {
            var counts = Constructs.ToDictionary(c => c, c => programs.Sum(p => Occurrences(p.Body, Mark(c))));
            TestContext.Out.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
            Assert.That(counts.Where(c => c.Value == 0).Select(c => c.Key), Is.Empty, "constructs the random bodies never contained");
            RandomDifferentialRunner.CheckAll(programs, Locals, Result);
        }, iter: 1, threads: 1, print: programs => $"{programs.Length} programs");

    private static int Occurrences(string text, string marker)
    {
        int count = 0;
        for (int at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
