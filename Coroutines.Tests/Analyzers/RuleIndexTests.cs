using Coroutines.Analyzers;
using Coroutines.Tests.Analyzers.Infrastructure;

namespace Coroutines.Tests.Analyzers;

/// <summary>The rule catalogue's documentation and release tracking stay in step with the descriptors.</summary>
public sealed class RuleIndexTests
{
    [Test]
    public void RuleIndex_MatchesTheDescriptors()
    {
        var expected = RuleIndex.Render();
        if (Environment.GetEnvironmentVariable("CORO_ACCEPT_RULE_INDEX") == "1")
            File.WriteAllText(RuleIndex.IndexPath, expected);

        var actual = File.Exists(RuleIndex.IndexPath) ? File.ReadAllText(RuleIndex.IndexPath).ReplaceLineEndings("\n") : "";

        Assert.That(actual, Is.EqualTo(expected), "docs/rules/README.md is stale; rerun with CORO_ACCEPT_RULE_INDEX=1.");
    }

    [TestCaseSource(nameof(Rules))]
    public void EveryRule_HasItsPageHelpLinkFixerAndReleaseRow(string id)
    {
        var rule = DiagnosticDescriptors.All.Single(d => d.Id == id);
        var page = Path.Combine(RuleIndex.RepositoryRoot, "docs", "rules", id + ".md");
        var unshipped = File.ReadAllLines(Path.Combine(RuleIndex.RepositoryRoot, "Coroutines.Analyzers", "AnalyzerReleases.Unshipped.md"));

        Assert.Multiple(() =>
        {
            Assert.That(rule.HelpLinkUri, Is.EqualTo(DiagnosticDescriptors.HelpLinkBase + id + ".md"));
            Assert.That(File.Exists(page), Is.True, $"docs/rules/{id}.md is missing");
            var text = File.ReadAllText(page);
            Assert.That(text, Does.StartWith($"# {id}: {rule.Title}\n"));
            foreach (var section in new[] { "## Cause", "## Examples that are flagged", "## Solution", "## When to suppress", "## Related rules" })
                Assert.That(text, Does.Contain(section), $"{id}.md lacks '{section}'");
            Assert.That(unshipped.Count(line => line.StartsWith(id + " | " + DiagnosticDescriptors.Category + " | " + rule.DefaultSeverity + " |", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(RuleIndex.FixableIds, Does.Contain(id), $"{id} has no code fixer");
            Assert.That(rule.Title.ToString(), Does.Not.EndWith("."));
        });
    }

    [Test]
    public void EveryHelpLink_OfTheAnalyzersAndTheGenerator_NamesAPageUnderDocsRules()
    {
        var generatorRules = typeof(Coroutines.Generator.CoroutineGenerator).Assembly.GetTypes()
            .SelectMany(type => type.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            .Where(field => field.FieldType == typeof(Microsoft.CodeAnalysis.DiagnosticDescriptor))
            .Select(field => (Microsoft.CodeAnalysis.DiagnosticDescriptor)field.GetValue(null)!)
            .ToList();
        Assert.That(generatorRules.Select(d => d.Id), Is.SupersetOf(new[] { "CORO100", "CORO101", "CORO102" }));

        // The base names the docs/rules folder of the repository; every link is the base plus a page that exists there.
        Assert.That(DiagnosticDescriptors.HelpLinkBase, Does.StartWith("https://").And.EndWith("/docs/rules/"));
        Assert.Multiple(() =>
        {
            foreach (var rule in DiagnosticDescriptors.All.Concat(generatorRules))
            {
                Assert.That(rule.HelpLinkUri, Does.StartWith(DiagnosticDescriptors.HelpLinkBase), rule.Id);
                var page = rule.HelpLinkUri[DiagnosticDescriptors.HelpLinkBase.Length..];
                Assert.That(page, Is.EqualTo(rule.Id + ".md"));
                Assert.That(File.Exists(Path.Combine(RuleIndex.RepositoryRoot, "docs", "rules", page)), Is.True, $"{rule.Id}: docs/rules/{page} is missing");
            }
        });
    }

    private static IEnumerable<string> Rules() => DiagnosticDescriptors.All.Select(d => d.Id);
}
