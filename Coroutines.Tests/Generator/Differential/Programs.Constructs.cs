using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs, one per construct that earlier generator versions lowered wrongly or could not compile:
// ref arguments to array elements, catch filters that assign the catch variable, foreach over multi-dimensional
// arrays, base calls and unqualified instance calls with awaiting arguments, awaits inside checked/unchecked blocks,
// await foreach over an enumerator whose DisposeAsync has optional parameters.
public static partial class Programs
{
    private static int[] s_cells = new int[2];

    private static void AddTo(ref int cell, int amount)
    {
        cell += amount;
        Trace.Log($"add {amount}");
    }

    /// <summary>Replaces <see cref="s_cells"/> while the caller is suspended.</summary>
    public static async Coroutine<int> ReplaceCellsThen(int value)
    {
        await Loop.Sleep(1);
        s_cells = new int[3];
        Trace.Log("cells replaced");
        return value;
    }

    [Coroutine]
    public static async Coroutine<string> RefArrayElementBeforeAwaitingArgument()
    {
        s_cells = new int[2];
        var original = s_cells;
        // the element is fixed before the await: the write lands in the array that was there then
        AddTo(ref s_cells[1], await ReplaceCellsThen(5));
        string written = $"{original[1]} {s_cells[1]}";
        try
        {
            AddTo(ref s_cells[7], await Child("never", 1, 3));   // the bad index throws before the await
        }
        catch (IndexOutOfRangeException)
        {
            Trace.Log("index out of range");
        }
        return written;
    }

    [Coroutine]
    public static async Coroutine<string> CatchFilterAssignsCatchVariable()
    {
        try
        {
            await Loop.Sleep(1);
            throw new InvalidOperationException("thrown");
        }
        catch (Exception e) when ((e = new ArgumentException("set by the filter")) is not null)
        {
            await Loop.Yield();
            return e.GetType().Name + ": " + e.Message;
        }
    }

    [Coroutine]
    public static async Coroutine<long> ForEachOverMultiDimensionalArray()
    {
        int[,] grid = { { 1, 2 }, { 3, 4 } };
        long total = 0;
        foreach (long cell in grid)   // int elements converted to the long iteration variable
        {
            await Loop.Sleep(0.5);
            total = total * 10 + cell;
            Trace.Log($"cell {cell}");
        }
        foreach (var (number, name) in new (int, string)[,] { { (1, "a"), (2, "b") } })
        {
            await Loop.Yield();
            Trace.Log($"{number}{name}");
        }
        var offset = (int[,])Array.CreateInstance(typeof(int), new[] { 2, 1 }, new[] { 5, 7 });   // lower bounds 5 and 7
        offset[6, 7] = 9;
        foreach (var value in offset)
        {
            await Loop.Yield();
            total += value;
        }
        return total;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitInsideCheckedAndUncheckedBlocks()
    {
        int big = int.MaxValue - 3;
        checked
        {
            await Loop.Sleep(1);
            try
            {
                big += 2;
                big += 2;
            }
            catch (OverflowException)
            {
                Trace.Log($"overflow at {big}");
            }
            for (int i = 0; i < 2; i++)
            {
                try
                {
                    await Loop.Yield();
                    big++;
                }
                catch (OverflowException)
                {
                    Trace.Log($"overflow {i}");
                }
                finally
                {
                    Trace.Log($"finally {i}");
                }
            }
        }
        unchecked
        {
            await Loop.Sleep(1);
            big += 5;   // wraps around
        }
        Trace.Log($"after {big}");
        return big;
    }

    [Coroutine]
    public static async Coroutine<int> AwaitForEachDisposeAsyncWithOptionalParameters()
    {
        int sum = 0;
        await foreach (var value in new Countdown(3))
        {
            await Loop.Sleep(1);
            sum += value;
        }
        return sum;
    }

    [Coroutine]
    public static async Coroutine<string> CatchVariableNamedWithKeyword()
    {
        try
        {
            await Loop.Yield();
            throw new InvalidOperationException("keyword");
        }
        catch (InvalidOperationException @catch)
        {
            return @catch.Message;
        }
    }

    /// <summary>An async sequence found by pattern whose enumerator's DisposeAsync takes an optional argument.</summary>
    public sealed class Countdown(int from)
    {
        public Enumerator GetAsyncEnumerator() => new(from);

        public sealed class Enumerator(int current)
        {
            public int Current => current;

            public ValueTask<bool> MoveNextAsync() => new(--current > 0);

            public ValueTask DisposeAsync(string reason = "done")
            {
                Trace.Log($"dispose {reason}");
                return default;
            }
        }
    }
}

public class ScoreBase
{
    public virtual int Score(int left, int right) => left + right;
}

/// <summary>Instance coroutines that call base members and this type's methods with arguments that await.</summary>
public partial class Scorer(int offset) : ScoreBase
{
    public override int Score(int left, int right) => left * right;

    private int Note(int value)
    {
        Trace.Log($"note {value}");
        return value + offset;
    }

    [Coroutine]
    public async Coroutine<int> BaseCallWithAwaitingArgument()
    {
        int first = base.Score(Side("left", 2), await Child("right", 1, 3));   // the base's Score, not the override
        int second = base.Score(first, await Helpers.ChildAsync("entry point", 1, 10));
        return first * 100 + second;
    }

    [Coroutine]
    public async Coroutine<int> UnqualifiedInstanceCallAwaitingOtherTypesEntryPoint()
    {
        int noted = Note(await Helpers.ChildAsync("other", 1, 4));
        return Note(noted + await Child("again", 0.5, 1));
    }
}

/// <summary>Parameters and locals named like the machine's own members: the generated names never meet them.</summary>
public partial class NamedLikeMachinery
{
    private readonly int _seed = 100;

    [Coroutine]
    public async Coroutine<string> GeneratedNamesNeverMeetUserNames(int __state, int __this, int __result, int Name)
    {
        int x = 1;
        int __x = 2;   // next to x, whose field is __x once it lives across an await
        int __awaiter1 = 3;
        int __t1 = 4;
        int closure1 = 5, Store = 6, t1 = 7, state = 8;
        await Loop.Sleep(1);
        Func<int> read = () => x + __x;
        __state += 10;
        await Loop.Yield();
        return $"{x} {__x} {__awaiter1} {__t1} {closure1} {Store} {t1} {state} {__state} {__this} {__result} {Name} {read()} {_seed}";
    }
}
