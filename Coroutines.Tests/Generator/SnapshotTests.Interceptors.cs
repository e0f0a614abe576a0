namespace Coroutines.Tests.Generator;

// The interceptors generated for the calls in one file.
public partial class SnapshotTests
{
    [Test]
    public void InterceptorsOfOneFile()
    {
        var compilation = GeneratorHarness.Compile(GeneratorHarness.InterceptionOptions, ("Samples/Sample.cs", Prelude + """
            public partial class Cache<TKey> where TKey : notnull
            {
                [Coroutine]
                public async Coroutine<TValue> Load<TValue>(TKey key, Func<TKey, TValue> make) where TValue : class, new()
                {
                    await Loop.Yield();
                    return make(key);
                }
            }

            public partial struct Tally
            {
                public int Count;

                [Coroutine]
                public async Coroutine<int> Next() { await Loop.Yield(); return ++Count; }
            }

            public static partial class Jobs
            {
                [Coroutine]
                public static async Coroutine<int> Work(int n) { await Loop.Yield(); return n; }

                [Coroutine]
                private static async Coroutine Report(Cache<string> cache, Tally tally)
                {
                    var first = await Work(1);
                    var second = await Work(first + 1);
                    var list = await cache.Load(key: "k", make: k => new List<string> { k });
                    Console.WriteLine($"{second} {list.Count} {await tally.Next()}");
                }

                public static void Main() => EventLoop.Run(Report(new Cache<string>(), new Tally()));
            }
            """));
        var run = GeneratorHarness.Generate(compilation);
        Assert.That(run.GeneratorDiagnostics, Is.Empty, "generator diagnostics");
        Assert.That(GeneratorHarness.Problems(run.Output).Select(d => d.ToString()), Is.Empty, "the output must compile without warnings");
        var interceptors = run.Result.GeneratedSources.Single(s => s.HintName == "Sample.Interceptors.g.cs").SourceText.ToString();
        SnapshotAssert.Matches(interceptors, "InterceptorsOfOneFile");
        // no interceptor reaches generated code: the machine of Report names the entry points of the calls itself
        SnapshotAssert.Matches(GeneratorHarness.Source(run, "Report"), "CallsOfCoroutinesInsideAMachine");
    }
}
