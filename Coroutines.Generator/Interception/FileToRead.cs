using System;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Interception;

/// <summary>
/// One file of the compilation, to be read for calls of coroutines. Equal to its previous version when the tree is the
/// same object (the file was not edited) and the <see cref="BindingKey"/> is equal: the driver then keeps the file's
/// previous calls and does not read it again.
/// </summary>
internal sealed class FileToRead : IEquatable<FileToRead>
{
    // Weak: the driver keeps the previous value of an unchanged file, and with it a strong reference would keep an old
    // compilation alive. A file is only read in the run that made this value, whose compilation the driver holds.
    private readonly WeakReference<Compilation> _compilation;

    public FileToRead(SyntaxTree tree, BindingKey key, Compilation compilation)
    {
        Tree = tree;
        Key = key;
        _compilation = new WeakReference<Compilation>(compilation);
    }

    public SyntaxTree Tree { get; }

    public BindingKey Key { get; }

    /// <summary>The compilation to bind the file's calls with.</summary>
    public Compilation Compilation => _compilation.TryGetTarget(out var compilation)
        ? compilation
        : throw new InvalidOperationException("The file is read after the run that listed it.");

    public bool Equals(FileToRead? other) => other is not null && ReferenceEquals(Tree, other.Tree) && Key.Equals(other.Key);

    public override bool Equals(object? obj) => Equals(obj as FileToRead);

    public override int GetHashCode() => Tree.GetHashCode();
}
