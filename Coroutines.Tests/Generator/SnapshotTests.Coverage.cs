namespace Coroutines.Tests.Generator;

// Golden files for the constructs of the first lowering pass that the original snapshots did not show on their own.
public partial class SnapshotTests
{
    [Test]
    public void ExpressionBodiedCoroutines() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Twice(int n) => await Loop.Sleep(1, n) * 2;
        }
        """, "Twice", "ExpressionBodiedCoroutines");

    [Test]
    public void WhileAndDoLoopsThatAwaitInTheirConditions() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Drain(Queue<int> items)
            {
                int sum = 0;
                while (items.Count > 0 && await Loop.Sleep(0.5, true))
                    sum += items.Dequeue();
                do
                {
                    sum++;
                }
                while (await Loop.Sleep(1, sum) < 10);
                return sum;
            }
        }
        """, "Drain", "WhileAndDoLoopsThatAwaitInTheirConditions");

    [Test]
    public void CoalesceCastsAndElementAccessThatAwait() => Verify("""
        public static partial class Jobs
        {
            static int[] Table = { 1, 2, 3 };

            [Coroutine]
            public static async Coroutine<long> Lookup(string? name)
            {
                string key = name ?? await Loop.Sleep(1, "default");
                int index = Table[await Loop.Sleep(1, 2)];
                return (long)await Loop.Sleep(1, key.Length) + index;
            }
        }
        """, "Lookup", "CoalesceCastsAndElementAccessThatAwait");

    [Test]
    public void ObjectAndCollectionInitializersThatAwait() => Verify("""
        public static partial class Jobs
        {
            sealed class Point
            {
                public int X { get; set; }
                public int Y { get; set; }
            }

            [Coroutine]
            public static async Coroutine<int> Build()
            {
                var point = new Point { X = 1, Y = await Loop.Sleep(1, 2) };
                var list = new List<int> { point.X, await Loop.Sleep(1, 3) };
                int[] array = { await Loop.Sleep(1, 4), 5 };
                return point.Y + list.Count + array[0];
            }
        }
        """, "Build", "ObjectAndCollectionInitializersThatAwait");

    [Test]
    public void NestedBlocksWithShadowedNames() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Shadow()
            {
                int total = 0;
                {
                    int value = 1;
                    await Loop.Yield();
                    total += value;
                }
                {
                    int value = 10;
                    await Loop.Yield();
                    total += value;
                }
                return total;
            }
        }
        """, "Shadow", "NestedBlocksWithShadowedNames");

    [Test]
    public void LambdasAndLocalFunctionsAroundAwaits() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Compose(int start)
            {
                int offset = start;
                Func<int, int> add = x => x + offset;
                await Loop.Yield();
                offset = 100;
                return Twice(add(1));

                static int Twice(int v) => v * 2;
            }
        }
        """, "Compose", "LambdasAndLocalFunctionsAroundAwaits");

    [Test]
    public void CheckedLockAndUnsafeBlocksBetweenAwaits() => Verify("""
        public static partial class Jobs
        {
            static readonly object Gate = new();

            [Coroutine]
            public static async Coroutine<int> Guarded(int n)
            {
                int result;
                lock (Gate)
                {
                    result = n;
                }
                await Loop.Yield();
                checked
                {
                    result *= 2;
                }
                unsafe
                {
                    int scratch = result;
                    int* p = &scratch;
                    *p += 1;
                    result = scratch;
                }
                await Loop.Yield();
                return result;
            }
        }
        """, "Guarded", "CheckedLockAndUnsafeBlocksBetweenAwaits");

    [Test]
    public void ReturnAndBreakThroughAFinallyThatAwaits() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Search(int[][] rows, int wanted)
            {
                for (int r = 0; r < rows.Length; r++)
                {
                    try
                    {
                        foreach (int value in rows[r])
                        {
                            if (value == wanted)
                                return r;
                            if (value < 0)
                                break;
                        }
                    }
                    finally
                    {
                        await Loop.Sleep(1);
                    }
                }
                return -1;
            }
        }
        """, "Search", "ReturnAndBreakThroughAFinallyThatAwaits");

    [Test]
    public void ForeignAwaitablesKeepTheirAwaiterTypes() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Mixed(Task<int> task, ValueTask<int> valueTask, Future<int> future)
            {
                int a = await task;
                int b = await valueTask;
                int c = await future;
                await Task.Delay(1);
                return a + b + c;
            }
        }
        """, "Mixed", "ForeignAwaitablesKeepTheirAwaiterTypes");
}
