using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Coroutines.Tests.Analyzers.Infrastructure;

/// <summary>
/// Renders docs/rules/README.md, the rule index, from the descriptors and the fixers, so the index cannot drift from the
/// code. <see cref="RuleIndexTests"/> compares the file with this rendering (and rewrites it when
/// <c>CORO_ACCEPT_RULE_INDEX=1</c>).
/// </summary>
public static class RuleIndex
{
    /// <summary>The repository root (the directory holding Coroutines.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Coroutines.sln")))
                    return directory.FullName;
            }
            throw new InvalidOperationException($"No Coroutines.sln above '{AppContext.BaseDirectory}'; run the tests from the repository.");
        }
    }

    /// <summary>docs/rules/README.md.</summary>
    public static string IndexPath => Path.Combine(RepositoryRoot, "docs", "rules", "README.md");

    /// <summary>The IDs that some code fixer in Coroutines.CodeFixes fixes.</summary>
    public static IReadOnlySet<string> FixableIds { get; } = typeof(Coroutines.CodeFixes.Fixers.SyncWaitCodeFixer).Assembly.GetTypes()
        .Where(type => typeof(CodeFixProvider).IsAssignableFrom(type) && !type.IsAbstract)
        .SelectMany(type => ((CodeFixProvider)Activator.CreateInstance(type)!).FixableDiagnosticIds)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The index page.</summary>
    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("""
            # Coroutines analyzer rules

            <!-- Generated from Coroutines.Analyzers/DiagnosticDescriptors.cs by Coroutines.Tests/Analyzers/RuleIndexTests.cs.
                 Do not edit by hand: run the tests with CORO_ACCEPT_RULE_INDEX=1 to regenerate. -->

            Every rule has a page here, reached from the diagnostic's help link, and can be configured in `.editorconfig`
            (`dotnet_diagnostic.<ID>.severity = none|suggestion|warning|error`). CORO001–CORO099 are analyzers
            (Coroutines.Analyzers, fixes in Coroutines.CodeFixes); CORO100–CORO199 come from the generator.

            | ID | Category | Title | Default severity | Enabled | Code fix |
            |---|---|---|---|---|---|

            """);
        foreach (var rule in Coroutines.Analyzers.DiagnosticDescriptors.All)
        {
            text.Append($"| [{rule.Id}]({rule.Id}.md) | {rule.Category} | {rule.Title} | {Severity(rule.DefaultSeverity)} | ");
            text.Append(rule.IsEnabledByDefault ? "Yes" : "No").Append(" | ");
            text.Append(FixableIds.Contains(rule.Id) ? "Yes" : "No").Append(" |\n");
        }
        text.Append("""

            ## Suppressions

            A `DiagnosticSuppressor` hides a compiler warning where it says something untrue about coroutines; the CORO rule
            on the same code says what is really wrong.

            | ID | Suppresses | Justification |
            |---|---|---|

            """);
        foreach (var suppression in new Coroutines.Analyzers.Suppressors.ColdCoroutineCallSuppressor().SupportedSuppressions)
            text.Append($"| {suppression.Id} | {suppression.SuppressedDiagnosticId} | {suppression.Justification} |\n");
        text.Append($$"""

            ## Help links

            The help link of rule X is `{{Coroutines.Analyzers.DiagnosticDescriptors.HelpLinkBase}}X.md`. The base is the
            constant `RuleDocumentation.HelpLinkBase` in `Coroutines.Shared/RuleDocumentation.cs`, compiled into both the
            analyzers and the generator. To point the links elsewhere (a fork, a documentation site), change
            `RuleDocumentation.RepositoryUrl` there and the package's `RepositoryUrl` in `Coroutines.Runtime/Coroutines.Runtime.csproj`
            to the same address (the package tests check that they agree and that every link names a page in this folder),
            then regenerate this page.

            """);
        return text.ToString();
    }

    private static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Info => "Info",
        DiagnosticSeverity.Warning => "Warning",
        DiagnosticSeverity.Error => "Error",
        _ => "Hidden",
    };
}
