using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs on what C# evaluates before an await and what after it: assignment targets whose receiver
// is replaced while suspended, struct methods called on static storage, ??= on elements, non-short-circuit
// operators, indexed initializers, with expressions, tuple equality, formatted interpolation, checked conversions,
// conditional access on elements, is/as on awaited values, and tuple element compound assignment.
public static partial class Programs
{
    private static Ledger GetLedger(string name)
    {
        Trace.Log($"get ledger {name}");
        return new Ledger(name);
    }

    private static async Coroutine<bool> ChildFlag(string name, bool value)
    {
        await Loop.Sleep(0.5);
        Trace.Log($"flag {name}");
        return value;
    }

    public record struct Coordinates(int X, int Y);

    [Coroutine]
    public static async Coroutine<string> AssignmentWhoseStaticReceiverIsReplaced()
    {
        s_ledger = new Ledger("first");
        var first = s_ledger;
        s_ledger.Note = "n" + await ReplaceStorageThen(1);
        s_slots = new int[3];
        var slots = s_slots;
        s_slots[1] = await ReplaceStorageThen(2);
        GetLedger("called first").Total = await Child("total", 0.5, 3);
        return $"{first} {s_ledger} {slots[1]} {s_slots[1]}";
    }

    [Coroutine]
    public static async Coroutine<string> StructMethodCallOnStaticFieldAndReplacedArray()
    {
        s_vector = new Vector { X = 1 };
        s_vector.Shift(await ReplaceStorageThen(3));   // static storage is re-read: the call sees the replacement
        s_vectors = new Vector[2];
        var original = s_vectors;
        s_vectors[Side("index", 0)].Shift(await ReplaceStorageThen(4));   // the element of the original array
        return $"{s_vector.X} {original[0].X} {s_vectors[0].X}";
    }

    [Coroutine]
    public static async Coroutine<string> CoalesceAssignmentToArrayElement()
    {
        var names = new string?[2];
        names[Side("first index", 0)] ??= await ChildText("assigned", 0.5, "A");
        names[Side("second index", 0)] ??= await ChildText("never", 0.5, "B");
        return string.Join(",", names);
    }

    [Coroutine]
    public static async Coroutine<string> NonShortCircuitLogicalOperatorsWithAwaits()
    {
        bool and = Check("and", false) & await ChildFlag("and right", true);
        bool or = Check("or", true) | await ChildFlag("or right", false);
        bool xor = Check("xor", true) ^ await ChildFlag("xor right", true);
        return $"{and} {or} {xor}";
    }

    [Coroutine]
    public static async Coroutine<string> IndexedInitializerKeysBeforeAwait()
    {
        var map = new Dictionary<int, int> { [Side("k1", 1)] = await Child("v1", 0.5, 10), [Side("k2", 2)] = Side("v2", 20) };
        return string.Join(",", map.Select(p => $"{p.Key}={p.Value}"));
    }

    [Coroutine]
    public static async Coroutine<string> WithTupleEqualityFormatAndCheckedConversion()
    {
        var point = new Coordinates(1, 2);
        var moved = point with { Y = await Child("y", 0.5, 5) };
        bool same = (await Child("t", 0.5, 1), Side("u", 2)) == (1, 2);
        string formatted = $"{await Child("f", 0.5, 7),5:D3}|";
        byte small;
        try
        {
            small = checked((byte)await Child("big", 0.5, 300));
        }
        catch (OverflowException)
        {
            small = 1;
        }
        return $"{moved} {same} {formatted} {small}";
    }

    [Coroutine]
    public static async Coroutine<string> UsingWithAwaitInSwitchSection()
    {
        string result = "";
        switch (Side("selector", 1))
        {
            case 1:
                using (var resource = await OpenLater("section"))
                {
                    await Loop.Yield();
                    result = "inside";
                }
                break;
        }
        return result;
    }

    [Coroutine]
    public static async Coroutine<string> ConditionalAccessOnElementAndConcatenation()
    {
        var ledgers = new Ledger?[] { new Ledger("z"), null };
        int? added = ledgers[Side("i", 0)]?.Add(await Child("a", 0.5, 1));
        int? skipped = ledgers[Side("j", 1)]?.Add(await Child("never", 0.5, 2));
        string text = Side("x", 1) + "-" + await ChildText("y", 0.5, "Y") + "-" + Side("z", 3) + await ChildText("w", 0.5, "W");
        return $"{added} {skipped?.ToString() ?? "null"} {text}";
    }

    [Coroutine]
    public static async Coroutine<string> IsAndAsOnAwaitedValues()
    {
        object value = await ChildText("o", 0.5, "text");
        bool isShort = await ChildText("p", 0.5, "x") is string { Length: 1 };
        string? asString = (object)await Child("q", 0.5, 3) as string;
        int length = value is string { Length: var l } ? l + await Child("len", 0.5, 1) : 0;
        return $"{isShort} {asString ?? "null"} {length}";
    }

    [Coroutine]
    public static async Coroutine<string> TupleElementCompoundAssignment()
    {
        var cells = new[] { 1, 2, 3 };
        (cells[0], cells[2]) = (cells[2], cells[0]);
        cells[1] = cells[1] * await Child("m", 0.5, 10);
        var pair = (a: await Child("a", 0.5, 1), b: Side("b", 2));
        pair.a += await Child("c", 0.5, 3);
        return string.Join(",", cells) + $" {pair.a} {pair.b}";
    }
}
