using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Tests.Generator;

/// <summary>The generator never throws: truncated and garbled sources give diagnostics or nothing.</summary>
public class RobustnessTests
{
    private const string Valid = """
        using System;
        using Coroutines;
        namespace Samples;
        public static partial class Jobs
        {
            [Coroutine]
            public static async Coroutine<int> Work(int n)
            {
                int total = 0;
                for (int i = 0; i < n; i++)
                {
                    try { total += await Loop.Sleep(1, i); }
                    catch (InvalidOperationException e) when (e.Message != "") { await Loop.Yield(); }
                    finally { await Loop.Yield(); }
                }
                using var r = (IDisposable?)null;
                switch (total) { case 1: await Loop.Yield(); break; default: break; }
                return total > 3 && await Loop.Sleep(1, true) ? total : -1;
            }
        }
        """;

    [Test]
    public void TruncatedSourcesNeverCrashTheGenerator()
    {
        int runs = 0;
        for (int length = 0; length <= Valid.Length; length += 7)
        {
            AssertGeneratorSurvives(Valid.Substring(0, length));
            runs++;
        }
        Assert.That(runs, Is.GreaterThan(50));
    }

    [Test]
    public void GarbledSourcesNeverCrashTheGenerator()
    {
        var random = new Random(20261125);
        for (int i = 0; i < 150; i++)
        {
            var chars = Valid.ToCharArray();
            for (int edit = 0; edit < 4; edit++)
            {
                int at = random.Next(chars.Length);
                chars[at] = "{}();=.await ,\"x"[random.Next(16)];
            }
            AssertGeneratorSurvives(new string(chars));
        }
    }

    private static void AssertGeneratorSurvives(string source)
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(("Samples/Sample.cs", source)));
        Assert.That(run.Result.Exception, Is.Null, source);
        Assert.That(run.GeneratorDiagnostics.Select(d => d.GetMessage()), Has.None.Contains("could not analyse"), source);
    }
}
