using System;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Parsing;

/// <summary>Stops the body parser at the first construct it cannot lower; becomes a CORO101 diagnostic.</summary>
internal sealed class NotLoweredException : Exception
{
    public NotLoweredException(string what, SyntaxNode node)
        : base(what)
    {
        What = what;
        Node = node;
    }

    public string What { get; }

    public SyntaxNode Node { get; }
}
