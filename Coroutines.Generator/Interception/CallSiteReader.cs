using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Helpers;
using Coroutines.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Interception;

/// <summary>
/// Invocation → <see cref="InterceptedCall"/>: recognises a call of a <c>[Coroutine]</c> method and describes the
/// interceptor that forwards it to the generated entry point. Returns null for every call that is not redirected.
/// </summary>
internal static class CallSiteReader
{
    /// <summary>
    /// The redirected calls in one file, in source order. Method groups and delegates are no invocations, so they keep
    /// the compiler's lowering.
    /// </summary>
    public static EquatableArray<InterceptedCall> ReadFile(FileToRead file, CancellationToken ct)
    {
        var tree = file.Tree;
        if (!InterceptionSettings.IsEnabled(tree.Options))
            return EquatableArray<InterceptedCall>.Empty;   // the compiler would reject the interceptors; the calls keep the compiler's lowering
        var names = file.Key.Names;
        SemanticModel? model = null;
        var calls = new List<InterceptedCall>();
        foreach (var invocation in tree.GetRoot(ct).DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (!names.MayBeCalledBy(invocation))
                continue;   // no coroutine has this name: nothing to bind
            model ??= BindingModels.For(file.Compilation, tree);
            try
            {
                if (ReadCall(invocation, model, ct) is { } call)
                    calls.Add(call);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // broken code must not crash the build: the call simply keeps the compiler's lowering
            }
        }
        return calls.ToEquatableArray();
    }

    private static InterceptedCall? ReadCall(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken ct)
    {
        if (model.GetSymbolInfo(invocation, ct).Symbol is not IMethodSymbol called)
            return null;
        var compilation = model.Compilation;
        if (RedirectTarget.Of(called, compilation, ct) is not { } method || RedirectTarget.IsInExpressionTree(invocation, model, ct))
            return null;
        string? entryKey = method.DeclaringSyntaxReferences.Length > 0 ? CoroutineGenerator.Parser.HintNameOf(method) : null;
        var interceptor = InterceptorOf(method, compilation);
        if (interceptor is null)
            return null;
        var location = model.GetInterceptableLocation(invocation, ct);
        if (location is null)
            return null;
        return new InterceptedCall(invocation.SyntaxTree.FilePath, entryKey, interceptor, location.GetInterceptsLocationAttributeSyntax(), DisplayLocation(invocation));
    }

    private const string Receiver = "__receiver";

    /// <summary>
    /// The interceptor, or null when the generated namespace cannot name a type of the signature (a private nested
    /// type, say): such calls keep the compiler's lowering.
    /// </summary>
    private static InterceptorSpec? InterceptorOf(IMethodSymbol method, Compilation compilation)
    {
        var containing = method.ContainingType;
        var typeParameters = TypeParametersOf(method);
        // A static method of a type the generated namespace cannot name (a private nested type) is reached through an
        // [UnsafeAccessor] that names the type as a string, generic methods too (the runtime matches the accessor's
        // type parameters to the method's). Not an instance method: the compiler requires its interceptor's 'this'
        // parameter to be of the receiver's type, which only code inside the containing type can name. Nor a method of
        // a generic hidden type, whose accessor would have to live in a generic class that names the type's arguments.
        bool hidden = !IsNameable(containing, compilation);
        if (hidden && (!method.IsStatic || typeParameters.Count > method.TypeParameters.Length || method.IsExtensionMethod
            || compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.UnsafeAccessorTypeAttribute") is null))
            return null;
        var signatureTypes = new List<ITypeSymbol> { method.ReturnType };
        if (!hidden)
            signatureTypes.Add(containing);
        signatureTypes.AddRange(method.Parameters.Select(p => p.Type));
        signatureTypes.AddRange(typeParameters.SelectMany(t => t.ConstraintTypes));
        if (!signatureTypes.All(t => IsNameable(t, compilation)))
            return null;
        var typeParameterNames = typeParameters.Select(t => t.Name).ToList();
        if (typeParameterNames.Distinct(StringComparer.Ordinal).Count() != typeParameterNames.Count)
            return null;   // a method type parameter that hides the type's one cannot be written in one list

        string containingText = CoroutineGenerator.Parser.TypeText(containing);
        var parameters = new List<string>();
        if (!method.IsStatic)
        {
            // a struct's instance method receives its 'this' by reference ('in' when the method cannot change it)
            string refKind = containing.IsValueType ? (method.IsReadOnly ? "in " : "ref ") : "";
            parameters.Add($"this {refKind}{containingText} {Receiver}");
        }
        var names = method.Parameters.Select(p => CoroutineGenerator.Parser.EscapedName(CoroutineGenerator.Parser.UserName(p.Name))).ToList();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            string thisModifier = i == 0 && method.IsExtensionMethod ? "this " : "";
            parameters.Add($"{thisModifier}{CoroutineGenerator.Parser.TypeText(method.Parameters[i].Type)} {names[i]}");
        }
        var constraints = typeParameters.Select(ConstraintClause).Where(c => c is not null).Select(c => c!).ToEquatableArray();
        string typeParameterList = typeParameterNames.Count == 0 ? "" : "<" + string.Join(", ", typeParameterNames) + ">";
        if (hidden)
        {
            return new InterceptorSpec(
                Name: CoroutineGenerator.Parser.EscapedName(method.Name),
                TypeParameters: typeParameterList,
                Parameters: string.Join(", ", parameters),
                Constraints: constraints,
                ReturnType: CoroutineGenerator.Parser.TypeText(method.ReturnType),
                Call: string.Join(", ", names.Prepend("null")),
                Target: method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat))
            {
                HiddenEntry = new HiddenEntrySpec(MetadataNameOf(containing) + ", " + compilation.AssemblyName, CoroutineNames.EntryPointOf(method.Name)),
            };
        }
        string methodTypeArguments = method.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">";
        string entry = $"{method.Name}Async{methodTypeArguments}({string.Join(", ", names)})";
        return new InterceptorSpec(
            Name: CoroutineGenerator.Parser.EscapedName(method.Name),
            TypeParameters: typeParameterList,
            Parameters: string.Join(", ", parameters),
            Constraints: constraints,
            ReturnType: CoroutineGenerator.Parser.TypeText(method.ReturnType),
            Call: (method.IsStatic ? containingText : Receiver) + "." + entry,
            Target: method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
    }

    /// <summary><c>N.Outer+Hidden</c>: the type's name as the runtime resolves it from a string.</summary>
    private static string MetadataNameOf(INamedTypeSymbol type)
    {
        var names = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType)
            names.Insert(0, current.MetadataName);
        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".";
        return ns + string.Join("+", names);
    }

    /// <summary>
    /// The interceptor's type parameters: those of the containing types, outermost first, then the method's. The
    /// compiler substitutes the call's type arguments in that order.
    /// </summary>
    private static List<ITypeParameterSymbol> TypeParametersOf(IMethodSymbol method)
    {
        var result = new List<ITypeParameterSymbol>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            result.InsertRange(0, type.TypeParameters);
        result.AddRange(method.TypeParameters);
        return result;
    }

    private static bool IsNameable(ITypeSymbol type, Compilation compilation) => AssemblyNaming.IsNameable(type, compilation);

    private static string? ConstraintClause(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
            parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        else if (parameter.HasUnmanagedTypeConstraint)
            parts.Add("unmanaged");
        else if (parameter.HasValueTypeConstraint)
            parts.Add("struct");
        else if (parameter.HasNotNullConstraint)
            parts.Add("notnull");
        parts.AddRange(parameter.ConstraintTypes.Select(CoroutineGenerator.Parser.TypeText));
        if (parameter.HasConstructorConstraint)
            parts.Add("new()");
        if (parameter.AllowsRefLikeType)
            parts.Add("allows ref struct");
        return parts.Count == 0 ? null : $"where {parameter.Name} : {string.Join(", ", parts)}";
    }

    /// <summary><c>Program.cs(12,9)</c>: the file's name only, so no build directory is written into the output.</summary>
    private static string DisplayLocation(InvocationExpressionSyntax invocation)
    {
        var position = invocation.GetLocation().GetLineSpan().StartLinePosition;
        string path = invocation.SyntaxTree.FilePath;
        string file = path.Substring(Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1);
        return $"{file}({position.Line + 1},{position.Character + 1})";
    }
}
