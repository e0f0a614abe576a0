using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Shared;

/// <summary>
/// What a <c>[Coroutine]</c> declaration needs for the generator to lower it: the return type <c>Coroutine</c> or
/// <c>Coroutine&lt;T&gt;</c>, <c>async</c>, a body, every containing type <c>partial</c> (the generator adds members to
/// them) and no parameter passed by reference (the coroutine outlives its caller's frame). The analyzer CORO052
/// reports the first four with fixes, the generator stays silent about them and reports the last one (CORO100); both
/// compile this one file.
/// </summary>
internal readonly struct CoroutineDeclaration
{
    private CoroutineDeclaration(bool returnsCoroutine, bool isAsync, bool hasBody, INamedTypeSymbol? nonPartialType, IParameterSymbol? byReferenceParameter)
    {
        ReturnsCoroutine = returnsCoroutine;
        IsAsync = isAsync;
        HasBody = hasBody;
        NonPartialType = nonPartialType;
        ByReferenceParameter = byReferenceParameter;
    }

    /// <summary>Whether the method returns <c>Coroutine</c> or <c>Coroutine&lt;T&gt;</c>.</summary>
    public bool ReturnsCoroutine { get; }

    /// <summary>Whether this declaration has the <c>async</c> modifier.</summary>
    public bool IsAsync { get; }

    /// <summary>Whether this declaration has a block or expression body.</summary>
    public bool HasBody { get; }

    /// <summary>The innermost containing type that no declaration marks <c>partial</c>, if any.</summary>
    public INamedTypeSymbol? NonPartialType { get; }

    /// <summary>The first <c>ref</c>, <c>out</c> or <c>in</c> parameter, if any.</summary>
    public IParameterSymbol? ByReferenceParameter { get; }

    /// <summary>Checks one declaration of <paramref name="method"/>.</summary>
    public static CoroutineDeclaration Check(MethodDeclarationSyntax syntax, IMethodSymbol method, CancellationToken cancellationToken)
    {
        INamedTypeSymbol? nonPartial = null;
        for (var type = method.ContainingType; type is not null && nonPartial is null; type = type.ContainingType)
        {
            if (!IsPartial(type, cancellationToken))
                nonPartial = type;
        }
        IParameterSymbol? byReference = null;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                byReference = parameter;
                break;
            }
        }
        return new CoroutineDeclaration(
            IsCoroutineReturnType(method.ReturnType),
            syntax.Modifiers.Any(SyntaxKind.AsyncKeyword),
            syntax.Body is not null || syntax.ExpressionBody is not null,
            nonPartial,
            byReference);
    }

    /// <summary>Whether <paramref name="type"/> is <c>Coroutines.Coroutine</c> or <c>Coroutines.Coroutine&lt;T&gt;</c> (not a type derived from them).</summary>
    public static bool IsCoroutineReturnType(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Coroutine", ContainingNamespace: { Name: "Coroutines", ContainingNamespace.IsGlobalNamespace: true } } named
        && named.TypeArguments.Length <= 1;

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                return true;
        }
        return false;
    }
}
