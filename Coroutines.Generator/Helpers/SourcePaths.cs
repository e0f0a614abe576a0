using System;
using System.Collections.Generic;
using System.Text;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Helpers;

/// <summary>
/// The two ways a user's file path is written into generated code, so that no build directory is baked into the
/// binaries: await sites name the file relative to the project, and <c>#line</c> directives apply the PathMap the
/// compiler applies to every other path it writes (the generated text is embedded in the PDB as it is, so the
/// compiler cannot map a path inside it).
/// </summary>
internal static class SourcePaths
{
    /// <summary>
    /// The file as task dumps and <c>GetStack()</c> show it: relative to the project directory, with '/' separators
    /// (the same text on every machine and OS). A file outside the project is named by the PathMap if one applies,
    /// else by its name alone. A path that is already relative is kept.
    /// </summary>
    public static string ForAwaitSite(string path, BuildPaths paths)
    {
        if (path.Length == 0 || !IsAbsolute(path))
            return path;
        if (paths.ProjectDirectory is { Length: > 0 } project)
        {
            string directory = WithSeparator(project);
            if (path.StartsWith(directory, StringComparison.Ordinal))
                return path.Substring(directory.Length).Replace('\\', '/');
        }
        string mapped = ForLineDirective(path, paths);
        return ReferenceEquals(mapped, path) ? FileName(path) : mapped;
    }

    /// <summary>
    /// The file as a <c>#line</c> directive names it: absolute (a relative one would be resolved against the
    /// generated file's directory), through the first PathMap entry whose key prefixes it, as the compiler maps
    /// the paths of source documents and <c>[CallerFilePath]</c>.
    /// </summary>
    public static string ForLineDirective(string path, BuildPaths paths)
    {
        if (paths.PathMap is not { Length: > 0 } pathMap)
            return path;
        foreach (var (from, to) in ParsePathMap(pathMap))
        {
            if (from.Length == 0 || !path.StartsWith(from, StringComparison.Ordinal))
                continue;
            bool atSeparator = IsSeparator(from[from.Length - 1]) || path.Length == from.Length || IsSeparator(path[from.Length]);
            if (!atSeparator)
                continue;
            string rest = path.Substring(from.Length);
            // as the compiler does: the rest takes the separator the replacement uses
            return to + (to.IndexOf('\\') >= 0 ? rest.Replace('/', '\\') : rest.Replace('\\', '/'));
        }
        return path;
    }

    /// <summary>
    /// <c>key=value,key=value</c>, as MSBuild passes <c>$(PathMap)</c> to the compiler; <c>,,</c> and <c>==</c>
    /// stand for a literal comma and equals sign.
    /// </summary>
    internal static List<(string From, string To)> ParsePathMap(string pathMap)
    {
        var entries = new List<(string, string)>();
        var part = new StringBuilder();
        string? key = null;
        for (int i = 0; i <= pathMap.Length; i++)
        {
            char c = i < pathMap.Length ? pathMap[i] : ',';
            bool doubled = i + 1 < pathMap.Length && pathMap[i + 1] == c;
            if (c is ',' or '=' && doubled)
            {
                part.Append(c);
                i++;
            }
            else if (c == '=' && key is null)
            {
                key = part.ToString();
                part.Clear();
            }
            else if (c == ',')
            {
                if (key is not null)
                    entries.Add((key, part.ToString()));
                key = null;
                part.Clear();
            }
            else
            {
                part.Append(c);
            }
        }
        return entries;
    }

    private static string WithSeparator(string directory) =>
        IsSeparator(directory[directory.Length - 1]) ? directory : directory + System.IO.Path.DirectorySeparatorChar;

    private static bool IsAbsolute(string path) =>
        path[0] is '/' or '\\' || path.Length > 2 && path[1] == ':' && IsSeparator(path[2]);

    private static bool IsSeparator(char c) => c is '/' or '\\';

    private static string FileName(string path)
    {
        int slash = path.LastIndexOfAny(new[] { '/', '\\' });
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
