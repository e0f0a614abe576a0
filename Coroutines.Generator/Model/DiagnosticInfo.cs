using System;
using Coroutines.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Model;

/// <summary>
/// A diagnostic carried through the pipeline in equatable form (descriptor + tree + span + arguments) and turned
/// into a real <see cref="Diagnostic"/> only when reported, so that <c>#pragma</c> suppression works.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SyntaxTree? Tree, TextSpan Span, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] arguments) =>
        new(descriptor, node.SyntaxTree, node.Span, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Tree is null ? Location.None : Location.Create(Tree, Span), Arguments.ToArray<object>());

    public bool Equals(DiagnosticInfo? other) =>
        other is not null && Descriptor.Equals(other.Descriptor) && ReferenceEquals(Tree, other.Tree) && Span == other.Span && Arguments == other.Arguments;

    public override int GetHashCode() => HashCode(Descriptor.Id.GetHashCode(), Span.GetHashCode(), Arguments.GetHashCode());

    private static int HashCode(int a, int b, int c) => unchecked((a * 31 + b) * 31 + c);
}

internal static class DiagnosticInfoExtensions
{
    public static T[] ToArray<T>(this EquatableArray<string> items) where T : class
    {
        var result = new T[items.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = (T)(object)items[i];
        return result;
    }
}
