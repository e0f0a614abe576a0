using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Coroutines.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Interception;

/// <summary>
/// The names of the <c>[Coroutine]</c> methods a compilation can redirect calls to: those the generator generates
/// entry points for (however the attribute is spelled: alias, qualified name) and those of referenced assemblies built
/// with it. A call whose name is not one of these cannot call a coroutine, so <see cref="CallSiteReader"/> does not bind
/// it. An over-approximation: a name here only means the call is bound and checked.
/// </summary>
internal sealed class CoroutineNameIndex
{
    // Referenced assemblies are read once: their symbols outlive the edits.
    private static readonly ConditionalWeakTable<IAssemblySymbol, HashSet<string>> ByAssembly = new();

    private readonly HashSet<string> _names;

    public CoroutineNameIndex(IEnumerable<string> names) => _names = new HashSet<string>(names, StringComparer.Ordinal);

    /// <summary>Whether the call may be a call of a <c>[Coroutine]</c> method (its name is one).</summary>
    public bool MayBeCalledBy(InvocationExpressionSyntax invocation)
    {
        SimpleNameSyntax? name = invocation.Expression switch
        {
            SimpleNameSyntax simple => simple,
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            _ => null,
        };
        return name is not null && _names.Contains(name.Identifier.ValueText);
    }

    /// <summary>The names of the <c>[Coroutine]</c> methods of the referenced assemblies built against the runtime, sorted.</summary>
    public static EquatableArray<string> InReferencesOf(Compilation compilation)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly && UsesTheRuntime(assembly))
                names.UnionWith(ByAssembly.GetValue(assembly, CoroutinesDeclaredIn));
        }
        return names.ToEquatableArray();
    }

    /// <summary>Only an assembly built against the runtime can declare <c>[Coroutine]</c> methods; the framework's are skipped at once.</summary>
    private static bool UsesTheRuntime(IAssemblySymbol assembly) =>
        assembly.Modules.Any(module => module.ReferencedAssemblies.Any(identity => identity.Name == "Coroutines.Runtime"));

    private static HashSet<string> CoroutinesDeclaredIn(IAssemblySymbol assembly)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            var current = namespaces.Pop();
            foreach (var ns in current.GetNamespaceMembers())
                namespaces.Push(ns);
            foreach (var type in current.GetTypeMembers())
                AddCoroutinesOf(type, names);
        }
        return names;
    }

    private static void AddCoroutinesOf(INamedTypeSymbol type, HashSet<string> names)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == CoroutineGenerator.CoroutineAttributeName))
                names.Add(method.Name);
        }
        foreach (var nested in type.GetTypeMembers())
            AddCoroutinesOf(nested, names);
    }
}
