using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs in the spirit of the C# compiler's own async code generation tests: where an await sits
// inside an expression or a statement header decides what is evaluated before it, what is spilled across it and what
// is read again after it. Each program makes the difference observable: the helpers log, and the state they change
// while the program is suspended shows whether a value was captured or a location re-read.
public static partial class Programs
{
    private static int s_level;
    private static int[] s_slots = new int[3];
    private static Vector[] s_vectors = new Vector[2];
    private static Vector s_vector;
    private static Ledger s_ledger = new("first");

    public struct Vector
    {
        public int X;
        public int Y;

        public void Shift(int dx)
        {
            X += dx;
            Trace.Log($"shift {dx} to {X}");
        }
    }

    public sealed class Ledger
    {
        private readonly string _name;
        private int _total;

        public Ledger(string name) => _name = name;

        public int Total
        {
            get
            {
                Trace.Log($"{_name} total get {_total}");
                return _total;
            }
            set
            {
                Trace.Log($"{_name} total set {value}");
                _total = value;
            }
        }

        public string Note { get; set; } = "";

        public List<int> Entries { get; } = new();

        public Vector Position;

        public Ledger? Next { get; set; }

        public int Add(int amount)
        {
            Trace.Log($"{_name} add {amount}");
            _total += amount;
            return _total;
        }

        public override string ToString() => $"{_name}:{_total}:{Note}:{string.Join(",", Entries)}:{Position.X},{Position.Y}";
    }

    private static void Raise(ref int target, int amount)
    {
        Trace.Log($"raise {target} by {amount}");
        target += amount;
    }

    private static int Named(int first, int second)
    {
        Trace.Log($"named {first} {second}");
        return first * 10 + second;
    }

    private static int Total(params int[] values)
    {
        Trace.Log($"total of {values.Length}");
        return values.Sum();
    }

    /// <summary>Sets <see cref="s_level"/> while its caller is suspended.</summary>
    private static async Coroutine<int> SetLevelThen(int level, int value)
    {
        await Loop.Sleep(1);
        s_level = level;
        Trace.Log($"level set to {level}");
        return value;
    }

    /// <summary>Replaces the static arrays, the static struct and the static ledger while its caller is suspended.</summary>
    private static async Coroutine<int> ReplaceStorageThen(int value)
    {
        await Loop.Sleep(1);
        s_slots = new int[3];
        s_vectors = new Vector[2];
        s_vector.X = 1000;
        s_ledger = new Ledger("second");
        Trace.Log("storage replaced");
        return value;
    }

    private static async Coroutine<Resource> OpenLater(string name)
    {
        await Loop.Sleep(0.5);
        return new Resource(name);
    }

    private static async Coroutine<Resource> FailToOpen(string name)
    {
        await Loop.Sleep(0.5);
        throw new InvalidOperationException($"cannot open {name}");
    }

    private static async Coroutine<List<int>> ListLater(params int[] values)
    {
        await Loop.Sleep(0.5);
        Trace.Log($"list of {values.Length}");
        return new List<int>(values);
    }

    private static async Coroutine<Ledger?> LedgerLater(string? name)
    {
        await Loop.Yield();
        Trace.Log($"ledger {name ?? "null"}");
        return name is null ? null : new Ledger(name);
    }

    [Coroutine]
    public static async Coroutine<string> RefArgumentToStaticFieldChangedDuringAwait()
    {
        s_level = 1;
        // the reference is taken first, the value behind it is read by the callee after the await
        Raise(ref s_level, await SetLevelThen(50, 3));
        return $"level {s_level}";
    }

    [Coroutine]
    public static async Coroutine<string> RefArgumentToStructFieldInReplacedArray()
    {
        s_vectors = new Vector[2];
        var original = s_vectors;
        Raise(ref s_vectors[Side("index", 1)].Y, await ReplaceStorageThen(4));
        return $"original {original[1].Y} current {s_vectors[1].Y}";
    }

    [Coroutine]
    public static async Coroutine<int> NestedAwaitsInArguments() =>
        Sum3(await Child("outer", 1, await Child("inner", 1, 2)), Side("middle", await Child("in side", 0.5, 3)), await Child("last", 0.5, Side("deep", 4)));

    [Coroutine]
    public static async Coroutine<int> NamedArgumentsOutOfOrderWithAwaits()
    {
        // arguments run in the order they are written, not in the order of the parameters
        int a = Named(second: await Child("second", 1, 2), first: Side("first", 1));
        int b = Named(second: Side("second again", 4), first: await Child("first again", 1, 3));
        return a * 100 + b;
    }

    [Coroutine]
    public static async Coroutine<int> ParamsArrayWithAwaits() =>
        Total(Side("one", 1), await Child("two", 1, 2), Side("three", 3), await Child("four", 0.5, 4)) + Total();

    [Coroutine]
    public static async Coroutine<string> AwaitsInArrayInitializers()
    {
        int[] flat = { Side("a", 1), await Child("b", 1, 2), Side("c", 3) };
        int[,] grid = { { await Child("g00", 0.5, 4), Side("g01", 5) }, { 6, 7 } };
        int[][] jagged = { new[] { await Child("j0", 0.5, 8) }, new[] { Side("j1", 9), await Child("j2", 0.5, 10) } };
        var sized = new int[await Child("length", 0.5, 2)];
        sized[Side("s1", 1)] = await Child("s1", 0.5, 12);
        return $"{string.Join(",", flat)} {grid[0, 0]}{grid[0, 1]}{grid[1, 0]}{grid[1, 1]} {jagged[0][0]},{jagged[1][0]},{jagged[1][1]} {string.Join(",", sized)}";
    }

    [Coroutine]
    public static async Coroutine<string> AwaitsInObjectInitializers()
    {
        var ledger = new Ledger(Side("name", 1) + "L")
        {
            Total = await Child("total", 1, 5),
            Note = Side("note", 2) + "n",
            Entries = { Side("e0", 7), await Child("e1", 0.5, 8) },
            Position = { X = await Child("x", 0.5, 3), Y = Side("y", 4) },
            Next = new Ledger("next") { Total = await Child("next total", 0.5, 9) },
        };
        var map = new Dictionary<string, int> { ["a"] = await Child("map a", 0.5, 1), ["b"] = Side("map b", 2) };
        return $"{ledger} next {ledger.Next} map {map["a"]}{map["b"]}";
    }

    [Coroutine]
    public static async Coroutine<string> AwaitsAfterConditionalAccess()
    {
        Ledger? missing = null;
        var present = new Ledger("here");
        int? skipped = missing?.Add(await Child("never runs", 1, 1));
        int? added = present?.Add(await Child("runs", 1, 2));
        int? chained = present!.Next?.Add(await Child("never either", 1, 3));
        string? fromAwaited = (await LedgerLater(null))?.Note;
        int? fromAwaitedPresent = (await LedgerLater("made"))?.Add(await Child("made add", 0.5, 4));
        int[]? numbers = Side("numbers", 1) > 0 ? new[] { 10, 20, 30 } : null;
        int? element = numbers?[await Child("index", 0.5, 2)];
        return $"{skipped?.ToString() ?? "null"} {added} {chained?.ToString() ?? "null"} {fromAwaited ?? "null"} {fromAwaitedPresent} {element}";
    }

    [Coroutine]
    public static async Coroutine<string> CompoundAssignmentToStructFields()
    {
        var local = new Vector { X = 1 };
        local.X += await Child("local", 1, 2);
        local.Shift(await Child("shift", 0.5, 3));   // the method changes the local itself, not a copy
        var ledger = new Ledger("fields");
        ledger.Position.Y -= await Child("field of field", 0.5, 4);
        s_vector = new Vector { X = 5 };
        s_vector.X += await ReplaceStorageThen(6);   // read before the await, written after it: the replacement is overwritten
        s_vectors = new Vector[2];
        var original = s_vectors;
        s_vectors[Side("element", 0)].X *= 3 + await ReplaceStorageThen(1);
        return $"local {local.X} ledger {ledger.Position.Y} static {s_vector.X} original {original[0].X} current {s_vectors[0].X}";
    }

    [Coroutine]
    public static async Coroutine<string> CompoundAssignmentWhoseReceiverIsReplaced()
    {
        s_ledger = new Ledger("first");
        var first = s_ledger;
        s_ledger.Total += await ReplaceStorageThen(7);   // the receiver was fixed before the await
        s_slots = new int[3];
        var slots = s_slots;
        s_slots[Side("slot", 2)] += await ReplaceStorageThen(8);
        return $"{first} {s_ledger} {slots[2]} {s_slots[2]}";
    }

    [Coroutine]
    public static async Coroutine<string> AwaitsInUsingHeaders()
    {
        using (var first = await OpenLater("first"))
        {
            Trace.Log("inside first");
        }
        using (await OpenLater("unnamed"))
        {
            await Loop.Yield();
            Trace.Log("inside unnamed");
        }
        await using (var asynchronous = await OpenLater("asynchronous"))
        {
            await Loop.Sleep(0.5);
        }
        try
        {
            using (var never = await FailToOpen("never"))
            {
                Trace.Log("never inside");
            }
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        using var declared = await OpenLater("declared");
        await Loop.Yield();
        return "done";
    }

    [Coroutine]
    public static async Coroutine<int> AwaitsInForEachHeaders()
    {
        int total = 0;
        foreach (var value in await ListLater(1, 2, 3))
        {
            await Loop.Yield();
            total = total * 10 + value;
        }
        foreach (var value in (await ListLater(4, 5)).Select(v => v * Side("factor", 2)))
            total += value;
        await foreach (var value in Numbers(await Child("count", 0.5, 3)))
        {
            await Loop.Sleep(0.25);
            total += value * 100;
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<string> AwaitsInNestedCatchAndFinally()
    {
        var log = new List<string>();
        try
        {
            try
            {
                await Fail("inner", 0.5);
            }
            catch (InvalidOperationException e)
            {
                log.Add(e.Message + " " + await Child("in catch", 0.5, 1));
                try
                {
                    throw new ArgumentException("from catch");
                }
                finally
                {
                    log.Add("nested finally " + await Child("in nested finally", 0.5, 2));
                }
            }
            finally
            {
                await Loop.Sleep(0.5);
                log.Add("outer finally");
            }
        }
        catch (ArgumentException e)
        {
            await Loop.Yield();
            log.Add(e.Message);
        }
        return string.Join("; ", log);
    }

    [Coroutine]
    public static async Coroutine<string> RethrowAfterAwaitInCatchKeepsException()
    {
        try
        {
            try
            {
                await Fail("original", 0.5);
            }
            catch (InvalidOperationException)
            {
                await Child("before rethrow", 0.5, 1);
                throw;
            }
            return "not thrown";
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    [Coroutine]
    public static async Coroutine<int> ReturnValueFixedBeforeAwaitingFinally()
    {
        int x = 1;
        try
        {
            return Side("returned", x * 10);
        }
        finally
        {
            x = await Child("finally changes x", 1, 99);
            Trace.Log($"x is {x}");
        }
    }

    [Coroutine]
    public static async Coroutine<string> ExceptionFromFinallyAfterAwaitReplacesReturn()
    {
        try
        {
            try
            {
                return "not returned";
            }
            finally
            {
                await Loop.Sleep(0.5);
                throw new InvalidOperationException("from finally");
            }
        }
        catch (InvalidOperationException e)
        {
            return await Child("handled", 0.5, 1) + e.Message;
        }
    }

    [Coroutine]
    public static async Coroutine<string> AwaitsInConditionalOperatorsInsideArguments()
    {
        bool yes = Side("yes", 1) == 1;
        int c = Sum3(yes ? Side("taken", 1) : await Child("not taken", 1, 2), !yes ? 3 : await Child("taken child", 1, 4), Side("last", 5));
        string? name = null;
        string text = (name ?? await ChildText("fallback", 0.5, "f")) + (await ChildText("left", 0.5, "l") ?? Side("never", 0).ToString());
        return $"{c} {text}";
    }
}
