using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Coroutines.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Interception;

/// <summary>
/// Everything a file's intercepted calls depend on outside the file: the declaration shape of every file, the names of
/// the coroutines that have entry points, the references (a referenced project's changed declarations come as a new
/// reference), and the compilation's options and assembly name. While it compares equal, a
/// file whose tree is unchanged is not read again; when it changes (a <c>[Coroutine]</c> added, a signature or an
/// overload changed anywhere), every file is read again, so unedited files never keep stale interceptors.
/// </summary>
internal sealed class BindingKey : IEquatable<BindingKey>
{
    private readonly EquatableArray<string> _shapes;
    private readonly EquatableArray<string> _coroutineNames;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly CompilationOptions _options;
    private readonly string? _assemblyName;
    private CoroutineNameIndex? _names;

    /// <param name="shapes">Each file's <see cref="DeclarationShape"/>, in the compilation's order.</param>
    /// <param name="coroutineNames">The names of the coroutines that can be redirected: generated here or in a referenced assembly.</param>
    /// <param name="references">The compilation's references, compared by identity.</param>
    /// <param name="options">The compilation's options (nullable context, checked arithmetic and the like change binding).</param>
    /// <param name="assemblyName">The assembly's name: a hidden type's entry point is looked up by it.</param>
    public BindingKey(EquatableArray<string> shapes, EquatableArray<string> coroutineNames, ImmutableArray<MetadataReference> references, CompilationOptions options, string? assemblyName)
    {
        _shapes = shapes;
        _coroutineNames = coroutineNames;
        _references = references;
        _options = options;
        _assemblyName = assemblyName;
    }

    /// <summary>The coroutine names as a set, built once per key.</summary>
    public CoroutineNameIndex Names => _names ??= new CoroutineNameIndex(_coroutineNames);

    public bool Equals(BindingKey? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (_coroutineNames.Equals(other._coroutineNames)
                && string.Equals(_assemblyName, other._assemblyName, StringComparison.Ordinal)
                && _references.SequenceEqual(other._references, ReferenceEquality.Instance)
                && _options.Equals(other._options)
                && _shapes.Equals(other._shapes)));

    public override bool Equals(object? obj) => Equals(obj as BindingKey);

    // The shapes are long texts: the hash leaves them out, equality compares them.
    public override int GetHashCode() => _coroutineNames.GetHashCode() ^ _shapes.Count;

    private sealed class ReferenceEquality : IEqualityComparer<MetadataReference>
    {
        public static readonly ReferenceEquality Instance = new();

        public bool Equals(MetadataReference? x, MetadataReference? y) => ReferenceEquals(x, y);

        public int GetHashCode(MetadataReference obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
