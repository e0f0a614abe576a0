using System.Collections.Concurrent;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;

namespace Coroutines.Analyzers.Blocking;

/// <summary>
/// Finds the awaitable sibling <c>XAsync</c> of a synchronous method <c>X</c> (CA1849/VSTHRD103/MA0042 logic with the
/// guards: same static-ness and generic arity, not obsolete, awaitable, returning the same result, and
/// parameter-compatible in <b>both</b> directions: the sibling takes exactly X's parameters, optionally followed by a
/// <c>CancellationToken</c>. Results, including "no sibling", are cached per method for the whole compilation.
/// </summary>
internal sealed class AsyncSiblingFinder
{
    private readonly CoroutineSymbols _symbols;
    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?> _cache = new(SymbolEqualityComparer.Default);

    public AsyncSiblingFinder(CoroutineSymbols symbols) => _symbols = symbols;

    /// <summary>The sibling of <paramref name="method"/>, or null when it has none.</summary>
    public IMethodSymbol? Find(IMethodSymbol method) => _cache.GetOrAdd(method.OriginalDefinition, Search);

    private IMethodSymbol? Search(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.Name.EndsWith("Async", System.StringComparison.Ordinal)
            || _symbols.IsAwaitable(method.ReturnType))
            return null;
        var name = method.Name + "Async";
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol candidate && IsSibling(method, candidate))
                    return candidate;
            }
        }
        return null;
    }

    private bool IsSibling(IMethodSymbol method, IMethodSymbol candidate)
    {
        if (candidate.IsStatic != method.IsStatic || candidate.Arity != method.Arity || IsObsolete(candidate)
            || !ReturnsAwaitableOf(candidate.ReturnType, method))
            return false;
        var count = method.Parameters.Length;
        if (candidate.Parameters.Length < count)
            return false;
        for (var i = 0; i < candidate.Parameters.Length; i++)
        {
            var parameter = candidate.Parameters[i];
            if (i >= count)
            {
                // Extra trailing parameters may only be an (optional or not) cancellation token.
                if (!CoroutineSymbols.Is(parameter.Type, _symbols.CancellationToken))
                    return false;
                continue;
            }
            var original = method.Parameters[i];
            if (parameter.RefKind != original.RefKind || !SameType(parameter.Type, original.Type))
                return false;
        }
        return true;
    }

    private bool ReturnsAwaitableOf(ITypeSymbol returnType, IMethodSymbol method)
    {
        if (returnType is not INamedTypeSymbol named)
            return false;
        var definition = named.OriginalDefinition;
        // Task, ValueTask and the loop's own Coroutine are all awaitable siblings.
        if (method.ReturnsVoid)
            return CoroutineSymbols.Is(definition, _symbols.Task) || CoroutineSymbols.Is(definition, _symbols.ValueTask)
                || CoroutineSymbols.Is(definition, _symbols.Coroutine);
        return (CoroutineSymbols.Is(definition, _symbols.TaskOfT) || CoroutineSymbols.Is(definition, _symbols.ValueTaskOfT)
                || CoroutineSymbols.Is(definition, _symbols.CoroutineOfT))
            && SameType(named.TypeArguments[0], method.ReturnType);
    }

    /// <summary>Type equality where method type parameters match by position (siblings declare their own).</summary>
    private static bool SameType(ITypeSymbol left, ITypeSymbol right)
    {
        if (left is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } a
            && right is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } b)
            return a.Ordinal == b.Ordinal;
        if (left is IArrayTypeSymbol leftArray && right is IArrayTypeSymbol rightArray)
            return leftArray.Rank == rightArray.Rank && SameType(leftArray.ElementType, rightArray.ElementType);
        if (left is INamedTypeSymbol { IsGenericType: true } leftNamed && right is INamedTypeSymbol { IsGenericType: true } rightNamed)
        {
            if (!SymbolEqualityComparer.Default.Equals(leftNamed.OriginalDefinition, rightNamed.OriginalDefinition))
                return false;
            for (var i = 0; i < leftNamed.TypeArguments.Length; i++)
            {
                if (!SameType(leftNamed.TypeArguments[i], rightNamed.TypeArguments[i]))
                    return false;
            }
            return true;
        }
        return SymbolEqualityComparer.Default.Equals(left, right);
    }

    private bool IsObsolete(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (CoroutineSymbols.Is(attribute.AttributeClass, _symbols.ObsoleteAttribute))
                return true;
        }
        return false;
    }
}
