using Coroutines.Generator.Helpers;

namespace Coroutines.Generator.Model;

/// <summary>The namespace and the chain of containing types a coroutine is declared in, outermost first.</summary>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="Types">The containing types, outermost first.</param>
internal sealed record TypeHierarchySpec(string Namespace, EquatableArray<TypeDeclarationSpec> Types);

/// <summary>One containing type, reopened as <c>partial</c> in the generated file.</summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>, <c>interface</c>.</param>
/// <param name="Name">The name with its type parameter list, e.g. <c>Cache&lt;TKey&gt;</c>.</param>
/// <param name="IsStatic">Whether the type is static (repeated so the partial declarations agree).</param>
internal sealed record TypeDeclarationSpec(string Keyword, string Name, bool IsStatic);
