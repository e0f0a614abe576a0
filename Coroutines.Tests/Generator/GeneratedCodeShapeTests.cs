using Coroutines.Generator;

namespace Coroutines.Tests.Generator;

/// <summary>How the generated code grows with nesting, and what half-typed code does to the generator.</summary>
public class GeneratedCodeShapeTests
{
    private const string Header = "using System;\nusing Coroutines;\nnamespace Samples;\npublic static partial class Jobs\n{\n    private sealed class Resource : IDisposable { public void Dispose() { } }\n";

    private static string Nested(string kind, int depth)
    {
        string body = "await Loop.Yield(); n++;";
        for (int i = 0; i < depth; i++)
        {
            body = kind switch
            {
                "finally" => $"try {{ {body} }} finally {{ n++; }}",
                "awaiting finally" => $"try {{ {body} }} finally {{ await Loop.Yield(); n++; }}",
                "catch" => $"try {{ {body} }} catch (InvalidOperationException) {{ n--; }}",
                _ => $"using (var r{i} = new Resource()) {{ {body} }}",
            };
        }
        return Header + "    [Coroutine]\n    public static async Coroutine<int> Work()\n    {\n        int n = 0;\n        " + body + "\n        return n;\n    }\n}\n";
    }

    private static GeneratorHarness.Run Generate(string source) =>
        GeneratorHarness.Generate(GeneratorHarness.Compile(("Samples/Sample.cs", source)));

    [TestCase("finally")]
    [TestCase("awaiting finally")]
    [TestCase("catch")]
    [TestCase("using")]
    public void NestedStatementsThatAwaitGrowTheCodeLinearlyWithDepth(string kind)
    {
        var sizes = new[] { 10, 20, 40 }.Select(depth => GeneratorHarness.Source(Generate(Nested(kind, depth)), "Work").Length).ToArray();
        // linear: 20 more levels add about twice what 10 more did (the square of the depth would add four times as much)
        double growth = (double)(sizes[2] - sizes[1]) / (sizes[1] - sizes[0]);
        Assert.That(growth, Is.LessThan(2.3), $"sizes at depth 10, 20, 40: {string.Join(", ", sizes)}");
    }

    [Test]
    public void FortyNestedTrysWithAwaitingFinallysCompile()
    {
        var run = Generate(Nested("awaiting finally", 40));
        Assert.That(GeneratorHarness.Source(run, "Work"), Does.Contain("new WorkCoroutine()"), "lowered, not fallen back");
        Assert.That(GeneratorHarness.Problems(run.Output), Is.Empty);
    }

    [Test]
    public void AnUnfinishedCatchAfterATryThatAwaitsIsNoInternalFailure()
    {
        var run = Generate(Header + """
                [Coroutine]
                public static async Coroutine Work()
                {
                    try { await Loop.Yield(); }
                    catch (
                }
            }
            """);
        Assert.That(run.Result.Exception, Is.Null);
        Assert.That(run.GeneratorDiagnostics.Select(d => d.Id), Has.None.EqualTo(DiagnosticDescriptors.InvalidDeclarationId), "no CORO100 while the user types");
    }

    [TestCase("return i + await Loop.Sleep(1, i);", false)]
    [TestCase("return i + await Loop.Sleep(1, i++);", true)]
    [TestCase("return Math.Max(i, await Loop.Sleep(1, 2));", false)]
    [TestCase("return Math.Max(i, await Loop.Sleep(1, i = 2));", true)]
    [TestCase("Func<int> read = () => i; return i + await Loop.Sleep(1, 2);", false)]
    [TestCase("Func<int> bump = () => i = 3; return i + await Loop.Sleep(1, 2);", true)]
    public void ALocalReadBeforeAnAwaitIsStoredOnlyWhenSomethingCouldAssignItMeanwhile(string statements, bool stored)
    {
        var run = Generate(Header + "    [Coroutine]\n    public static async Coroutine<int> Work()\n    {\n        int i = 1;\n        " + statements + "\n    }\n}\n");
        string source = GeneratorHarness.Source(run, "Work");
        Assert.That(source, Does.Contain("new WorkCoroutine()"), "lowered, not fallen back");
        Assert.That(System.Text.RegularExpressions.Regex.IsMatch(source, @"__(left|argument)\d* = "), Is.EqualTo(stored), source);
    }

    [Test]
    public void ACompletedMachineClearsOnlyTheFieldsThatCanHoldReferences()
    {
        var run = Generate(Header + """
                public enum Mode { Fast, Slow }
                public struct Point { public int X; public long Y; }
                [Coroutine]
                public static async Coroutine<int> Work(Mode mode, string name)
                {
                    var point = new Point { X = 1 };
                    var items = new int[2];
                    await Loop.Yield();
                    return (int)mode + name.Length + point.X + items.Length;
                }
            }
            """);
        string source = GeneratorHarness.Source(run, "Work");
        string release = source.Substring(source.IndexOf("void ReleaseFields()", StringComparison.Ordinal));
        var cleared = release.Substring(0, release.IndexOf('}')).Split('\n').Select(line => line.Trim()).Where(line => line.EndsWith("= default!;", StringComparison.Ordinal)).ToList();

        Assert.That(cleared, Does.Contain("name = default!;").And.Contain("__items = default!;"), "a string parameter and an array local reference objects");
        Assert.That(cleared, Does.Not.Contain("mode = default!;").And.Not.Contain("__point = default!;"), "an enum parameter and a struct of numbers reference nothing");
    }
}
