using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs: operands evaluated before an await whose value the await's own operand (or a later operand)
// changes, targets of deconstructions, multi-dimensional array initializers and collection expressions with spreads.
public static partial class Programs
{
    private static void Put(ref int target, int value) => target = value;

    private static IEnumerable<int> Enumerated(string name, params int[] values)
    {
        foreach (int value in values)
        {
            Trace.Log($"enumerate {name} {value}");
            yield return value;
        }
    }

    private static async Coroutine<int> RunDuringAwait(Action action, int result)
    {
        await Loop.Yield();
        action();
        return result;
    }

    [Coroutine]
    public static async Coroutine<string> LocalAssignedInsideALaterAwaitedOperand()
    {
        int i = 1;
        int sum = i + await Child("c", 1, i++ * 10);
        int j = 1;
        int arguments = Sum3(j, await Child("d", 1, j = 5), j);
        int k = 2;
        int chain = k * 3 + k + await Child("e", 1, k += 10) + k;
        return $"{sum} {arguments} {chain}";
    }

    [Coroutine]
    public static async Coroutine<string> LocalAssignedInsideALaterAwaitedOperandOfOtherConstructs()
    {
        int i = 1;
        string interpolated = $"{i}-{await Child("a", 1, i++)}-{i}";
        var tuple = (i, await Child("b", 1, i = 7));
        var list = new List<int>(i) { await Child("c", 1, i = 0) };
        string text = "x";
        string inserted = text.Insert(0, (await Child("d", 1, (text = "yy").Length)).ToString());
        int sum = 1;
        sum += await Child("e", 1, sum = 20);
        return $"{interpolated} {tuple} {list.Capacity} {inserted} {sum}";
    }

    [Coroutine]
    public static async Coroutine<string> LocalIndexAssignedInsideALaterAwaitedOperand()
    {
        var cells = new int[4];
        int i = 0;
        cells[i] = await Child("a", 1, i++ + 5);
        cells[i] += await Child("b", 1, i++ + 6);
        Put(ref cells[i], await Child("c", 1, i++ + 7));
        var other = new int[4];
        var current = cells;
        current[3] = await Child("d", 1, (current = other).Length);
        return string.Join(",", cells) + " " + string.Join(",", other);
    }

    [Coroutine]
    public static async Coroutine<int> CapturedLocalAssignedInsideALaterAwaitedOperand()
    {
        int captured = 1;
        Func<int> read = () => captured;
        int result = captured + await Child("cap", 0.5, captured = 50);
        return result * 1000 + read();
    }

    [Coroutine]
    public static async Coroutine<int> LocalAssignedByALambdaDuringTheAwait()
    {
        int shared = 1;
        Action bump = () => shared = 40;
        int result = shared + await RunDuringAwait(bump, 2);
        return result * 100 + shared;
    }

    private struct Counted
    {
        public int Count;

        public int Bump() => ++Count;
    }

    private static string Show(Counted counted, int value) => $"{counted.Count}/{value}";

    [Coroutine]
    public static async Coroutine<string> LocalChangedByAMethodOrLocalFunctionInsideALaterAwaitedOperand()
    {
        var counted = new Counted();
        string shown = Show(counted, await Child("a", 1, counted.Bump()));
        int local = 1;
        int Increase() => local += 5;
        int viaFunction = local + await Child("b", 1, Increase());
        return $"{shown} {viaFunction} {counted.Count} {local}";
    }

    [Coroutine]
    public static async Coroutine<string> DeconstructionTargetsEvaluatedBeforeTheAwait()
    {
        var cells = new int[3];
        (cells[Side("first", 0)], cells[Side("second", 1)]) = (await Child("v", 1, 4), 5);
        int i = 2;
        (cells[i], var rest) = (await Child("w", 1, i = 0), 6);
        return string.Join(",", cells) + " " + rest;
    }

    [Coroutine]
    public static async Coroutine<int> MultidimensionalArrayInitializerRowsBeforeTheAwait()
    {
        int[,] grid = { { Side("a", 1), Side("b", 2) }, { Side("c", 3), await Child("d", 1, 4) } };
        var cube = new int[,,] { { { Side("e", 5) }, { await Child("f", 1, 6) } }, { { Side("g", 7) }, { Side("h", 8) } } };
        return grid[0, 1] * 10 + grid[1, 1] + cube[0, 1, 0] * 100 + cube[1, 1, 0] * 1000;
    }

    [Coroutine]
    public static async Coroutine<string> CollectionExpressionWithSpreadAndAwait()
    {
        int[] rest = { 8, 9 };
        int[] values = [Side("a", 1), await Child("b", 0.5, 2), .. rest, Side("c", 3)];
        List<int> list = [Side("d", 5), await Child("e", 0.5, 6), .. Enumerated("after", 7), Side("h", 8)];
        int[] spreadAwaited = [.. await Child("f", 0.5, 2) > 1 ? rest : values, Side("g", 10)];
        return string.Join(",", values) + " " + string.Join(",", list) + " " + string.Join(",", spreadAwaited);
    }
}
