using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Interception;

/// <summary>
/// The semantic model a file's calls are read with: nullable analysis off. With it on, the first question about a call
/// makes the compiler analyse the nullability of the whole method around it; the reader needs only which method is
/// called, whose declared signature it reads from the symbol's definition.
/// </summary>
internal static class BindingModels
{
    // Experimental in Roslyn 4.14 (dotnet/roslyn#70609). Were it removed, the call would throw inside the reader's
    // try and the calls would keep the compiler's lowering.
#pragma warning disable RSEXPERIMENTAL001
    public static SemanticModel For(Compilation compilation, SyntaxTree tree) =>
        compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
}
