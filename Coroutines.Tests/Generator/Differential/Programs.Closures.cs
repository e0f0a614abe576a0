using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs: lambdas and local functions capturing variables of loops that await (each iteration has
// its own variables, a for loop one set for the whole loop), and instance coroutines of structs.
public static partial class Programs
{
    // A backward goto inside a block does not enter the block again: C# keeps one variable, so every lambda sees the last copy.
    [Coroutine]
    public static async Coroutine<int> LambdasCapturingAVariableOfAGotoLoop()
    {
        var actions = new List<Func<int>>();
        int i = 0;
    again:
        Trace.Log($"pass {i}");
        int copy = i * 10;
        actions.Add(() => copy);
        await Loop.Yield();
        if (++i < 3)
            goto again;
        foreach (var action in actions)
            Trace.Log($"captured {action()}");
        return actions.Count;
    }

    [Coroutine]
    public static async Coroutine<int> ForEachLambdasInvokedAfterLoop()
    {
        var actions = new List<Func<string>>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            int length = name.Length * 10;
            actions.Add(() => $"{name}:{length}");
            await Loop.Sleep(1);
            length++;   // seen by this iteration's lambda only
            Trace.Log($"iteration {name} {actions[^1]()}");
        }
        foreach (var action in actions)
            Trace.Log(action());
        return actions.Count;
    }

    [Coroutine]
    public static async Coroutine<int> LambdaMutatesCapturedAcrossAwait()
    {
        var bumps = new List<Action>();
        int round = 0;
        while (round < 3)
        {
            int count = round * 100;
            Action bump = () => count += 1;
            bumps.Add(bump);
            bump();
            await Loop.Yield();
            Trace.Log($"round {round} count {count}");
            count += 10;
            await Loop.Sleep(0.5);
            bump();
            Trace.Log($"round {round} after {count}");
            round++;
        }
        int total = 0;
        foreach (var b in bumps)
            b();
        var readers = new List<Func<int>>();
        for (int i = 0; i < 2; i++)
        {
            int seen = i;
            readers.Add(() => seen + total);
            await Loop.Yield();
            total += 5;
        }
        foreach (var reader in readers)
            Trace.Log($"reader {reader()}");
        return total;
    }

    [Coroutine]
    public static async Coroutine<string> ForLoopVariableIsOnePerLoop()
    {
        var fromFor = new List<Func<int>>();
        var perPass = new List<Func<string>>();
        for (int i = 0; i < 3; i++)
        {
            fromFor.Add(() => i);   // one i for the whole loop: all see 3 afterwards
            await Loop.Yield();
        }
        foreach (var tag in new[] { "x", "y" })
        {
            for (int j = 0; j < 2; j++)   // a new j each time the foreach body runs the for loop
            {
                perPass.Add(() => $"{tag}{j}");
                await Loop.Yield();
            }
        }
        Trace.Log(string.Join(",", fromFor.Select(f => f())));
        Trace.Log(string.Join(",", perPass.Select(f => f())));
        return string.Join("", perPass.Select(f => f()));
    }

    [Coroutine]
    public static async Coroutine<int> LocalFunctionCapturingIterationVariables()
    {
        var later = new List<Func<int>>();
        int sum = 0;
        foreach (var n in new[] { 1, 2, 3 })
        {
            int scale = 10;
            int Scaled(int extra) => n * scale + extra;
            int Twice() => Scaled(0) * 2;
            Trace.Log($"before {Scaled(1)}");
            await Loop.Sleep(1);
            scale = 100;
            Trace.Log($"after {Scaled(2)} {Twice()}");
            later.Add(() => Twice());
            Func<int> direct = Twice;   // a delegate of the local function binds this iteration, too
            later.Add(direct);
            later.Add(Twice);
            sum += Scaled(0);
        }
        foreach (var f in later)
            Trace.Log($"later {f()}");
        return sum;
    }

    [Coroutine]
    public static async Coroutine<int> AsyncLambdasCapturingIterationVariables()
    {
        var pending = new List<Func<Coroutine<int>>>();
        foreach (var delay in new[] { 0.5, 1.5 })
        {
            int id = (int)(delay * 10);
            Func<Coroutine<int>> run = async () =>
            {
                await Loop.Sleep(delay);
                Trace.Log($"async lambda {id} after {delay}");
                return id;
            };
            pending.Add(run);
            int now = await run();
            id += 100;
            Trace.Log($"awaited {now}, id now {id}");
        }
        int total = 0;
        foreach (var run in pending)
            total += await run();
        return total;
    }

    [Coroutine]
    public static async Coroutine<int> ClosuresInAwaitOperandsAndConditions()
    {
        var seen = new List<int>();
        var checks = new List<Func<bool>>();
        foreach (var limit in new[] { 2, 3 })
        {
            int k = 0;
            while (seen.Count(v => v >= limit * 10) < limit)
            {
                k++;
                seen.Add(await Compute(() => limit * 10 + k));
            }
            checks.Add(() => k == limit);
            if (seen.Any(v => v > limit * 10 + 1))
                await Loop.Yield();
            Trace.Log($"limit {limit}: {string.Join(",", seen)}");
            seen.Clear();
            for (int j = 0; j < limit; j++)
                seen.Add(limit);
        }
        return checks.Count(c => c());

        static async Coroutine<int> Compute(Func<int> make)
        {
            await Loop.Yield();
            return make();
        }
    }

    [Coroutine]
    public static async Coroutine<int> ClosuresWithExceptionsAndFinally()
    {
        var handlers = new List<Func<string>>();
        int attempt = 0;
        do
        {
            string label = $"attempt {attempt}";
            try
            {
                handlers.Add(() => $"{label} registered");
                await Loop.Sleep(1);
                if (attempt % 2 == 0)
                    throw new InvalidOperationException(label);
                label += " ok";
            }
            catch (InvalidOperationException e)
            {
                await Loop.Yield();
                label += " caught " + e.Message;
                handlers.Add(() => $"{label} from catch");
            }
            finally
            {
                await Loop.Yield();
                Trace.Log($"finally {label}");
            }
            attempt++;
        }
        while (attempt < 3);
        foreach (var handler in handlers)
            Trace.Log(handler());
        Func<int> boom = () => throw new ArgumentException("from a lambda " + handlers.Count);
        foreach (var ignored in handlers)
        {
            await Loop.Yield();
            return boom();
        }
        return -1;
    }

    [Coroutine]
    public static async Coroutine<string> NestedLoopsBlocksAndSwitchesCapturing()
    {
        var made = new List<Func<string>>();
        var source = new Queue<int>(new[] { 1, 2, 3 });
        while (await Next(source) is int value)   // awaits only in the condition: the body's locals stay per iteration
        {
            int doubled = value * 2;
            made.Add(() => $"w{doubled}");
        }
        foreach (var outer in new[] { "p", "q" })
        {
            foreach (var inner in new[] { 1, 2 })
            {
                if (inner == 2)
                {
                    string both = outer + inner;
                    await Loop.Yield();
                    made.Add(() => $"{both}/{outer}/{inner}");
                    both += "!";
                }
                switch (inner)
                {
                    case 1:
                        int tag = inner * 7;
                        await Loop.Sleep(0.25);
                        made.Add(() => $"case{tag}{outer}");
                        tag++;
                        break;
                    default:
                        made.Add(() => $"default{outer}{inner}");
                        break;
                }
            }
        }
        return string.Join(" ", made.Select(m => m()));

        static async Coroutine<int?> Next(Queue<int> queue)
        {
            await Loop.Yield();
            return queue.Count > 0 ? queue.Dequeue() : null;
        }
    }

    [Coroutine]
    public static async Coroutine<int> CancelledWhileLambdasHoldIterations()
    {
        var saved = new List<Func<string>>();
        try
        {
            foreach (var step in new[] { "one", "two", "three" })
            {
                var text = step.ToUpperInvariant();
                saved.Add(() => text);
                await Loop.Sleep(1);
                text += "!";
                Trace.Log($"slept {step}");
            }
        }
        finally
        {
            Trace.Log("saved " + string.Join(",", saved.Select(s => s())));
        }
        return saved.Count;
    }

    [Coroutine]
    public static async Coroutine<string> ClosureOverUsingAndOutVariables()
    {
        var reads = new List<Func<string>>();
        foreach (var key in new[] { "7", "x", "12" })
        {
            using var resource = new Resource(key);
            bool ok = int.TryParse(key, out var parsed);
            reads.Add(() => $"{key}={ok}/{parsed}/{resource.GetType().Name}");
            await Loop.Yield();
            parsed *= 2;
        }
        return string.Join(";", reads.Select(r => r()));
    }

    [Coroutine]
    public static async Coroutine<string> DriveTally(bool generated)
    {
        var tally = new CounterStruct("t");
        // explicit types: the generator does not see other generated entry points' signatures
        Coroutine<int> counting = generated ? tally.CountToAsync(3) : tally.CountTo(3);
        tally.Count = 1000;   // after the call: the coroutine already holds its own copy
        int result = await counting;
        Trace.Log($"caller sees {tally.Count}, coroutine returned {result}");
        return $"{tally.Count}/{result}";
    }

    [Coroutine]
    public static async Coroutine<string> DriveFrozenPoint(bool generated)
    {
        var point = new FrozenPoint(3, 4);
        Coroutine<double> lengthOf = generated ? point.LengthAfterAsync(1) : point.LengthAfter(1);
        double length = await lengthOf;
        Coroutine<FrozenPoint> moving = generated ? point.MovedAsync(2) : point.Moved(2);
        FrozenPoint moved = await moving;
        return $"{length} {moved}";
    }

    [Coroutine]
    public static async Coroutine<string> DriveScore(bool generated)
    {
        var score = new Score("ann", 1);
        Coroutine<int> playing = generated ? score.PlayAsync(3) : score.Play(3);
        int final = await playing;
        return $"{score} {final}";
    }

    [Coroutine]
    public static async Coroutine<int> DriveTallyFailure(bool generated)
    {
        var tally = new CounterStruct("f");
        try
        {
            Coroutine<int> failing = generated ? tally.FailAfterAsync(2) : tally.FailAfter(2);
            return await failing;
        }
        finally
        {
            Trace.Log($"caller count {tally.Count}");
        }
    }
}

/// <summary>A mutable struct with instance coroutines: they work on a copy of the value they are called on.</summary>
public partial struct CounterStruct
{
    public int Count;
    private readonly string _name;

    public CounterStruct(string name)
    {
        _name = name;
        Count = 0;
    }

    private void Bump() => Count += 10;

    [Coroutine]
    public async Coroutine<int> CountTo(int limit)
    {
        Trace.Log($"{_name} starts at {Count}");
        for (int i = 0; i < limit; i++)
        {
            Count++;
            await Loop.Yield();
            Trace.Log($"{_name} {Count}");
        }
        Bump();
        var copy = this;
        copy.Count = -1;
        await Loop.Sleep(1);
        Trace.Log($"{_name} after bump {Count}, copy {copy.Count}");
        int before = Count;
        Func<int> read = () => before;
        this.Count += 5;
        return read() + Count;
    }

    [Coroutine]
    public async Coroutine<int> FailAfter(int steps)
    {
        try
        {
            while (true)
            {
                Count++;
                await Loop.Sleep(1);
                if (Count >= steps)
                    throw new InvalidOperationException($"{_name} failed at {Count}");
            }
        }
        finally
        {
            Trace.Log($"{_name} finally {Count}");
        }
    }
}

/// <summary>A readonly struct: the coroutine reads its copy and builds new values.</summary>
public readonly partial struct FrozenPoint
{
    public FrozenPoint(double x, double y)
    {
        X = x;
        Y = y;
    }

    public double X { get; }

    public double Y { get; }

    [Coroutine]
    public async Coroutine<double> LengthAfter(double delay)
    {
        await Loop.Sleep(delay);
        return Math.Sqrt(X * X + Y * Y);
    }

    [Coroutine]
    public async Coroutine<FrozenPoint> Moved(double by)
    {
        await Loop.Yield();
        Trace.Log($"moving {this}");
        return new FrozenPoint(X + by, Y + by);
    }

    public override string ToString() => $"({X}, {Y})";
}

/// <summary>A record struct with a mutable property: mutations stay inside the coroutine's copy.</summary>
public partial record struct Score(string Player, int Points)
{
    [Coroutine]
    public async Coroutine<int> Play(int rounds)
    {
        for (int round = 0; round < rounds; round++)
        {
            Points += round + 1;
            await Loop.Sleep(0.5);
            Trace.Log($"{this}");
        }
        var before = this with { Points = 0 };
        await Loop.Yield();
        Trace.Log($"before {before}, now {this}");
        return Points;
    }
}

/// <summary>The base of <see cref="Shop"/>: virtual members that the derived coroutines reach with <c>base.</c>.</summary>
public class ShopBase
{
    protected int Stock = 5;
    private readonly Dictionary<string, int> _prices = new() { ["apple"] = 3, ["pear"] = 4 };

    public virtual string Describe(string item, int count = 1) => $"base {count} {item}";

    public virtual int Capacity { get; set; } = 10;

    public virtual int this[string item] => _prices[item];

    public virtual T Echo<T>(T value) where T : notnull
    {
        Trace.Log($"base echo {value}");
        return value;
    }

    public virtual Coroutine<int> Restock(int amount) => RestockCore(amount);

    private async Coroutine<int> RestockCore(int amount)
    {
        await Loop.Sleep(1);
        Stock += amount;
        Trace.Log($"base restock {amount} -> {Stock}");
        return Stock;
    }

    public virtual void Check(int count)
    {
        if (count > Stock)
            throw new InvalidOperationException($"base check: {count} > {Stock}");
        Trace.Log($"base check {count} ok");
    }
}

/// <summary>Overrides every member and calls the base versions from coroutines.</summary>
public partial class Shop : ShopBase
{
    public override string Describe(string item, int count = 1) => "shop " + base.Describe(item, count);

    public override int Capacity { get => base.Capacity * 2; set => base.Capacity = value + 1; }

    public override int this[string item] => base[item] * 100;

    public override T Echo<T>(T value)
    {
        Trace.Log($"shop echo {value}");
        return base.Echo(value);
    }

    public override Coroutine<int> Restock(int amount) => base.Restock(amount * 1000);

    public override void Check(int count) => Trace.Log("shop check skipped");

    [Coroutine]
    public async Coroutine<string> Sell(string item, int count)
    {
        Trace.Log(base.Describe(item) + " / " + Describe(item));
        await Loop.Yield();
        Trace.Log(base.Describe(item, count) + " at " + base[item] + " vs " + this[item]);
        base.Capacity += count;
        Trace.Log($"capacity {base.Capacity} vs {Capacity}");
        int stock = await base.Restock(count);
        Trace.Log($"echo {base.Echo(item)} {base.Echo(stock)}");
        Func<string> later = () => base.Describe(item, base.Stock);
        await Loop.Sleep(1);
        base.Stock -= count;
        return later();
    }

    [Coroutine]
    public async Coroutine<int> CheckAll(int[] counts)
    {
        int checkedCount = 0;
        try
        {
            foreach (var count in counts)
            {
                await Loop.Sleep(0.5);
                base.Check(count);
                Check(count);
                checkedCount++;
            }
        }
        finally
        {
            Trace.Log($"checked {checkedCount}, stock {base.Stock}");
        }
        return checkedCount;
    }
}
