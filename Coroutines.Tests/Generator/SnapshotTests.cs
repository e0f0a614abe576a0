namespace Coroutines.Tests.Generator;

/// <summary>
/// The generated code of each construct, compared with its golden file. Each test also asserts that the generator
/// reported nothing and that the output compiles without errors or warnings.
/// </summary>
public partial class SnapshotTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Coroutines;

        namespace Samples;

        """;

    private static void Verify(string body, string methodName, string snapshot)
    {
        var compilation = GeneratorHarness.Compile(("Samples/Sample.cs", Prelude + body));
        var run = GeneratorHarness.Generate(compilation);
        Assert.That(run.GeneratorDiagnostics, Is.Empty, "generator diagnostics");
        Assert.That(GeneratorHarness.Problems(run.Output).Select(d => d.ToString()), Is.Empty, "the output must compile without warnings");
        string generated = GeneratorHarness.Source(run, methodName);
        GeneratedTextAssert.NamesAreTheUsers(Prelude + body, generated);
        SnapshotAssert.Matches(generated, snapshot);
    }

    [Test]
    public void SleepAndReturn() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Work(int n)
            {
                Console.WriteLine($"start {n}");
                await Loop.Sleep(2);
                return n * 2;
            }
        }
        """, "Work", "SleepAndReturn");

    [Test]
    public void LoopsWithBreakAndContinue() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Count(int limit)
            {
                int total = 0;
                for (int i = 0; i < limit; i++)
                {
                    if (i == 3)
                        continue;
                    await Loop.Yield();
                    if (total > 10)
                        break;
                    total += i;
                }
                while (total > 0)
                {
                    await Loop.Sleep(0.5);
                    total -= 5;
                }
                return total;
            }
        }
        """, "Count", "LoopsWithBreakAndContinue");

    [Test]
    public void TryFinallyThatAwaits() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Sum(int n)
            {
                int total = 0;
                for (int i = 0; i < n; i++)
                {
                    try
                    {
                        await Loop.Yield();
                        if (i == 2) continue;
                        if (i == 4) return total * 100;
                        total += i;
                    }
                    finally
                    {
                        await Loop.Yield();
                        Console.WriteLine($"finally {i}");
                    }
                }
                return total;
            }
        }
        """, "Sum", "TryFinallyThatAwaits");

    [Test]
    public void CatchThatAwaitsWithFilter() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<string> Handle()
            {
                try
                {
                    await Loop.Sleep(1);
                    throw new InvalidOperationException("boom");
                }
                catch (InvalidOperationException e) when (e.Message.Length > 2)
                {
                    await Loop.Sleep(1);
                    return e.Message;
                }
                catch (Exception)
                {
                    await Loop.Yield();
                    throw;
                }
            }
        }
        """, "Handle", "CatchThatAwaitsWithFilter");

    [Test]
    public void UsingAndAwaitUsing() => Verify("""
        public static partial class Jobs
        {
            sealed class Res : IDisposable, IAsyncDisposable
            {
                public void Dispose() { }
                public ValueTask DisposeAsync() => default;
            }

            [Coroutine]
            public static async Coroutine Use()
            {
                using (var first = new Res())
                {
                    await Loop.Yield();
                }
                await using var second = new Res();
                await Loop.Sleep(1);
            }
        }
        """, "Use", "UsingAndAwaitUsing");

    [Test]
    public void SpillingInsideExpressions() => Verify("""
        public static partial class Jobs
        {
            static int F(int a, int b, int c) => a + b + c;
            static int Side(int v) => v;

            [Coroutine]
            public static async Coroutine<int> Spill(bool flag)
            {
                int x = F(Side(1), await Loop.Sleep(1, 2), Side(3));
                bool both = flag && await Loop.Sleep(1, true);
                int y = flag ? await Loop.Sleep(1, 5) : 6;
                string s = $"{x} {await Loop.Sleep(1, "z")}";
                return x + y + s.Length + (both ? 1 : 0);
            }
        }
        """, "Spill", "SpillingInsideExpressions");

    [Test]
    public void SwitchThatAwaits() => Verify("""
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<string> Pick(int n)
            {
                switch (n)
                {
                    case 0:
                        return "zero";
                    case 1 or 2:
                        await Loop.Yield();
                        return "small";
                    default:
                        await Loop.Sleep(n);
                        break;
                }
                return "other";
            }
        }
        """, "Pick", "SwitchThatAwaits");

    [Test]
    public void ForEachAndAwaitForEach() => Verify("""
        public static partial class Jobs
        {
            static async IAsyncEnumerable<int> Numbers()
            {
                yield return 1;
                await Task.Yield();
                yield return 2;
            }

            [Coroutine]
            public static async Coroutine<int> Total(List<int> items)
            {
                int total = 0;
                foreach (var item in items)
                {
                    await Loop.Yield();
                    total += item;
                }
                await foreach (var n in Numbers())
                    total += n;
                return total;
            }
        }
        """, "Total", "ForEachAndAwaitForEach");

    [Test]
    public void InstanceMethodInGenericType() => Verify("""
        public partial class Cache<TKey> where TKey : notnull
        {
            private readonly Dictionary<TKey, int> _values = new();

            private int Load(TKey key) => key.GetHashCode();

            [Coroutine]
            public async Coroutine<int> Get(TKey key)
            {
                if (_values.TryGetValue(key, out var value))
                    return value;
                await Loop.Yield();
                value = Load(key);
                this._values[key] = value;
                return value;
            }
        }
        """, "Get", "InstanceMethodInGenericType");
}
