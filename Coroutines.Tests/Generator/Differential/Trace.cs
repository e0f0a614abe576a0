namespace Coroutines.Tests.Generator.Differential;

/// <summary>What a differential program observably does: printed lines, stamped with the virtual loop time.</summary>
public static class Trace
{
    private static readonly List<string> s_lines = new();

    public static void Log(string text) =>
        s_lines.Add($"[{(EventLoop.RunningOrNull?.Time() ?? -1):0.###}] {text}");

    public static void Reset() => s_lines.Clear();

    public static List<string> Take()
    {
        var lines = new List<string>(s_lines);
        s_lines.Clear();
        return lines;
    }
}
