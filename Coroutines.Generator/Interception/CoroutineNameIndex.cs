using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Interception;

/// <summary>
/// The names of the <c>[Coroutine]</c> methods a compilation can call, found without binding anything. The driver runs
/// the call-site transform again for every invocation on each edit; a call whose name is not one of these cannot call
/// a coroutine, so <see cref="CallSiteReader"/> returns before it binds the call. An over-approximation: a name here
/// only means the call is bound and checked.
/// </summary>
internal sealed class CoroutineNameIndex
{
    // One set per compilation (every call site of a run shares it); referenced assemblies are read once, since their
    // symbols outlive the edits.
    private static readonly ConditionalWeakTable<Compilation, CoroutineNameIndex> ByCompilation = new();
    private static readonly ConditionalWeakTable<IAssemblySymbol, HashSet<string>> ByAssembly = new();

    private readonly HashSet<string> _names;

    private CoroutineNameIndex(HashSet<string> names) => _names = names;

    public static CoroutineNameIndex Of(Compilation compilation) => ByCompilation.GetValue(compilation, Collect);

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

    private static CoroutineNameIndex Collect(Compilation compilation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var members = tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax);
            foreach (var method in members.OfType<MethodDeclarationSyntax>())
            {
                if (method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => IsCoroutineAttribute(attribute.Name)))
                    names.Add(method.Identifier.ValueText);
            }
        }
        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly && UsesTheRuntime(assembly))
                names.UnionWith(ByAssembly.GetValue(assembly, CoroutinesDeclaredIn));
        }
        return new CoroutineNameIndex(names);
    }

    /// <summary><c>[Coroutine]</c>, <c>[CoroutineAttribute]</c>, qualified or not (an alias of another name is not recognised).</summary>
    private static bool IsCoroutineAttribute(NameSyntax name)
    {
        string text = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
        return text is "Coroutine" or "CoroutineAttribute";
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
