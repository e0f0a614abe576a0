using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Parsing;

// Locals and spilled values of anonymous type: see AnonymousTypeHelpers, which makes their prototypes and helpers.
internal sealed partial class BodyParser
{
    private static bool ContainsAnonymousType(ITypeSymbol type) => AnonymousTypeHelpers.ContainsAnonymousType(type);

    private static ITypeSymbol StorableEnumeratorType(ITypeSymbol enumerator) => AnonymousTypeHelpers.StorableEnumeratorType(enumerator);
}
