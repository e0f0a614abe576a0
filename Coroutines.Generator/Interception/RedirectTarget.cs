using System.Linq;
using System.Threading;
using Coroutines.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Interception;

/// <summary>
/// Which calls run a <c>[Coroutine]</c> method's generated entry point instead of the compiler's lowering of the method:
/// the rule shared by the interceptors (calls in the user's files) and by the machines (calls in a lowered body).
/// </summary>
internal static class RedirectTarget
{
    /// <summary>The <c>[Coroutine]</c> method a call runs, if the call can be redirected to its entry point; else null.</summary>
    public static IMethodSymbol? Of(IMethodSymbol called, Compilation compilation, CancellationToken ct)
    {
        var method = (called.ReducedFrom ?? called).OriginalDefinition;
        return IsRedirectable(method) && HasEntryPoint(method, compilation, ct) ? method : null;
    }

    /// <summary>
    /// An ordinary, non-virtual <c>[Coroutine]</c> method of a class or struct. A virtual call is left alone: the entry
    /// point is not virtual, so forwarding to it would skip an override.
    /// </summary>
    private static bool IsRedirectable(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary
        && CoroutineDeclaration.IsCoroutineReturnType(method.ReturnType)
        && !method.IsVirtual && !method.IsAbstract && !method.IsOverride
        && method.ContainingType is { TypeKind: TypeKind.Class or TypeKind.Struct }
        && method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == CoroutineNames.AttributeMetadataName);

    /// <summary>
    /// A method of this compilation has an entry point when the generator generates one for it; a method from a
    /// referenced assembly when that assembly was built with the generator: its entry point (same parameters,
    /// <c>[GeneratedCode("Coroutines.Generator")]</c>) is there and reachable from this assembly.
    /// </summary>
    private static bool HasEntryPoint(IMethodSymbol method, Compilation compilation, CancellationToken ct)
    {
        if (method.DeclaringSyntaxReferences.Length > 0)
            return CoroutineGenerator.Parser.GeneratesEntryPoint(method, ct);
        return method.ContainingType.GetMembers(CoroutineNames.EntryPointOf(method.Name)).OfType<IMethodSymbol>().Any(entry =>
            entry.IsStatic == method.IsStatic
            && entry.TypeParameters.Length == method.TypeParameters.Length
            && entry.Parameters.Select(p => p.Type.ToDisplayString()).SequenceEqual(method.Parameters.Select(p => p.Type.ToDisplayString()))
            && entry.GetAttributes().Any(a => a.AttributeClass?.Name == "GeneratedCodeAttribute"
                && a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value as string == "Coroutines.Generator")
            && compilation.IsSymbolAccessibleWithin(entry, compilation.Assembly));
    }

    /// <summary>A lambda converted to an expression tree is data, not code: its calls are never redirected.</summary>
    public static bool IsInExpressionTree(SyntaxNode node, SemanticModel model, CancellationToken ct)
    {
        foreach (var ancestor in node.Ancestors())
        {
            if (ancestor is AnonymousFunctionExpressionSyntax function
                && model.GetTypeInfo(function, ct).ConvertedType is INamedTypeSymbol { Name: "Expression" or "LambdaExpression" } type
                && type.ContainingNamespace.ToDisplayString() == "System.Linq.Expressions")
                return true;
        }
        return false;
    }
}
