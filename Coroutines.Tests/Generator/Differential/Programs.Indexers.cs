using static Coroutines.Tests.Generator.Differential.Helpers;

namespace Coroutines.Tests.Generator.Differential;

// Differential programs on indexers (assigned, compound-assigned, incremented with an awaiting index), index from
// end and ranges, array sizes, nullable ??= and +=, a using statement with two declarators whose body throws, and
// constructor arguments evaluated before initializers.
public static partial class Programs
{
    /// <summary>An indexer that logs its reads and writes.</summary>
    public sealed class Indexed
    {
        private readonly int[] _cells = new int[4];

        public int this[int i]
        {
            get
            {
                Trace.Log($"get [{i}] {_cells[i]}");
                return _cells[i];
            }
            set
            {
                Trace.Log($"set [{i}] {value}");
                _cells[i] = value;
            }
        }

        public override string ToString() => string.Join(",", _cells);
    }

    [Coroutine]
    public static async Coroutine<string> IndexersFromEndRangesAndArraySizesWithAwaits()
    {
        var indexed = new Indexed();
        indexed[Side("i", 1)] = await Child("a", 0.5, 5);
        indexed[Side("j", 1)] += await Child("b", 0.5, 2);
        indexed[await Child("k", 0.5, 2)]++;
        var grid = new int[Side("rows", 2), await Child("cols", 0.5, 3)];
        var cells = new int[4];
        cells[^Side("from end", 1)] += await Child("c", 0.5, 9);
        int? n = null;
        n ??= await Child("n", 0.5, 4);
        n += await Child("m", 0.5, 1);
        return $"{indexed} {grid.GetLength(0)}x{grid.GetLength(1)} {string.Join(",", cells)} {n} {string.Join(",", cells[Side("range", 2)..])}";
    }

    [Coroutine]
    public static async Coroutine<string> UsingTwoDeclaratorsBodyThrows()
    {
        try
        {
            using (Resource first = new("first"), second = await OpenLater("second"))
            {
                await Loop.Yield();
                throw new InvalidOperationException("body");
            }
        }
        catch (InvalidOperationException e)
        {
            Trace.Log(e.Message);
        }
        return "done";
    }

    [Coroutine]
    public static async Coroutine<string> ConstructorArgumentsBeforeInitializersWithAwaits()
    {
        var ledger = new Ledger(Side("ctor arg", 1) + "x" + await Child("ctor await", 0.5, 2)) { Note = Side("note", 3) + "" };
        var list = new List<int>(Side("capacity", 4)) { Side("e0", 5), await Child("e1", 0.5, 6) };
        return $"{ledger} {string.Join(",", list)}";
    }
}
