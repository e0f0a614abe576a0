using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Benchmarks.Workloads;

/// <summary>
/// The in-memory project of the interception workload: 10,000 call sites in 100 files of 100, of which 1,000 (ten per
/// file) call one of 100 <c>[Coroutine]</c> methods and the rest call an ordinary static method. Built like
/// <see cref="ThroughputProject"/> (the .NET 10 reference assemblies, Coroutines.Runtime, nullable enabled), with or
/// without the generated namespace in <c>InterceptorsNamespaces</c>.
/// </summary>
public static class InterceptionProject
{
    /// <summary>Every invocation in the project.</summary>
    public const int CallSites = Files * CallsPerFile;

    /// <summary>The invocations of <c>[Coroutine]</c> methods.</summary>
    public const int CoroutineCalls = Files * CoroutineCallsPerFile;

    /// <summary>The <c>[Coroutine]</c> methods the calls are spread over.</summary>
    public const int Coroutines = 100;

    private const int Files = 100;
    private const int CallsPerFile = 100;
    private const int CoroutineCallsPerFile = 10;

    /// <summary>The parse options of a project that lets the generator intercept (what the package's targets give).</summary>
    public static CSharpParseOptions Intercepting { get; } =
        new CSharpParseOptions(LanguageVersion.Latest).WithFeatures([new("InterceptorsNamespaces", "Coroutines.Generated")]);

    /// <summary>The parse options of a project without interception.</summary>
    public static CSharpParseOptions Plain { get; } = new(LanguageVersion.Latest);

    /// <summary>A fresh compilation of the project (nothing bound yet).</summary>
    public static CSharpCompilation CreateCompilation(CSharpParseOptions options) =>
        ThroughputProject.CreateUserProject("InterceptionDiscovery", Enumerable.Range(0, Files)
            .Select(file => CSharpSyntaxTree.ParseText(CallFile(file), options, $"Calls{file}.cs"))
            .Prepend(CSharpSyntaxTree.ParseText(DeclarationsFile(), options, "Jobs.cs")));

    /// <summary>
    /// The project after one call site's argument changed (the first call of <c>Job0</c> in <c>Calls0.cs</c> toggles
    /// between 0 and 7), re-parsed incrementally as an editor does.
    /// </summary>
    public static CSharpCompilation WithOneCallSiteEdited(CSharpCompilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Calls0.cs");
        var text = tree.GetText();
        const string call = "Jobs.Job0(";
        int start = text.ToString().IndexOf(call, StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException($"Calls0.cs has no '{call}' to edit.");
        int argument = start + call.Length;
        var edited = text.WithChanges(new TextChange(new TextSpan(argument, 1), text[argument] == '7' ? "0" : "7"));
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(edited));
    }

    private static string DeclarationsFile()
    {
        var source = new StringBuilder("using Coroutines;\n\nnamespace Interception;\n\npublic static partial class Jobs\n{\n");
        for (int i = 0; i < Coroutines; i++)
            source.Append($"    [Coroutine]\n    public static async Coroutine<int> Job{i}(int n) {{ await Loop.Yield(); return n + {i}; }}\n\n");
        source.Append("    public static int Plain(int n) => n + 1;\n}\n");
        return source.ToString();
    }

    private static string CallFile(int file)
    {
        var source = new StringBuilder($"using Coroutines;\n\nnamespace Interception;\n\npublic static class Calls{file}\n{{\n    public static int Run()\n    {{\n        int total = 0;\n");
        int step = CallsPerFile / CoroutineCallsPerFile;
        for (int call = 0; call < CallsPerFile; call++)
        {
            source.Append(call % step == 0
                ? $"        Coroutine<int> c{call} = Jobs.Job{(file + call) % Coroutines}({call % 10});\n"
                : $"        total += Jobs.Plain({call});\n");
        }
        return source.Append("        return total;\n    }\n}\n").ToString();
    }
}
