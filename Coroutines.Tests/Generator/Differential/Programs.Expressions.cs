using System.Runtime.CompilerServices;
using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs: awaits inside ?., switch expression arms, ??=, compound assignments to elements and
// properties, increments, nested / indexed / collection initializers and event subscriptions.
// CS8509: some switch expressions here are deliberately not exhaustive, to compare the SwitchExpressionException.
#pragma warning disable CS8509
public static partial class Programs
{
    /// <summary>An object whose every member access is traced, so the order and number of evaluations show.</summary>
    public sealed class Tracked
    {
        private readonly string _name;
        private Tracked? _next;
        private string? _label;
        private int _count;

        public Tracked(string name, Tracked? next = null)
        {
            _name = name;
            _next = next;
            Trace.Log($"new {name}");
        }

        public Tracked? Next
        {
            get
            {
                Trace.Log($"{_name}.Next");
                return _next;
            }
            set => _next = value;
        }

        public string? Label
        {
            get
            {
                Trace.Log($"{_name}.Label get");
                return _label;
            }
            set
            {
                Trace.Log($"{_name}.Label = {value ?? "null"}");
                _label = value;
            }
        }

        public int Count
        {
            get
            {
                Trace.Log($"{_name}.Count get {_count}");
                return _count;
            }
            set
            {
                Trace.Log($"{_name}.Count = {value}");
                _count = value;
            }
        }

        public int? Maybe { get; set; }

        public List<int> Items { get; } = new();

        public int this[string key]
        {
            get
            {
                Trace.Log($"{_name}[{key}] get");
                return _count;
            }
            set
            {
                Trace.Log($"{_name}[{key}] = {value}");
                _count = value;
            }
        }

        public int Add(int a, int b)
        {
            Trace.Log($"{_name}.Add({a}, {b})");
            return a + b;
        }

        public void Log(int value) => Trace.Log($"{_name}.Log({value})");

        public string Describe(int value) => $"{_name}:{value}";

        public int Fail(int value) => throw new InvalidOperationException($"{_name} refuses {value}");

        public event Action<string>? Changed;

        public void Raise(string what)
        {
            Trace.Log($"{_name} raises {what}");
            Changed?.Invoke(what);
        }
    }

    public struct Point
    {
        public int X;
        public int Y;

        public void MoveBy(int dx, int dy)
        {
            X += dx;
            Y += dy;
        }
    }

    public sealed class Shape
    {
        public Point Origin;

        private Point _corner = new() { X = 1 };

        public Point Corner
        {
            get
            {
                Trace.Log("Corner get");
                return _corner;
            }
        }
    }

    [Coroutine]
    public static async Coroutine<string> StructReceiversAcrossAwaits()
    {
        var points = new Point[2];
        points[Side("i", 1)].MoveBy(Side("dx", 2), await Child("dy", 1, 3));
        var shape = new Shape();
        shape.Origin.MoveBy(await Child("origin", 1, 4), 5);
        // A property returns a copy: the compiler calls the getter before the await and mutates the copy.
        shape.Corner.MoveBy(await Child("corner", 1, 6), 7);
        return $"{points[1].X} {points[1].Y} {shape.Origin.X} {shape.Origin.Y} {shape.Corner.X}";
    }

    public sealed record Person(string Name, int Age)
    {
        public string? Note { get; init; }
    }

    public record Tally
    {
        public int Value { get; set; }

        public int Other { get; set; }
    }

    public record struct Size(int Width, int Height);

    private static Tracked? Pick(string name, Tracked? value)
    {
        Trace.Log($"pick {name}");
        return value;
    }

    private static T Get<T>(string name, T value)
    {
        Trace.Log($"get {name}");
        return value;
    }

    [Coroutine]
    public static async Coroutine<string> ChildText(string name, double delay, string result)
    {
        Trace.Log($"{name} start");
        await Loop.Sleep(delay);
        Trace.Log($"{name} end");
        return result;
    }

    // ---- ?. ----

    [Coroutine]
    public static async Coroutine<int> NullConditionalCallWithAwait()
    {
        var present = new Tracked("a", new Tracked("b"));
        Tracked? absent = null;
        int? first = Pick("present", present)?.Add(Side("x", 1), await Child("c1", 1, 2));
        int? second = Pick("absent", absent)?.Add(Side("skipped", 1), await Child("skipped", 1, 2));
        Trace.Log($"first {first?.ToString() ?? "null"} second {second?.ToString() ?? "null"}");
        Pick("statement", present)?.Log(await Child("c2", 1, 5));
        Pick("statement null", absent)?.Log(await Child("skipped2", 1, 5));
        string? described = present?.Next!.Describe(await Child("c3", 1, 7));
        string? nested = present?.Next?.Next?.Describe(await Child("skipped3", 1, 8));
        int? deep = present?.Next?.Add(await Child("c4", 1, 9), Side("y", 10));
        return (first ?? -1) + (second ?? -100) + described!.Length + (nested is null ? 1000 : 0) + (deep ?? 0);
    }

    [Coroutine]
    public static async Coroutine<int> NullConditionalValueTypesAndElements()
    {
        int? number = Get("number", (int?)41);
        int? missing = null;
        int? compared = number?.CompareTo(await Child("cmp", 1, 40));
        int? skipped = missing?.CompareTo(await Child("skipped", 1, 40));
        List<int>? list = Get("list", new List<int> { 10, 20, 30 });
        int? element = list?[await Child("index", 1, 2)];
        List<int>? none = null;
        int? noElement = none?[await Child("skipped index", 1, 0)];
        Trace.Log($"{compared} {skipped?.ToString() ?? "null"} {element} {noElement?.ToString() ?? "null"}");
        return (compared ?? 0) + (element ?? 0);
    }

    [Coroutine]
    public static async Coroutine<int> NullConditionalThrows()
    {
        var present = new Tracked("a");
        int total = 0;
        try
        {
            total += present?.Fail(await Child("before fail", 1, 3)) ?? 0;
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        try
        {
            // The receiver throws before the await: the child never starts.
            total += Pick("throwing", ThrowingReceiver())?.Add(1, await Child("never", 1, 1)) ?? 0;
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        present?.Log(await Child("after", 1, total));
        return total;
    }

    private static Tracked ThrowingReceiver() => throw new InvalidOperationException("no receiver");

    [Coroutine]
    public static async Coroutine NullConditionalSuspendedForCancellation()
    {
        var present = new Tracked("a");
        try
        {
            present?.Log(await Child("long", 2, 1) + Side("after long", 1));
        }
        finally
        {
            Trace.Log("finally");
        }
        present?.Log(await Child("later", 1, 2));
    }

    // ---- switch expressions ----

    [Coroutine]
    public static async Coroutine<int> SwitchExpressionArmsAwait()
    {
        int total = 0;
        foreach (object? value in new object?[] { 0, 1, -4, 7, "abc", null, 2.5 })
        {
            string text = value switch
            {
                0 => "zero",
                1 => $"one {await Child("one", 1, 1)}",
                int negative when negative < 0 => $"negative {negative} {await Child("neg", 1, negative)} {negative}",
                int big when await Child("is big", 1, big) > 5 => $"big {big}",
                int other => $"other {other} {await Child("other", 1, other) + other}",
                string s => s + await ChildText("text", 1, s.ToUpperInvariant()) + s.Length,
                null => "null",
                var rest => $"rest {rest} {await Child("rest", 1, 0)}",
            };
            Trace.Log(text);
            total += text.Length;
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<int> SwitchExpressionNoMatchThrows()
    {
        int result = 0;
        foreach (int n in new[] { 1, 2, 5 })
        {
            try
            {
                result += Side("left", n) + (n switch
                {
                    1 => await Child("one", 1, 10),
                    2 => 20,
                });
            }
            catch (SwitchExpressionException e)
            {
                Trace.Log($"caught {e.GetType().Name}: {e.Message} / {e.UnmatchedValue}");
            }
        }
        (int, string) pair = (3, "x");
        try
        {
            result += pair switch
            {
                (1, _) => await Child("pair", 1, 1),
                (_, "y") => 2,
            };
        }
        catch (SwitchExpressionException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        return result;
    }

    [Coroutine]
    public static async Coroutine<string> SwitchExpressionThrowsInArm()
    {
        string log = "";
        foreach (int n in new[] { 1, 2, 3 })
        {
            try
            {
                log += n switch
                {
                    1 => await ChildText("fine", 1, "ok "),
                    2 => (await Child("then throw", 1, 2)) > 1 ? throw new InvalidOperationException("arm " + n) : "no",
                    _ => throw new ArgumentException("default arm " + n),
                };
            }
            catch (Exception e)
            {
                Trace.Log($"caught {e.GetType().Name}: {e.Message}");
            }
        }
        return log;
    }

    [Coroutine]
    public static async Coroutine<int> SwitchExpressionSuspendedForCancellation()
    {
        int n = Side("n", 3);
        try
        {
            return n switch
            {
                < 0 => 0,
                var k when await Child("guard", 1, k) > 1 => k + await Child("long arm", 2, k),
                _ => -1,
            };
        }
        finally
        {
            Trace.Log("finally");
        }
    }

    // ---- ??= ----

    [Coroutine]
    public static async Coroutine<string> CoalesceAssignmentWithAwait()
    {
        string? local = null;
        local ??= await ChildText("local", 1, "L");
        local ??= await ChildText("skipped", 1, "X");
        Trace.Log($"local {local}");
        var box = new Tracked("box");
        Pick("box", box)!.Label ??= await ChildText("label", 1, "first");
        Pick("box again", box)!.Label ??= await ChildText("skipped label", 1, "second");
        string?[] slots = { null, "kept" };
        slots[Side("slot0", 0)] ??= await ChildText("slot0", 1, "filled");
        slots[Side("slot1", 1)] ??= await ChildText("skipped slot", 1, "lost");
        int? maybe = null;
        int value = (maybe ??= await Child("maybe", 1, 4)) + (maybe ??= await Child("skipped maybe", 1, 5));
        string? fresh = null;
        Trace.Log($"value {fresh ??= await ChildText("as value", 1, "V")} {value}");
        return $"{local} {box.Label} {slots[0]} {slots[1]} {maybe} {fresh}";
    }

    [Coroutine]
    public static async Coroutine<string> CoalesceAssignmentThrows()
    {
        var box = new Tracked("box");
        try
        {
            box.Label ??= await ChildText("child", 1, "x") + ThrowText("after the await");
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        try
        {
            ((Tracked?)null)!.Label ??= await ChildText("never", 1, "y");
        }
        catch (NullReferenceException)
        {
            Trace.Log("caught null receiver before the await");
        }
        return box.Label ?? "still null";
    }

    private static string ThrowText(string message) => throw new InvalidOperationException(message);

    [Coroutine]
    public static async Coroutine<string> CoalesceAssignmentSuspendedForCancellation()
    {
        var box = new Tracked("box");
        try
        {
            box.Label ??= await ChildText("long", 2, "late");
        }
        finally
        {
            Trace.Log($"finally {box.Label ?? "null"}");
        }
        return box.Label ?? "";
    }

    // ---- compound assignments and increments ----

    private static int[] NumbersArray(string name)
    {
        Trace.Log($"array {name}");
        return s_numbers;
    }

    private static readonly int[] s_numbers = new int[3];

    [Coroutine]
    public static async Coroutine<int> CompoundAssignmentToElementsAndProperties()
    {
        Array.Clear(s_numbers);
        s_numbers[1] = 100;
        NumbersArray("a")[Side("i", 1)] += await ChangeNumbersLater(1, 5);
        Trace.Log($"after += {s_numbers[1]}");
        var box = new Tracked("box") { Count = 50 };
        Pick("box", box)!.Count -= await Child("minus", 1, 8);
        box[Get("key", "k")] *= await Child("times", 1, 3);
        s_numbers[await Child("index", 1, 2)]++;
        ++NumbersArray("b")[await Child("index2", 1, 2)];
        Pick("box", box)!.Count--;
        var points = new Point[2];
        points[Side("p", 1)].X += await Child("x", 1, 6);
        points[1].Y = await Child("y", 1, 7);
        string text = "a";
        text += await ChildText("suffix", 1, "b");
        return s_numbers[1] * 1000 + s_numbers[2] * 100 + box.Count + points[1].X * 10 + points[1].Y + text.Length;
    }

    private static async Coroutine<int> ChangeNumbersLater(int index, int result)
    {
        await Loop.Yield();
        s_numbers[index] += 1000;   // the compound assignment read the element before this
        Trace.Log($"changed {index}");
        return result;
    }

    [Coroutine]
    public static async Coroutine<int> CompoundAssignmentThrows()
    {
        int[] small = { 1 };
        try
        {
            small[Side("bad index", 3)] += await Child("never", 1, 1);
        }
        catch (IndexOutOfRangeException)
        {
            Trace.Log("caught out of range before the await");
        }
        var box = new Tracked("box");
        try
        {
            box.Count += await Child("child", 1, 1) + ThrowInt("after the await");
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        return small[0] + box.Count;
    }

    private static int ThrowInt(string message) => throw new InvalidOperationException(message);

    [Coroutine]
    public static async Coroutine<int> CompoundAssignmentSuspendedForCancellation()
    {
        var box = new Tracked("box") { Count = 1 };
        try
        {
            box.Count += await Child("long", 2, 5);
        }
        finally
        {
            Trace.Log($"finally {box.Count}");
        }
        return box.Count;
    }

    // ---- initializers ----

    [Coroutine]
    public static async Coroutine<int> NestedAndIndexedInitializers()
    {
        var tracked = new Tracked(Get("name", "t"))
        {
            Count = Side("count", 1),
            Label = await ChildText("label", 1, "L"),
            ["k"] = await Child("indexed", 1, 5),
            [await ChildText("key", 1, "k2")] = Side("value", 6),
            Items = { Side("item", 1), await Child("item2", 1, 2) },
            Maybe = await Child("maybe", 1, 3),
        };
        var dictionary = new Dictionary<string, int>
        {
            { Get("k1", "a"), await Child("v1", 1, 1) },
            { await ChildText("k2", 1, "b"), Side("v2", 2) },
        };
        var indexed = new Dictionary<string, int> { ["c"] = await Child("v3", 1, 3), [Get("d", "d")] = Side("v4", 4) };
        var list = new List<int>(await Child("capacity", 1, 4)) { 1, await Child("element", 1, 2), Side("last", 3) };
        return tracked.Count + tracked.Items.Count + dictionary.Count + indexed.Count + list.Sum() + (tracked.Maybe ?? 0);
    }

    public sealed class Outer
    {
        private readonly Inner _inner = new();

        public Inner Nested
        {
            get
            {
                Trace.Log("Outer.Nested get");
                return _inner;
            }
        }

        public string Name { get; set; } = "";
    }

    public sealed class Inner
    {
        public int X { get; set; }

        public List<string> Tags { get; } = new();
    }

    [Coroutine]
    public static async Coroutine<string> NestedMemberInitializer()
    {
        var outer = new Outer
        {
            Name = Get("name", "o"),
            Nested = { X = await Child("x", 1, 4), Tags = { Get("tag", "t1"), await ChildText("tag2", 1, "t2") } },
        };
        return $"{outer.Name} {outer.Nested.X} {string.Join(",", outer.Nested.Tags)}";
    }

    [Coroutine]
    public static async Coroutine<int> InitializerThrows()
    {
        try
        {
            var list = new List<int> { Side("first", 1), await Child("second", 1, 2), ThrowInt("third") };
            return list.Count;
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        var dictionary = new Dictionary<string, int> { ["a"] = 1 };
        try
        {
            var duplicate = new Dictionary<string, int> { { "a", await Child("v", 1, 1) }, { "a", 2 } };
            return duplicate.Count;
        }
        catch (ArgumentException)
        {
            Trace.Log("caught duplicate key");
        }
        return dictionary.Count;
    }

    [Coroutine]
    public static async Coroutine<int> InitializerSuspendedForCancellation()
    {
        try
        {
            var list = new List<int> { Side("first", 1), await Child("long", 2, 2), Side("third", 3) };
            return list.Count;
        }
        finally
        {
            Trace.Log("finally");
        }
    }

    // ---- events ----

    private static async Coroutine<Action<string>> MakeHandler(string name)
    {
        await Loop.Sleep(1);
        Trace.Log($"made handler {name}");
        return what => Trace.Log($"handler {name} got {what}");
    }

    private static event Action<string>? StaticChanged;

    [Coroutine]
    public static async Coroutine<int> EventSubscriptionWithAwait()
    {
        var source = new Tracked("source");
        var first = await MakeHandler("kept");
        Pick("source", source)!.Changed += first;
        Pick("source", source)!.Changed += await MakeHandler("second");
        source.Raise("one");
        source.Changed -= first;
        source.Raise("two");
        StaticChanged += await MakeHandler("static");
        StaticChanged?.Invoke("three");
        StaticChanged = null;
        return 3;
    }

    [Coroutine]
    public static async Coroutine<int> EventSubscriptionThrows()
    {
        Tracked? missing = null;
        try
        {
            missing!.Changed += await MakeHandler("after await");
        }
        catch (NullReferenceException)
        {
            Trace.Log("caught null source after the await");
        }
        try
        {
            Pick("throws", ThrowingReceiver())!.Changed += await MakeHandler("never");
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        return 0;
    }

    [Coroutine]
    public static async Coroutine<int> EventSubscriptionSuspendedForCancellation()
    {
        var source = new Tracked("source");
        try
        {
            source.Changed += await MakeHandler("slow");
            source.Changed += await MakeHandler("slower");
        }
        finally
        {
            source.Raise("finally");
        }
        return 1;
    }

    // ---- with ----

    [Coroutine]
    public static async Coroutine<string> WithExpressionsAwait()
    {
        var ann = new Person("ann", 30);
        var older = ann with { Age = await Child("age", 1, 31) };
        var renamed = Get("source", ann) with { Name = Get("name", "bob"), Age = await Child("age2", 1, 40), Note = Get("note", "n") };
        var counter = new Tally { Value = 1, Other = 2 };
        // The clone is taken before the await: the change made while suspended does not reach it.
        var copy = counter with { Value = await ChangeOtherLater(counter) };
        var size = new Size(1, 2);
        var wider = size with { Width = await Child("w", 1, 10), Height = size.Height + 1 };
        return $"{older} {renamed} {copy.Value} {copy.Other} {counter.Other} {wider}";
    }

    private static async Coroutine<int> ChangeOtherLater(Tally counter)
    {
        await Loop.Yield();
        counter.Other = 99;
        Trace.Log("changed other");
        return 5;
    }

    [Coroutine]
    public static async Coroutine<string> WithExpressionThrows()
    {
        var ann = new Person("ann", 30);
        try
        {
            ann = ann with { Name = "before", Age = await Child("age", 1, 31) + ThrowInt("after the await") };
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        Person? nobody = null;
        try
        {
            ann = nobody! with { Age = await Child("never", 1, 1) };
        }
        catch (NullReferenceException)
        {
            Trace.Log("caught null receiver before the await");
        }
        return ann.ToString();
    }

    [Coroutine]
    public static async Coroutine<string> WithExpressionSuspendedForCancellation()
    {
        var size = new Size(1, 2);
        try
        {
            size = size with { Width = await Child("long", 2, 5) };
        }
        finally
        {
            Trace.Log($"finally {size}");
        }
        return size.ToString();
    }

    // ---- generic generated entry points ----

    [Coroutine]
    public static async Coroutine<T> Echo<T>(T value)
    {
        Trace.Log($"echo {value}");
        await Loop.Yield();
        return value;
    }

    [Coroutine]
    public static async Coroutine<List<T>> EchoTwice<T>(T value)
    {
        var first = await EchoAsync(value);
        var both = new List<T> { first, await EchoAsync<T>(value) };
        return both;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitGenericEntryPoints()
    {
        // Declared with its type: a var local would have no type until the generated entry point exists, so a later
        // expression over it that needs a temporary could not be lowered.
        List<int> list = await EchoTwiceAsync(Side("v", 3));
        string text = await EchoAsync("x");
        return list.Count + list[1] + text.Length + await EchoAsync(Side("w", 5));
    }

    [Coroutine]
    public static async Coroutine<int> GenericEntryPointThrows()
    {
        try
        {
            return Side("left", 1) + await EchoAsync(ThrowInt("argument"));
        }
        catch (InvalidOperationException e)
        {
            Trace.Log($"caught {e.Message}");
        }
        return await EchoAsync(Side("after", 2)) + await EchoAsync<int>(await Child("long", 2, 3));
    }
}
