using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs: awaits inside expressions (evaluation order), switch statements, foreach loops.
public static partial class Programs
{
    private static int Sum3(int a, int b, int c)
    {
        Trace.Log($"sum3 {a} {b} {c}");
        return a + b + c;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInArguments() =>
        Sum3(Side("a", 1), await Child("b", 1, 2), Side("c", 3));

    [Coroutine]
    public static async Coroutine<int> TwoAwaitsInArguments() =>
        Sum3(await Child("a", 1, 1), Side("b", 2), await Child("c", 1, 3));

    [Coroutine]
    public static async Coroutine<int> AwaitInBinaryOperators()
    {
        int x = Side("left", 10) - await Child("right", 1, 4) * Side("factor", 2);
        return x;
    }

    [Coroutine]
    public static async Coroutine<int> FieldReadBeforeAwait()
    {
        Counter = 1;
        int result = Counter + await IncrementCounterLater();
        Trace.Log($"counter now {Counter}");
        return result;
    }

    private static async Coroutine<int> IncrementCounterLater()
    {
        await Loop.Yield();
        Counter += 100;
        return 5;
    }

    [Coroutine]
    public static async Coroutine<int> CompoundAssignmentReadsFirst()
    {
        Counter = 2;
        Counter += await IncrementCounterLater();
        return Counter;
    }

    [Coroutine]
    public static async Coroutine<bool> ShortCircuitAnd()
    {
        bool a = Check("first", false) && await Child("skipped", 1, 1) > 0;
        bool b = Check("second", true) && await Child("taken", 1, 1) > 0;
        return a || b;
    }

    [Coroutine]
    public static async Coroutine<bool> ShortCircuitOr()
    {
        bool a = Check("first", true) || await Child("skipped", 1, 1) > 0;
        bool b = Check("second", false) || await Child("taken", 1, 1) > 0;
        return a && b;
    }

    [Coroutine]
    public static async Coroutine<int> ConditionalOperator(bool flag)
    {
        int value = flag ? await Child("yes", 1, 1) : Side("no", 2);
        int other = !flag ? await Child("yes2", 1, 3) : await Child("no2", 2, 4);
        return value * 10 + other;
    }

    [Coroutine]
    public static async Coroutine<string> CoalesceWithAwait()
    {
        string? missing = null;
        string present = "here";
        string a = missing ?? (await Child("fallback", 1, 3)).ToString();
        string b = present ?? (await Child("unused", 1, 4)).ToString();
        int? maybe = null;
        int c = maybe ?? await Child("number", 1, 5);
        return a + b + c;
    }

    [Coroutine]
    public static async Coroutine<string> InterpolatedStringWithAwait() =>
        $"a={Side("a", 1)} b={await Child("b", 1, 2)} c={Side("c", 3)}";

    [Coroutine]
    public static async Coroutine<int> ObjectAndCollectionInitializers()
    {
        var list = new List<int> { Side("one", 1), await Child("two", 1, 2), 3 };
        var box = new StrongBox<int> { Value = await Child("value", 1, 7) };
        return list.Sum() + box.Value;
    }

    public sealed class StrongBox<T>
    {
        public StrongBox() => Trace.Log("box created");

        public T Value { get; set; } = default!;
    }

    [Coroutine]
    public static async Coroutine<int> ArrayAndTupleWithAwait()
    {
        int[] values = { Side("x", 1), await Child("y", 1, 2) };
        var pair = (Side("first", 3), await Child("second", 1, 4));
        return values[0] + values[1] + pair.Item1 + pair.Item2;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitAsReceiver()
    {
        string text = (await Child("s", 1, 12345)).ToString();
        return text.Length + (await Child("t", 1, 7)).CompareTo(3);
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInElementAccess()
    {
        int[] data = { 10, 20, 30 };
        data[await Child("index", 1, 1)] = await Child("value", 1, 99);
        return data[1] + data[await Child("i", 0, 2)];
    }

    [Coroutine]
    public static async Coroutine<string> SwitchExpressionGoverningAwait() =>
        await Child("g", 1, 2) switch
        {
            1 => "one",
            2 => "two",
            _ => "many",
        };

    [Coroutine]
    public static async Coroutine<int> CastAndUnary()
    {
        long widened = (long)await Child("w", 1, 5);
        int negated = -await Child("n", 1, 3);
        bool inverted = !(await Child("b", 1, 0) == 0);
        return (int)widened + negated + (inverted ? 1 : 0);
    }

    [Coroutine]
    public static async Coroutine<string> SwitchStatementWithAwaits(int n)
    {
        string result;
        switch (n)
        {
            case 0:
                result = "zero";
                break;
            case 1:
            case 2:
                await Loop.Sleep(n);
                result = "small";
                break;
            case > 10:
                await Loop.Yield();
                return "big";
            default:
                result = "other";
                await Loop.Yield();
                break;
        }
        Trace.Log(result);
        return result;
    }

    [Coroutine]
    public static async Coroutine<string> SwitchCases()
    {
        string all = "";
        foreach (var n in new[] { 0, 2, 11, 5 })
            all += await SwitchStatementWithAwaitsAsync(n) + ";";
        return all;
    }

    [Coroutine]
    public static async Coroutine<string> SwitchOnStringsWithWhen(string key)
    {
        switch (key)
        {
            case "a" when key.Length == 1:
                await Loop.Yield();
                return "A";
            case null:
                return "null";
            case "b":
                await Loop.Sleep(1);
                return "B";
            default:
                return "?";
        }
    }

    [Coroutine]
    public static async Coroutine<string> SwitchStrings()
    {
        string a = await SwitchOnStringsWithWhenAsync("a");
        string b = await SwitchOnStringsWithWhenAsync("b");
        return a + b + await SwitchOnStringsWithWhenAsync("zz");
    }

    [Coroutine]
    public static async Coroutine<int> SwitchWithoutAwaitInsideLoweredLoop()
    {
        int score = 0;
        for (int i = 0; i < 4; i++)
        {
            await Loop.Yield();
            switch (i % 2)
            {
                case 0:
                    score += 10;
                    break;
                default:
                    if (i == 3)
                        continue;
                    score += 1;
                    break;
            }
            Trace.Log($"score {score}");
        }
        return score;
    }

    [Coroutine]
    public static async Coroutine<int> ForEachOverList()
    {
        var items = new List<int> { 1, 2, 3 };
        int sum = 0;
        foreach (var item in items)
        {
            await Loop.Sleep(item);
            sum += item;
        }
        return sum;
    }

    [Coroutine]
    public static async Coroutine<int> ForEachOverArrayWithBreak()
    {
        int sum = 0;
        foreach (int value in new[] { 5, 6, 7, 8 })
        {
            if (value == 8)
                break;
            await Loop.Yield();
            sum += value;
        }
        return sum;
    }

    [Coroutine]
    public static async Coroutine<string> ForEachOverEnumerableDisposes()
    {
        string text = "";
        foreach (var word in Words())
        {
            await Loop.Yield();
            text += word;
            if (word == "b")
                break;
        }
        return text;
    }

    private static IEnumerable<string> Words()
    {
        try
        {
            yield return "a";
            yield return "b";
            yield return "c";
        }
        finally
        {
            Trace.Log("enumerator disposed");
        }
    }

    [Coroutine]
    public static async Coroutine<int> ForEachOverDictionaryStruct()
    {
        var map = new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 };
        int total = 0;
        foreach (var pair in map)
        {
            await Loop.Yield();
            total += pair.Value;
            Trace.Log(pair.Key);
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitForEach()
    {
        int sum = 0;
        await foreach (var n in Numbers(4))
        {
            await Loop.Yield();
            sum += n;
        }
        return sum;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitForEachWithBreak()
    {
        await foreach (var n in Numbers(10))
        {
            if (n == 3)
                return n;
        }
        return -1;
    }

    [Coroutine]
    public static async Coroutine<int> ForEachWithoutAwaitInsideLoweredCode()
    {
        await Loop.Yield();
        int total = 0;
        foreach (var n in new[] { 1, 2, 3 })
            total += n;
        await Loop.Yield();
        return total;
    }

    [Coroutine]
    public static async Coroutine<int> DeconstructionWithAwait()
    {
        var (a, b) = await PairAsync();
        await Loop.Yield();
        return a * b;
    }

    private static async Coroutine<(int, int)> PairAsync()
    {
        await Loop.Yield();
        return (6, 7);
    }

    [Coroutine]
    public static async Coroutine<int> NameofAndAnonymousProjection()
    {
        int count = 4;
        await Loop.Yield();
        Trace.Log(nameof(count) + new { count }.count);
        return count;
    }

    [Coroutine]
    public static async Coroutine<string> StringBuilding()
    {
        var builder = new System.Text.StringBuilder();
        builder.Append(await Child("x", 1, 1)).Append('-').Append(await Child("y", 1, 2));
        return builder.ToString();
    }

    [Coroutine]
    public static async Coroutine<int> NullConditionalReceiverAwait()
    {
        string? text = (await Child("len", 1, 3)) > 2 ? "abc" : null;
        await Loop.Yield();
        return text?.Length ?? 0;
    }

    [Coroutine]
    public static async Coroutine<int> StaticFieldAcrossAwaits()
    {
        Counter = 0;
        for (int i = 0; i < 3; i++)
        {
            Counter += i;
            await Loop.Yield();
        }
        return Counter;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInLambdaIsItsOwn()
    {
        Func<Coroutine<int>> make = async () =>
        {
            await Loop.Yield();
            return 5;
        };
        int value = await make();
        return value + await make();
    }
}
