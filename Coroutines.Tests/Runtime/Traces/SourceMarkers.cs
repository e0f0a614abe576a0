using System.Runtime.CompilerServices;

namespace Coroutines.Tests.Runtime.Traces;

/// <summary>
/// Finds the line numbers of marker comments (<c>// marker: name</c>) in a test's own source file, so trace tests
/// assert the lines a stack trace must show without hard-coding numbers that every edit would shift (the way
/// CPython's test_futures2::test_future_traceback finds its marker lines).
/// </summary>
public static class SourceMarkers
{
    /// <summary>The 1-based line of <c>// marker: <paramref name="name"/></c> in the caller's file.</summary>
    public static int LineOf(string name, [CallerFilePath] string file = "")
    {
        var lines = File.ReadAllLines(file);
        int found = Array.FindIndex(lines, line => line.TrimEnd().EndsWith("// marker: " + name, StringComparison.Ordinal));
        if (found < 0)
            throw new ArgumentException($"No line of {file} ends with '// marker: {name}'.", nameof(name));
        return found + 1;
    }

    /// <summary>The frames of a trace's text ("at ..." lines), trimmed, in order.</summary>
    public static List<string> Frames(string trace) =>
        trace.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("at ", StringComparison.Ordinal)).ToList();
}
