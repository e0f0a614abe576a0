using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Helpers;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// Locals and spilled values of anonymous type (or of a class built from one: <c>'a[]</c>, <c>List&lt;'a&gt;</c>): the
/// machine cannot name their type, so their field or local is an object, and every use goes through a generic helper
/// that infers the type from a prototype and returns the storage re-typed as a reference:
/// <c>__As(ref __point, __pointType)</c>, where the top of MoveNext declares
/// <c>var __pointType = () =&gt; new { X = default(int), Y = default(string)! };</c> once per type. Anonymous types with
/// the same member names, types and order in one assembly are one type (C# spec 12.8.17.7), so the prototype's type is
/// the variable's type. The lambda is never invoked (a cached delegate, nothing is evaluated); returning a ref lets the
/// same text be read, assigned, passed by ref and deconstructed into. This class makes the prototypes and the helpers.
/// </summary>
internal sealed class AnonymousTypeHelpers
{
    /// <summary>The helper that re-types the storage of a variable of anonymous type: <c>__As(ref storage, () =&gt; prototype)</c>.</summary>
    internal const string AnonymousCastHelper = "__As";

    /// <summary>The type of the field or local that holds a variable of anonymous type.</summary>
    internal const string StorageType = "object?";

    private readonly IMethodSymbol _method;
    private readonly LocalTable _locals;
    private readonly List<string> _typeHelpers = new();
    private readonly Dictionary<string, string> _prototypeFactories = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string> _prototypeLocals = new(System.StringComparer.Ordinal);

    /// <summary>The prototype locals at the top of MoveNext: <c>var __pointType = () =&gt; new { X = default(int) };</c>.</summary>
    private readonly List<string> _prototypeDeclarations = new();

    public AnonymousTypeHelpers(IMethodSymbol method, LocalTable locals)
    {
        _method = method;
        _locals = locals;
    }

    /// <summary>Members of the machine that prototypes call (the cast helper first); empty when no variable has an anonymous type.</summary>
    public IReadOnlyList<string> TypeHelpers => _typeHelpers;

    /// <summary>The prototype locals at the top of MoveNext.</summary>
    public IReadOnlyList<string> PrototypeDeclarations => _prototypeDeclarations;

    /// <summary>
    /// How the lowered body uses a moved variable stored at <paramref name="storage"/>: re-typed when its type is
    /// anonymous, through the prototype local at the top of MoveNext, or with the prototype written out inside a lambda
    /// (capturing the local would allocate a closure on every MoveNext).
    /// </summary>
    internal static CodeText Retyped(MovedLocal variable, CodeText storage, bool insideFunction = false) =>
        variable.Prototype is null ? storage
            : CodeText.Of($"{AnonymousCastHelper}(ref {storage}, {(insideFunction ? "() => " + variable.Prototype : variable.PrototypeName)})");

    /// <summary>Gives <paramref name="variable"/> its prototype, declared once per type at the top of MoveNext.</summary>
    public void SetPrototype(MovedLocal variable, string prototype)
    {
        variable.Prototype = prototype;
        if (!_prototypeLocals.TryGetValue(prototype, out var name))
        {
            name = _locals.Reserve("__" + variable.BaseName.TrimStart('_') + "Type");
            _prototypeLocals.Add(prototype, name);
            _prototypeDeclarations.Add($"var {name} = () => {prototype}; // names the type of {CommentText.OneLine(variable.Origin, 60)} for {AnonymousCastHelper}");
        }
        variable.PrototypeName = name;
    }

    /// <summary>
    /// The prototype of <paramref name="type"/> when it contains an anonymous type, or null when the machine can name it.
    /// Only classes: the object storage is re-typed in place, which a struct (a tuple holding an anonymous value) is not.
    /// </summary>
    public string? PrototypeOf(ITypeSymbol type, string what, SyntaxNode origin)
    {
        if (!ContainsAnonymousType(type))
            return null;
        if (!type.IsReferenceType)
            throw new NotLoweredException($"A {what} of struct type '{type.ToDisplayString()}', which contains an anonymous type, in a region that contains an await", origin);
        if (_typeHelpers.Count == 0)
        {
            string t = FactoryTypeParameter("T");
            _typeHelpers.Add(string.Join("\n",
                $"/// <summary>The storage of a variable of anonymous type as a <typeparamref name=\"{t}\"/>; <paramref name=\"prototype\"/> is never invoked, it only names the type.</summary>",
                $"private static ref {t} {AnonymousCastHelper}<{t}>(ref object? storage, global::System.Func<{t}> prototype) where {t} : class? => ref global::System.Runtime.CompilerServices.Unsafe.As<object?, {t}>(ref storage);"));
        }
        return PrototypeExpression(type, what, origin);
    }

    /// <summary>An expression of type <paramref name="type"/> that evaluates nothing with side effects.</summary>
    private string PrototypeExpression(ITypeSymbol type, string what, SyntaxNode origin)
    {
        if (!ContainsAnonymousType(type))
        {
            bool forgive = !type.IsValueType && type.NullableAnnotation != NullableAnnotation.Annotated;
            return $"default({CoroutineGenerator.Parser.TypeText(type)}){(forgive ? "!" : "")}";
        }
        switch (type)
        {
            case INamedTypeSymbol { IsAnonymousType: true } anonymous:
                var members = anonymous.GetMembers().OfType<IPropertySymbol>()
                    .Select(p => $"{CoroutineGenerator.Parser.EscapedName(p.Name)} = {PrototypeExpression(p.Type, what, origin)}");
                return "new { " + string.Join(", ", members) + " }";
            case INamedTypeSymbol { IsTupleType: true, TupleElements.Length: <= 7 } tuple:
                var elements = tuple.TupleElements.Select(e =>
                    (e.IsExplicitlyNamedTupleElement ? CoroutineGenerator.Parser.EscapedName(e.Name) + ": " : "") + PrototypeExpression(e.Type, what, origin));
                return "(" + string.Join(", ", elements) + ")";
            case IArrayTypeSymbol { Rank: 1 } array:
                string element = FactoryTypeParameter("T");
                return FactoryOf("Array", element + "[]", $"global::System.Array.Empty<{element}>()", new[] { element }, constraints: "") + "(" + PrototypeExpression(array.ElementType, what, origin) + ")";
            case INamedTypeSymbol { IsGenericType: true, ContainingType: null } generic when ConstraintsOf(generic.OriginalDefinition) is { } constraints:
                var parameters = generic.OriginalDefinition.TypeParameters.Select(p => FactoryTypeParameter(p.Name)).ToArray();
                string definition = CoroutineGenerator.Parser.TypeText(generic.ConstructUnboundGenericType()).Split('<')[0] + "<" + string.Join(", ", parameters) + ">";
                string factory = FactoryOf(generic.Name, definition, "default!", parameters, constraints);
                return factory + "(" + string.Join(", ", generic.TypeArguments.Select(a => PrototypeExpression(a, what, origin))) + ")";
            default:
                throw new NotLoweredException($"A {what} of type '{type.ToDisplayString()}' in a region that contains an await: no prototype names that type, which contains an anonymous type", origin);
        }
    }

    /// <summary>
    /// The helper that turns prototypes of type arguments into a prototype of <paramref name="type"/>:
    /// <c>static List&lt;T&gt; __ListOf&lt;T&gt;(T prototype) =&gt; default!;</c>, declared once per type.
    /// </summary>
    private string FactoryOf(string name, string type, string value, IReadOnlyList<string> parameters, string constraints)
    {
        if (_prototypeFactories.TryGetValue(type, out var existing))
            return existing;
        string helper = _locals.Reserve("__" + name + "Of");
        _prototypeFactories.Add(type, helper);
        string arguments = parameters.Count == 1
            ? parameters[0] + " prototype"
            : string.Join(", ", parameters.Select((p, i) => p + " prototype" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _typeHelpers.Add(string.Join("\n",
            $"/// <summary>A prototype of {CommentType(type)} for <see cref=\"{AnonymousCastHelper}\"/>; never invoked.</summary>",
            $"private static {type} {helper}<{string.Join(", ", parameters)}>({arguments}){constraints} => {value};"));
        return helper;
    }

    private static string CommentType(string type) => type.Replace("global::", "").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A type parameter of a prototype helper, renamed when the machine is inside a generic that already uses the name.</summary>
    private string FactoryTypeParameter(string name)
    {
        for (ISymbol? scope = _method; scope is not null; scope = scope.ContainingType)
        {
            var outer = scope is IMethodSymbol method ? method.TypeParameters : ((INamedTypeSymbol)scope).TypeParameters;
            if (outer.Any(p => p.Name == name))
                return "__" + name;
        }
        return name;
    }

    /// <summary>The constraint clauses of a generic type's parameters, or null when one names a type (not copied).</summary>
    private string? ConstraintsOf(INamedTypeSymbol definition)
    {
        var clauses = new List<string>();
        foreach (var parameter in definition.TypeParameters)
        {
            if (parameter.ConstraintTypes.Length > 0)
                return null;
            var kinds = new List<string>();
            if (parameter.HasUnmanagedTypeConstraint)
                kinds.Add("unmanaged");
            else if (parameter.HasValueTypeConstraint)
                kinds.Add("struct");
            else if (parameter.HasReferenceTypeConstraint)
                kinds.Add("class");
            else if (parameter.HasNotNullConstraint)
                kinds.Add("notnull");
            if (parameter.HasConstructorConstraint && !parameter.HasValueTypeConstraint)
                kinds.Add("new()");
            if (kinds.Count > 0)
                clauses.Add($" where {FactoryTypeParameter(parameter.Name)} : {string.Join(", ", kinds)}");
        }
        return string.Concat(clauses);
    }

    internal static bool ContainsAnonymousType(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol named => named.IsAnonymousType || named.TypeArguments.Any(ContainsAnonymousType)
            || named.ContainingType is { } outer && ContainsAnonymousType(outer),   // List<'a>.Enumerator
        IArrayTypeSymbol array => ContainsAnonymousType(array.ElementType),
        _ => false,
    };

    /// <summary>
    /// The type a lowered foreach stores its enumerator as: a struct enumerator of anonymous values (List&lt;'a&gt;.Enumerator)
    /// cannot be re-typed in object storage, so it is held boxed as its <c>IEnumerator&lt;T&gt;</c>, which behaves the same.
    /// </summary>
    internal static ITypeSymbol StorableEnumeratorType(ITypeSymbol enumerator) =>
        enumerator.IsValueType && ContainsAnonymousType(enumerator)
            && enumerator.AllInterfaces.FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerator_T) is { } boxed
            ? boxed
            : enumerator;
}
