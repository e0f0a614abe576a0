using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Generator.Interception;

/// <summary>
/// Whether the build lets the generated namespace intercept calls. The package's MSBuild targets add it to
/// <c>InterceptorsNamespaces</c>; a build without it gets no interceptors (the compiler would reject them), and a direct
/// call then runs the compiler's own lowering of the method, which behaves the same.
/// </summary>
internal static class InterceptionSettings
{
    /// <summary>The namespace of every generated interceptor.</summary>
    public const string Namespace = "Coroutines.Generated";

    /// <summary>The compiler features that list the namespaces allowed to declare interceptors (the second is the C# 12 name).</summary>
    private static readonly string[] Features = { "InterceptorsNamespaces", "InterceptorsPreviewNamespaces" };

    public static bool IsEnabled(ParseOptions options)
    {
        if (options is not CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp11 })
            return false;   // the generated file declares a file-local class
        foreach (string feature in Features)
        {
            if (!options.Features.TryGetValue(feature, out var namespaces))
                continue;
            foreach (string name in namespaces.Split(';'))
            {
                if (string.Equals(name.Trim(), Namespace, StringComparison.Ordinal))
                    return true;
            }
        }
        return false;
    }
}
