using System.Linq;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Helpers;

/// <summary>Which types code elsewhere in the same assembly can write (the generated namespace, an internal member's signature).</summary>
internal static class AssemblyNaming
{
    /// <summary>Whether code anywhere in <paramref name="compilation"/>'s assembly can name <paramref name="type"/>: no private, protected or file-local type in it.</summary>
    public static bool IsNameable(ITypeSymbol type, Compilation compilation) => type switch
    {
        ITypeParameterSymbol or IDynamicTypeSymbol => true,
        IArrayTypeSymbol array => IsNameable(array.ElementType, compilation),
        IPointerTypeSymbol pointer => IsNameable(pointer.PointedAtType, compilation),
        INamedTypeSymbol { IsAnonymousType: false } named => compilation.IsSymbolAccessibleWithin(named.OriginalDefinition, compilation.Assembly)
            && !named.IsFileLocal
            && named.TypeArguments.All(t => IsNameable(t, compilation))
            && (named.ContainingType is null || IsNameable(named.ContainingType, compilation)),
        _ => false,
    };

    /// <summary>Whether every type of the method's signature (result, parameters, constraints) is <see cref="IsNameable"/>.</summary>
    public static bool IsSignatureNameable(IMethodSymbol method, Compilation compilation) =>
        IsNameable(method.ReturnType, compilation)
        && method.Parameters.All(p => IsNameable(p.Type, compilation))
        && method.TypeParameters.SelectMany(t => t.ConstraintTypes).All(t => IsNameable(t, compilation));
}
