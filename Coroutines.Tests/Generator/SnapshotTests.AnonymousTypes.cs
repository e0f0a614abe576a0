namespace Coroutines.Tests.Generator;

public partial class SnapshotTests
{
    [Test]
    public void AnonymousTypeLocals() => Verify("""
        public static partial class Reports
        {
            [Coroutine]
            public static async Coroutine<int> Summarize(int[] values)
            {
                var point = new { X = 1, Y = await Measure() };
                var rows = new List<int>(values).ConvertAll(v => new { Value = v, Point = point });
                await Loop.Yield();
                foreach (var row in rows)
                {
                    await Loop.Sleep(0.1);
                    Console.WriteLine(row.Value + row.Point.Y);
                }
                point = new { X = point.X + 1, Y = 0 };
                return point.X + rows.Count;
            }

            private static async Coroutine<int> Measure() => await Loop.Sleep(1, 2);
        }
        """, "Summarize", "AnonymousTypeLocals");
}
