using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs: locals and expressions whose types come from the generated entry points of other types'
// coroutines (XAsync is generated in the same run, so the generator types them through the [Coroutine] method X).
public static partial class Programs
{
    [Coroutine]
    public static async Coroutine<int> VarLocalFromAnotherInstanceEntryPoint()
    {
        var meter = new Meter("m");
        var pending = meter.CountToAsync(3);   // cold: nothing runs until it is awaited
        Trace.Log("created");
        await Loop.Sleep(1);
        var total = await pending;
        Trace.Log($"total {total}");
        var task = Loop.CreateTask(meter.CountToAsync(2));   // runs concurrently from the next iteration
        var again = await meter.CountToAsync(1);
        if (await task is var counted && counted > again)
            Trace.Log($"task counted {counted} after {again}");
        return total * 100 + again * 10 + counted;
    }

    [Coroutine]
    public static async Coroutine<string> VarLocalFromAnotherStaticEntryPoint()
    {
        var label = await Meter.LabelAsync(Side("arg", 4));
        var next = Meter.LabelAsync(label.Length);
        Trace.Log($"label {label}");
        string both = label + await next;
        try
        {
            var failed = await Meter.LabelOrFailAsync(-1);
            Trace.Log($"not reached {failed}");
        }
        catch (InvalidOperationException e)
        {
            var recovered = await Meter.LabelAsync(e.Message.Length);
            both += recovered;
        }
        finally
        {
            var cleanup = Meter.LabelAsync(0);
            Trace.Log($"finally {await cleanup}");
        }
        return both;
    }

    [Coroutine]
    public static async Coroutine<string> VarLocalsFromGenericEntryPoints()
    {
        var pair = await Relay.DelayedAsync((1, "one"), 1);
        var relay = new Relay<string>("r");
        var pendingList = relay.RepeatAsync(pair.Item2, 2);
        var number = await Relay.DelayedAsync<double>(2.5, 0.5);
        var list = await pendingList;
        var explicitType = Relay.DelayedAsync<List<string>>(list, 1);
        var copy = await explicitType;
        Trace.Log($"pair {pair.Item1} {pair.Item2} number {number} list {string.Join(",", list)}");
        return $"{copy.Count}:{number}:{pair}";
    }

    [Coroutine]
    public static async Coroutine<int> VarLocalUsedLaterInSpillingExpression()
    {
        var meter = new Meter("s");
        var first = await meter.CountToAsync(2);
        var pending = Meter.LabelAsync(first);
        int sum = Add(first, await Helpers.Child("c", 1, 5));
        Trace.Log($"sum {sum}");
        string text = Concat(await pending, await Meter.LabelAsync(first + 1));
        Trace.Log(text);
        var later = meter.CountToAsync(1);
        int counted = await Pass(later, await Meter.LabelAsync(first * 100));
        first += await meter.CountToAsync(1) + first;
        return sum * 1000 + counted * 100 + first;
    }

    [Coroutine]
    public static async Coroutine<string> TernaryWithAwaitedEntryPointOfAnotherType()
    {
        var meter = new Meter("t");
        var trace = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            int value = i % 2 == 0 ? await meter.CountToAsync(i + 1) : Side("else", -1);
            string label = i > 0 ? await Meter.LabelAsync(value) : "none";
            var maybe = i == 1 ? await meter.CountToAsync(1) : 0;
            var pick = Check("pick", i != 2) ? Meter.LabelAsync(i) : Meter.LabelAsync(-i);
            trace.Add($"{value}/{label}/{maybe}/{await pick}");
        }
        return string.Join(" ", trace);
    }

    [Coroutine]
    public static async Coroutine<int> CancelledWhileSuspendedInAnotherCoroutine()
    {
        var meter = new Meter("x");
        try
        {
            var pending = meter.CountToAsync(4);
            var count = await pending;
            Trace.Log($"counted {count}");
            var label = await Meter.LabelAsync(count);
            return label.Length;
        }
        catch (CancelledError)
        {
            Trace.Log("cancelled");
            throw;
        }
        finally
        {
            Trace.Log($"finally {meter.Count}");
        }
    }

    private static int Add(int a, int b)
    {
        Trace.Log($"add {a} {b}");
        return a + b;
    }

    private static string Concat(string a, string b) => a + "|" + b;

    private static Coroutine<int> Pass(Coroutine<int> coroutine, string label)
    {
        Trace.Log($"pass {label}");
        return coroutine;
    }
}

/// <summary>A type whose coroutines the programs above call through their generated entry points.</summary>
public partial class Meter
{
    private readonly string _name;

    public Meter(string name) => _name = name;

    public int Count { get; private set; }

    [Coroutine]
    public async Coroutine<int> CountTo(int n)
    {
        try
        {
            for (int i = 0; i < n; i++)
            {
                await Loop.Sleep(1);
                Count++;
                Trace.Log($"{_name} count {Count}");
            }
            return Count;
        }
        finally
        {
            Trace.Log($"{_name} counted to {n}");
        }
    }

    [Coroutine]
    public static async Coroutine<string> Label(int value)
    {
        await Loop.Sleep(0.5);
        Trace.Log($"label {value}");
        return $"#{value}";
    }

    [Coroutine]
    public static async Coroutine<string> LabelOrFail(int value)
    {
        await Loop.Yield();
        if (value < 0)
            throw new InvalidOperationException($"negative {value}");
        return $"#{value}";
    }
}

/// <summary>Generic coroutines called through their generated entry points.</summary>
public static partial class Relay
{
    [Coroutine]
    public static async Coroutine<T> Delayed<T>(T value, double delay)
    {
        await Loop.Sleep(delay);
        Trace.Log($"delayed {value}");
        return value;
    }
}

/// <summary>A generic type with an instance coroutine.</summary>
public partial class Relay<T>
{
    private readonly string _name;

    public Relay(string name) => _name = name;

    [Coroutine]
    public async Coroutine<List<T>> Repeat(T value, int times)
    {
        var list = new List<T>();
        for (int i = 0; i < times; i++)
        {
            await Loop.Yield();
            Trace.Log($"{_name} repeat {value}");
            list.Add(value);
        }
        return list;
    }
}
