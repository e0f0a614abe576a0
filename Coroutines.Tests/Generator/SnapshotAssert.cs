using System.Runtime.CompilerServices;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Coroutines.Tests.Generator;

/// <summary>
/// Golden-file comparison: <c>Snapshots/&lt;name&gt;.verified.cs</c> beside this file holds the expected output. On a
/// mismatch the actual text goes to <c>&lt;name&gt;.received.cs</c> and the test fails with a line diff. Set
/// <c>CORO_ACCEPT_SNAPSHOTS=1</c> to accept the received output as the new expected one.
/// </summary>
internal static class SnapshotAssert
{
    public const string AcceptVariable = "CORO_ACCEPT_SNAPSHOTS";

    public static void Matches(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        Directory.CreateDirectory(directory);
        string verified = Path.Combine(directory, name + ".verified.cs");
        string received = Path.Combine(directory, name + ".received.cs");
        actual = Normalize(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"No snapshot {verified} yet; the output is in {received}. Review it and run with {AcceptVariable}=1 to accept.");
        }
        string expected = Normalize(File.ReadAllText(verified));
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail($"Generated code differs from {verified} (received: {received}; accept with {AcceptVariable}=1):\n{Diff(expected, actual)}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

    private static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual);
        var lines = new List<string>();
        foreach (var line in model.Lines)
        {
            if (line.Type == ChangeType.Inserted)
                lines.Add("+ " + line.Text);
            else if (line.Type == ChangeType.Deleted)
                lines.Add("- " + line.Text);
        }
        return string.Join("\n", lines.Take(80));
    }
}
