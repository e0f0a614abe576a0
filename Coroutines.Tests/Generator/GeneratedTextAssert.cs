using System.Text.RegularExpressions;

namespace Coroutines.Tests.Generator;

/// <summary>Checks that generated code names things as the user wrote them.</summary>
internal static class GeneratedTextAssert
{
    private static readonly Regex Site = new(@"new global::Coroutines\.AwaitSite\(""[^""]*"", (\d+), ""((?:[^""\\]|\\.)*)""\)");

    /// <summary>The (line, text) of each await site of the generated file.</summary>
    public static List<(int Line, string Text)> SitesOf(string generated) =>
        Site.Matches(generated).Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Regex.Unescape(m.Groups[2].Value))).ToList();

    /// <summary>
    /// Each await site's text is the user's own code, written after an <c>await</c> that starts at the site's line
    /// (compared with whitespace collapsed, as the generator quotes it), and no temporary is a numbered <c>__t</c>.
    /// </summary>
    public static void NamesAreTheUsers(string source, string generated)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        foreach (var (line, text) in SitesOf(generated))
        {
            string quoted = text.EndsWith("...", StringComparison.Ordinal) ? text[..^3] : text;
            string from = Collapse(string.Join(" ", lines.Skip(line - 1)));
            Assert.That(Collapse(lines[line - 1]), Does.Contain("await"), $"the await site at line {line} ('{text}')");
            Assert.That(from, Does.Contain("await " + quoted), $"the await site at line {line} quotes the user's code");
        }
        Assert.That(Regex.Matches(generated, @"\b__t\d+\b").Select(m => m.Value).Distinct(), Is.Empty, "temporaries are named by role");
    }

    private static string Collapse(string text) => Regex.Replace(text, @"\s+", " ");
}
