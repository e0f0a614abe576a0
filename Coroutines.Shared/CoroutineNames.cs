using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Coroutines.Shared;

/// <summary>
/// The names of what the generator adds for a <c>[Coroutine]</c> method <c>M</c>: the entry point <c>MAsync</c>, the
/// nested machine class <c>MCoroutine</c> (<c>MCoroutine1</c>, <c>MCoroutine2</c>... for overloads) and its file. The
/// generator makes these names and the analyzers look for them, so both compile this one file (an analyzer and a
/// generator cannot reference each other's assembly at run time).
/// </summary>
internal static class CoroutineNames
{
    /// <summary>The metadata name of the attribute that marks a coroutine method.</summary>
    public const string AttributeMetadataName = "Coroutines.CoroutineAttribute";

    /// <summary>What the entry point appends to the method's name.</summary>
    public const string EntryPointSuffix = "Async";

    /// <summary>What the machine class appends to the method's name (before an overload's number).</summary>
    public const string MachineSuffix = "Coroutine";

    /// <summary>How every generated file's name ends.</summary>
    public const string GeneratedFileSuffix = ".Coroutine.g.cs";

    /// <summary><c>MAsync</c> for <c>M</c>.</summary>
    public static string EntryPointOf(string methodName) => methodName + EntryPointSuffix;

    /// <summary>Whether <paramref name="name"/> could be a generated entry point's (it ends in <c>Async</c>).</summary>
    public static bool IsEntryPointLike(string name) => name.EndsWith(EntryPointSuffix, StringComparison.Ordinal);

    /// <summary><c>M</c> for <c>MAsync</c>; null for a name that no entry point has.</summary>
    public static string? MethodOfEntryPoint(string name) =>
        name.Length > EntryPointSuffix.Length && IsEntryPointLike(name) ? name.Substring(0, name.Length - EntryPointSuffix.Length) : null;

    /// <summary>
    /// <c>M</c> → <c>MCoroutine</c>. When the type declares several methods named <c>M</c> (overloads), the machine of
    /// the k-th one in declaration order is <c>MCoroutine{k}</c>; the entry points stay overloads of <c>MAsync</c>.
    /// </summary>
    public static string MachineOf(IMethodSymbol method)
    {
        var sameName = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().ToList();
        if (sameName.Count <= 1)
            return method.Name + MachineSuffix;
        int index = sameName.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, method));
        return method.Name + MachineSuffix + (index + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="symbol"/> was declared by the generator (in one of its files).</summary>
    public static bool IsGenerated(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Any(r => r.SyntaxTree.FilePath.EndsWith(GeneratedFileSuffix, StringComparison.Ordinal));
}
