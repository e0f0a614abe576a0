using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Interception;

/// <summary>The interceptors of the calls in one user file, generated as one file.</summary>
/// <param name="HintName">The generated file's name: the user file's name, numbered when two folders hold files of that name.</param>
/// <param name="SourceFile">The user file's name, for the header comment.</param>
/// <param name="Calls">The redirected calls in the file, in source order.</param>
internal sealed record InterceptorFile(string HintName, string SourceFile, EquatableArray<InterceptedCall> Calls)
{
    /// <summary>
    /// Splits the calls by file. Each file compares equal to its previous version unless one of its calls changed, so
    /// editing one file regenerates only that file's interceptors.
    /// </summary>
    public static ImmutableArray<InterceptorFile> ByFile(ImmutableArray<InterceptedCall> calls)
    {
        var files = calls.GroupBy(c => c.FilePath, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);   // hint names ignore case
        var result = ImmutableArray.CreateBuilder<InterceptorFile>(files.Count);
        foreach (var file in files)
        {
            string name = FileNameOf(file.Key);
            string stem = HintSafe(name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 3) : name);
            string unique = stem;
            for (int n = 2; !used.Add(unique); n++)
                unique = stem + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result.Add(new InterceptorFile(unique + ".Interceptors.g.cs", name, file.ToEquatableArray()));
        }
        return result.MoveToImmutable();
    }

    private static string FileNameOf(string path) =>
        path.Substring(Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1);

    /// <summary>Hint names allow few characters: everything else becomes '_'.</summary>
    private static string HintSafe(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name)
            text.Append(char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        return text.Length == 0 ? "_" : text.ToString();
    }
}
