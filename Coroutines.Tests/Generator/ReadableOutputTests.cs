using System.Text.RegularExpressions;

namespace Coroutines.Tests.Generator;

/// <summary>
/// The generated machine reads like hand-written code: temporaries are named for what they hold, the await sites that
/// task dumps and GetStack() show are the user's own text, and #line directives map each user statement to its line
/// while the machinery around it is hidden from stack traces and the debugger.
/// </summary>
public class ReadableOutputTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Coroutines;

        namespace Samples;

        public sealed class Box { public int Value; public int Get(int x) => x; }
        public sealed record Point(int X, int Y);
        public sealed class Resource : IAsyncDisposable { public ValueTask DisposeAsync() => default; }

        public static partial class Jobs
        {
            static Task<int> Two() => Task.FromResult(2);
            static Task<string> Text() => Task.FromResult("text");

            static async IAsyncEnumerable<int> Numbers()
            {
                yield return 1;
                await Task.Yield();
            }

            [Coroutine]
            public static async Coroutine<int> Work(List<int> items, int[] array, Box? box, string? text)
            {
                int total = 0;
                foreach (var item in items)
                {
                    await Loop.Yield();
                    total += item;
                }
                foreach (var element in array)
                    total += element + await Two();
                await foreach (var n in Numbers())
                    total += n;
                await using (var resource = new Resource())
                {
                    await Loop.Yield();
                }
                await using var other = new Resource();
                total += box?.Get(await Two()) ?? 0;
                total += (text ?? await Text()).Length;
                array[total % 2] += await Two();
                total += box!.Get(total) + await Two();
                total += total switch { > 3 => await Two(), _ => 1 };
                bool flag = total > 2 && await Two() > 1;
                total += flag ? await Two() : 0;
                var point = new Point(1, 2) with { Y = await Two() };
                var made = new Box { Value = await Two() };
                return total + point.Y + made.Value;
            }
        }
        """;

    private static readonly Lazy<string> Generated = new(() =>
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(("Samples/Sample.cs", Source)));
        Assert.That(run.GeneratorDiagnostics, Is.Empty, "generator diagnostics");
        Assert.That(GeneratorHarness.Problems(run.Output).Select(d => d.ToString()), Is.Empty, "the output must compile without warnings");
        return GeneratorHarness.Source(run, "Work");
    });

    private static readonly string[] SourceLines = Source.Split('\n');

    [Test]
    public void NoTemporaryIsANumberedT()
    {
        Assert.That(Regex.Matches(Generated.Value, @"\b__t\d+\b").Select(m => m.Value).Distinct(), Is.Empty);
    }

    [Test]
    public void TemporariesAreNamedForWhatTheyHold()
    {
        var names = Regex.Matches(Generated.Value, @"\b__[a-z][A-Za-z]*\d*\b").Select(m => m.Value).ToHashSet();
        Assert.That(names, Is.SupersetOf(new[] { "__enumerator", "__enumerator2", "__array", "__index", "__receiver", "__hasNext", "__awaited", "__switchValue", "__condition" }));
    }

    [Test]
    public void NoTemporaryTakesTheNameOfAUserLocalOrOfTheMachine()
    {
        string program = """
            using Coroutines;
            namespace Samples;
            public static partial class Jobs
            {
                static System.Threading.Tasks.Task<int> Two() => System.Threading.Tasks.Task.FromResult(2);

                [Coroutine]
                public static async Coroutine<int> Work(int[] __index, int[] index, int __receiver)
                {
                    int __enumerator = 1, enumerator = 2, __info = 3, info = 4;
                    foreach (var x in __index)
                        enumerator += x + await Two();
                    foreach (var y in index)
                        __enumerator += y + await Two();
                    await Loop.Yield();
                    return __enumerator + enumerator + __receiver + __info + info;
                }
            }
            """;
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(("Samples/Sample.cs", program)));
        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(GeneratorHarness.Problems(run.Output).Select(d => d.ToString()), Is.Empty);
        Assert.That(GeneratorHarness.Source(run, "Work"), Does.Contain("new WorkCoroutine("), "lowered, not fallen back");
    }

    [Test]
    public void NoHoistedLocalTakesTheNameOfAGeneratedOne()
    {
        // Each user local below would be hoisted as '__' + its name, which is also the name of a prototype local
        // (__pointType), a prototype factory (__ArrayOf), a closure copy (__captured1) or a closure (__closure1).
        string program = """
            using System.Threading.Tasks;
            using Coroutines;
            namespace Samples;
            public static partial class Jobs
            {
                static Task<int> Two() => Task.FromResult(2);

                [Coroutine]
                public static async Coroutine<int> Work()
                {
                    var point = new { X = 1 };
                    var items = new[] { new { X = 2 } };
                    int pointType = 10, itemsType = 20, ArrayOf = 30, captured1 = 40, closure1 = 50, receiver = 60;
                    int total = 0;
                    for (int i = 0; i < 2; i++)
                    {
                        int k = i;
                        System.Func<int> f = () => k;
                        total += f() + await Two();
                    }
                    await Two();
                    return point.X + items[0].X + pointType + itemsType + ArrayOf + captured1 + closure1 + receiver + total;
                }
            }
            """;
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile(("Samples/Sample.cs", program)));
        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(GeneratorHarness.Problems(run.Output).Select(d => d.ToString()), Is.Empty);
        string generated = GeneratorHarness.Source(run, "Work");
        Assert.That(generated, Does.Contain("new WorkCoroutine("), "lowered, not fallen back");
        Assert.That(generated, Does.Contain("var __pointType = () =>").And.Contain("__ArrayOf<").And.Contain("__closure1"), "the generated names the user's locals would take are there");
        using var image = new System.IO.MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.That(emitted.Success, Is.True, () => string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var assembly = new System.Runtime.Loader.AssemblyLoadContext("generated-names", isCollectible: true).LoadFromStream(image);
        var work = (Coroutine<int>)assembly.GetType("Samples.Jobs", throwOnError: true)!.GetMethod("Work")!.Invoke(null, null)!;
        Assert.That(EventLoop.Run(work), Is.EqualTo(1 + 2 + 10 + 20 + 30 + 40 + 50 + 60 + (0 + 2) + (1 + 2)));
    }

    [Test]
    public void EveryAwaitSiteTextIsTheUsersOwnCodeAtItsLine()
    {
        var sites = GeneratedTextAssert.SitesOf(Generated.Value);
        Assert.That(sites, Has.Count.EqualTo(16), "one per await of Work, two for the await foreach (MoveNextAsync, DisposeAsync)");
        foreach (var (line, text) in sites)
            Assert.That(SourceLines[line - 1], Does.Contain("await " + text), $"the site at line {line}");
        GeneratedTextAssert.NamesAreTheUsers(Source, Generated.Value);
    }

    [Test]
    public void AwaitForeachAndAwaitUsingShowTheirHeader()
    {
        Assert.That(Generated.Value, Does.Contain("\"foreach (var n in Numbers())\""));
        Assert.That(Generated.Value, Does.Contain("\"using (var resource = new Resource())\""));
        Assert.That(Generated.Value, Does.Contain("\"using var other = new Resource()\""));
        Assert.That(Generated.Value, Does.Not.Contain("DisposeAsync()\")"), "no site names a generated DisposeAsync call");
    }

    [Test]
    public void UserCodeMapsToItsLineAndMachineryIsHidden()
    {
        var mapped = MappedLines(MoveNextOf(Generated.Value));
        Assert.That(mapped.Where(l => l.Code.Contains(".GetAwaiter();") || l.Code.Contains(".GetResult();")), Is.Not.Empty);
        foreach (var (code, line) in mapped)
        {
            if (code.Contains(".GetAwaiter();") || code.Contains(".GetResult();"))
                Assert.That(line is { } n && SourceLines[n - 1].Contains("await "), $"'{code}' maps to the line of its await, not {line}");
            if (code.Contains("IsCompleted") || code.Contains("__state = ") || Regex.IsMatch(code, @"^__awaiter\d+ = default;$") || code.StartsWith("goto ", StringComparison.Ordinal))
                Assert.That(line, Is.Null, $"machinery '{code}' is hidden");
        }
    }

    [Test]
    public void LineDirectivesAreNeitherPairedNorRepeated()
    {
        var lines = MoveNextOf(Generated.Value).Select(l => l.Trim()).ToList();
        var directives = lines.Where(l => l.StartsWith("#line", StringComparison.Ordinal)).ToList();
        Assert.That(directives.Count(d => d == "#line default"), Is.EqualTo(1), "one #line default, at the end of MoveNext");
        Assert.That(directives[^1], Is.EqualTo("#line default"));
        for (int i = 1; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("#line", StringComparison.Ordinal))
                Assert.That(lines[i - 1], Does.Not.StartWith("#line"), $"two directives in a row at {i}: '{lines[i - 1]}', '{lines[i]}'");
        }
    }

    [Test]
    public void EveryAwaitHasTheSameShortShape()
    {
        string moveNext = string.Join("\n", MoveNextOf(Generated.Value).Select(l => l.Trim()));
        int awaits = Regex.Matches(moveNext, @"^Resume(\d+): __state = -1; // resumes after", RegexOptions.Multiline).Count;
        var shape = new Regex(
            @"^(?<awaiter>__awaiter\d+) = .+;\n#line hidden\nif \(!\k<awaiter>\.IsCompleted\) \{ Await\((?<state>\d+), ref \k<awaiter>\); return; \}\nResume\k<state>: __state = -1; // resumes after .*\n#line \d+ "".*""\n(.* = )?\k<awaiter>\.GetResult\(\);\n#line hidden\n\k<awaiter> = default;$",
            RegexOptions.Multiline);
        Assert.That(awaits, Is.GreaterThan(10));
        Assert.That(shape.Matches(moveNext), Has.Count.EqualTo(awaits));
    }

    private static List<string> MoveNextOf(string generated)
    {
        var lines = generated.Split('\n').ToList();
        int start = lines.FindIndex(l => l.Contains("override void MoveNext()"));
        string indent = lines[start].Substring(0, lines[start].Length - lines[start].TrimStart().Length);
        int end = lines.FindIndex(start, l => l == indent + "}");
        return lines.GetRange(start + 2, end - start - 2);
    }

    /// <summary>Each line of code with the user line it maps to, or null where it is hidden, as the compiler reads the #line directives.</summary>
    private static List<(string Code, int? Line)> MappedLines(List<string> moveNext)
    {
        var result = new List<(string, int?)>();
        int? next = null;
        foreach (var raw in moveNext)
        {
            string line = raw.Trim();
            var directive = Regex.Match(line, @"^#line (\d+|hidden|default)");
            if (directive.Success)
            {
                next = int.TryParse(directive.Groups[1].Value, out int n) ? n : null;
                continue;
            }
            if (line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal))
                result.Add((line, next));
            if (next is not null)
                next++;
        }
        return result;
    }
}
