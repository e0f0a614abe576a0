using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// The types of <c>var</c> locals whose declared type does not bind because their initializer calls a generated entry
/// point, each resolved once (see <see cref="BodyParser"/>'s entry-point types).
/// </summary>
internal sealed class ResolvedLocalTypes
{
    private readonly Dictionary<ILocalSymbol, ITypeSymbol?> _types = new(SymbolEqualityComparer.Default);

    /// <summary>The type of <paramref name="local"/> that <paramref name="resolve"/> gives, resolved on first use; null when it does not resolve.</summary>
    public ITypeSymbol? GetOrResolve(ILocalSymbol local, System.Func<ILocalSymbol, ITypeSymbol?> resolve)
    {
        if (_types.TryGetValue(local, out var resolved))
            return resolved;
        _types[local] = null;   // a local whose initializer reads itself stays unresolved
        resolved = resolve(local);
        _types[local] = resolved;
        return resolved;
    }
}
