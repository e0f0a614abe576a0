namespace Coroutines;

/// <summary>
/// Where every diagnostic's help link points: the per-rule pages under docs/rules/ in the repository. This file is
/// compiled into both Coroutines.Analyzers and Coroutines.Generator, so the help links of all CORO diagnostics change in
/// this one place (docs/rules/README.md, "Help links").
/// </summary>
internal static class RuleDocumentation
{
    /// <summary>The repository; also the package's RepositoryUrl (Directory.Build.props), which the package tests compare.</summary>
    public const string RepositoryUrl = "https://github.com/coroutines-dotnet/Coroutines";

    /// <summary>The folder of the rule pages; the help link of rule X is this plus "X.md".</summary>
    public const string HelpLinkBase = RepositoryUrl + "/blob/main/docs/rules/";

    /// <summary>The help link of rule <paramref name="id"/>.</summary>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
