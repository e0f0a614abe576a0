using Microsoft.CodeAnalysis;

namespace Coroutines.Tests.Generator;

/// <summary>
/// A compile error or warning in a coroutine's body is reported once, by the user's method, at the user's column;
/// never a second time from the generated machine's copy of the body.
/// </summary>
public class ReportedOnceTests
{
    private const string Path = "Samples/Sample.cs";

    private static string Source(string body) => $$"""
        using System;
        using Coroutines;
        namespace Samples;
        public static partial class Jobs
        {
            [Obsolete]
            private static int Old() => 1;

            [Coroutine]
            public static async Coroutine<int> Work()
            {
                await Loop.Yield();
        {{body}}
            }

            [Coroutine]
            public static async Coroutine<int> Count() { await Loop.Yield(); return 3; }
        }
        """;

    private static (GeneratorHarness.Run Run, List<Diagnostic> Problems) Generate(string body)
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.Compile((Path, Source(body))));
        // the compilation as the compiler sees it: the generated files with their own pragmas
        var problems = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return (run, problems);
    }

    /// <summary>Asserts exactly one diagnostic, <paramref name="id"/>, in the user's file where <paramref name="marker"/> starts.</summary>
    private static void AssertOnceAtUsersColumn(List<Diagnostic> problems, string id, string body, string marker)
    {
        Assert.That(problems.Select(d => d.ToString()), Has.Exactly(1).Items, "one diagnostic in the whole compilation");
        var diagnostic = problems[0];
        Assert.That(diagnostic.Id, Is.EqualTo(id));
        var position = diagnostic.Location.GetMappedLineSpan();
        string[] lines = Source(body).Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.That(position.Path, Is.EqualTo(Path));
        Assert.That(diagnostic.Location.SourceTree?.FilePath, Is.EqualTo(Path), "reported from the user's file, not mapped from the generated one");
        Assert.That((position.StartLinePosition.Line, position.StartLinePosition.Character), Is.EqualTo((line, lines[line].IndexOf(marker, StringComparison.Ordinal))));
    }

    [Test]
    public void AConversionErrorInTheBodyIsReportedOnceAtTheUsersColumn()
    {
        const string body = "        int count = \"three\";\n        return count;";
        var (run, problems) = Generate(body);
        AssertOnceAtUsersColumn(problems, "CS0029", body, "\"three\"");
        Assert.That(GeneratorHarness.Source(run, "Work"), Does.Not.Contain("class WorkCoroutine"), "no machine is built from a body with an error");
        Assert.That(run.GeneratorDiagnostics, Is.Empty, "and no CORO101 says why: the error does");
    }

    [Test]
    public void AnUnknownNameInTheBodyIsReportedOnceAtTheUsersColumn()
    {
        const string body = "        return Missing(1) + await CountAsync();";
        var (_, problems) = Generate(body);
        AssertOnceAtUsersColumn(problems, "CS0103", body, "Missing");
    }

    [Test]
    public void AnErrorBesideACallOfAnotherCoroutinesEntryPointIsReportedOnce()
    {
        // The entry point CountAsync does not exist while the generator runs: its call alone is no error of the body.
        const string body = "        int count = \"three\";\n        return count + await CountAsync();";
        var (_, problems) = Generate(body);
        AssertOnceAtUsersColumn(problems, "CS0029", body, "\"three\"");
    }

    [Test]
    public void StoringAnEntryPointsResultInAVariableOfTheWrongTypeIsReportedOnce()
    {
        // The error depends on CountAsync's result type, which exists only once the generator has run.
        const string body = "        string count = await CountAsync();\n        return 1;";
        var (run, problems) = Generate(body);
        AssertOnceAtUsersColumn(problems, "CS0029", body, "await CountAsync()");
        Assert.That(GeneratorHarness.Source(run, "Work"), Does.Not.Contain("class WorkCoroutine"), "no machine is built from a body with an error");
    }

    [Test]
    public void ReturningAValueOfTheWrongTypeBuiltOnAnEntryPointIsReportedOnce()
    {
        const string body = "        return (await CountAsync()).ToString();";
        var (_, problems) = Generate(body);
        AssertOnceAtUsersColumn(problems, "CS0029", body, "(await CountAsync())");
    }

    [Test]
    public void AMissingMemberOfAnEntryPointsResultIsReportedOnce()
    {
        const string body = "        var count = await CountAsync();\n        return count.Length;";
        var (_, problems) = Generate(body);
        AssertOnceAtUsersColumn(problems, "CS1061", body, "Length");
    }

    [Test]
    public void NamingAnEntryPointBesideACallOfOneIsNoErrorOfTheBody()
    {
        var (run, problems) = Generate("        Func<Coroutine<int>> count = CountAsync;\n        string name = nameof(CountAsync);\n        return name.Length + await CountAsync() + await count();");
        Assert.That(problems, Is.Empty);
        Assert.That(GeneratorHarness.Source(run, "Work"), Does.Contain("class WorkCoroutine"), () => "lowered: " + string.Join("; ", run.GeneratorDiagnostics));
    }

    [Test]
    public void ACallOfAnotherCoroutinesEntryPointAloneIsNoErrorOfTheBody()
    {
        var (run, problems) = Generate("        return await CountAsync() + 1;");
        Assert.That(problems, Is.Empty);
        Assert.That(GeneratorHarness.Source(run, "Work"), Does.Contain("class WorkCoroutine"), "lowered");
    }

    [Test]
    public void AWarningInTheBodyIsReportedOnceAtTheUsersColumn()
    {
        const string body = "        return Old();";
        var (run, problems) = Generate(body);
        AssertOnceAtUsersColumn(problems, "CS0612", body, "Old();");
        Assert.That(GeneratorHarness.Source(run, "Work"), Does.Contain("class WorkCoroutine"), "a warning does not stop the lowering");
    }
}
