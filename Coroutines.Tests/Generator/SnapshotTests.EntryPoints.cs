namespace Coroutines.Tests.Generator;

// The generated code of locals and spilled values typed by another type's generated entry points.
public partial class SnapshotTests
{
    [Test]
    public void LocalsOfAnotherTypesEntryPoints() => Verify("""
        public partial class Tally
        {
            private int _count;

            [Coroutine]
            public async Coroutine<int> CountTo(int n)
            {
                for (int i = 0; i < n; i++) { await Loop.Yield(); _count++; }
                return _count;
            }

            [Coroutine]
            public static async Coroutine<T> Echo<T>(T value) { await Loop.Yield(); return value; }
        }

        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<string> Report(Tally tally)
            {
                var pending = tally.CountToAsync(3);
                var label = await Tally.EchoAsync("count");
                var count = await pending;
                string line = Format(label, count, await Tally.EchoAsync(count > 2 ? await tally.CountToAsync(1) : 0));
                return line;
            }

            private static string Format(string label, int count, int extra) => $"{label} {count} {extra}";
        }
        """, "Report", "LocalsOfAnotherTypesEntryPoints");
}
