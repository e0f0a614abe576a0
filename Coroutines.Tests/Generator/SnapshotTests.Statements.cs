namespace Coroutines.Tests.Generator;

// Snapshots of the statement-level constructs: goto and labels, pattern variables that live across an await,
// switch sections whose patterns declare variables, deconstructing foreach, ref struct locals.
public partial class SnapshotTests
{
    [Test]
    public void GotoLoopsAndGotoCase() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Poll(int limit)
            {
                int attempt = 0;
            retry:
                attempt++;
                try
                {
                    await Loop.Sleep(1);
                    if (attempt < limit)
                        goto retry;
                }
                finally
                {
                    await Loop.Yield();
                }
                switch (attempt % 3)
                {
                    case 0:
                        await Loop.Yield();
                        goto case 1;
                    case 1:
                        Console.WriteLine("one");
                        break;
                    default:
                        goto case 0;
                }
                return attempt;
            }
        }
        """, "Poll", "GotoLoopsAndGotoCase");

    [Test]
    public void PatternVariablesAcrossAwaits() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Measure(object value, string text)
            {
                if (value is string { Length: > 0 } s && int.TryParse(text, out var parsed))
                {
                    await Loop.Yield();
                    Console.WriteLine(s + parsed);
                }
                if (value is not int n)
                    return 0;
                await Loop.Sleep(1);
                return n;
            }
        }
        """, "Measure", "PatternVariablesAcrossAwaits");

    [Test]
    public void SwitchSectionsWithPatternVariables() => Verify("""
        public static partial class Jobs
        {
            public sealed record Circle(double R);

            [Coroutine]
            public static async Coroutine<double> Area(object shape)
            {
                switch (shape)
                {
                    case Circle c when c.R > 1:
                        await Loop.Yield();
                        return c.R;
                    case Circle { R: 0 }:
                    case string { Length: var length } when length > 3:
                        await Loop.Yield();
                        return -1;
                    case (int a, int b):
                        await Loop.Sleep(a);
                        return b;
                    case var other:
                        Console.WriteLine(other);
                        return 0;
                }
            }
        }
        """, "Area", "SwitchSectionsWithPatternVariables");

    [Test]
    public void ForEachWithDeconstruction() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Sum(Dictionary<string, int> table, (int, string)[] rows)
            {
                int total = 0;
                foreach (var (key, value) in table)
                {
                    await Loop.Yield();
                    total += key.Length * value;
                }
                foreach ((int number, string word) in rows)
                {
                    await Loop.Sleep(number);
                    Console.WriteLine(word);
                }
                return total;
            }
        }
        """, "Sum", "ForEachWithDeconstruction");

    [Test]
    public void RefStructLocalsBetweenAwaits() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Checksum(string text, int rounds)
            {
                Span<byte> scratch = stackalloc byte[4];
                scratch.Fill(1);
                int total = scratch[0] + scratch[3];
                for (int round = 0; round < rounds; round++)
                {
                    ReadOnlySpan<char> head = text.AsSpan(0, Math.Min(4, text.Length));
                    foreach (char c in head)
                        total += c;
                    await Loop.Yield();
                }
                return total;
            }
        }
        """, "Checksum", "RefStructLocalsBetweenAwaits");
}
