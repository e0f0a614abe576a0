using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Analyzers.Regions;

/// <summary>
/// A region of code whose end runs cleanup: the body of a <c>using</c> statement, the rest of the block after a
/// <c>using</c> declaration, the <c>try</c> and <c>catch</c> blocks of a <c>try</c> with a <c>finally</c>, and the body of a
/// <c>lock</c>. Code written inside it expects the resource to be alive (or the lock held) while it runs.
/// </summary>
internal readonly struct ProtectedScope
{
    private ProtectedScope(string kind, TextSpan span, IOperation owner, IOperation container)
    {
        Kind = kind;
        Span = span;
        Owner = owner;
        Container = container;
    }

    /// <summary>"using", "try/finally" or "lock" (message text).</summary>
    public string Kind { get; }

    /// <summary>The protected source text: what runs before the cleanup.</summary>
    public TextSpan Span { get; }

    /// <summary>The statement that owns the scope.</summary>
    public IOperation Owner { get; }

    /// <summary>An operation whose descendants include all the code of <see cref="Span"/>.</summary>
    public IOperation Container { get; }

    /// <summary>Whether this is a <c>lock</c> body, where <c>await</c> does not compile.</summary>
    public bool IsLock => Owner is ILockOperation;

    /// <summary>The protected scopes around <paramref name="operation"/> in its own function, innermost first.</summary>
    public static List<ProtectedScope> Around(IOperation operation)
    {
        var scopes = new List<ProtectedScope>();
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    return scopes;
                case IUsingOperation @using when child == @using.Body:
                    scopes.Add(new ProtectedScope("using", @using.Body.Syntax.Span, @using, @using.Body));
                    break;
                case ILockOperation @lock when child == @lock.Body:
                    scopes.Add(new ProtectedScope("lock", @lock.Body.Syntax.Span, @lock, @lock.Body));
                    break;
                case ITryOperation { Finally: not null } @try when child != @try.Finally:
                    var end = @try.Catches.Length > 0 ? @try.Catches[@try.Catches.Length - 1].Syntax.Span.End : @try.Body.Syntax.Span.End;
                    scopes.Add(new ProtectedScope("try/finally", TextSpan.FromBounds(@try.Body.Syntax.SpanStart, end), @try, @try));
                    break;
                case IBlockOperation block:
                    // A using declaration protects the rest of its block; the nearest declaration is the innermost scope.
                    var index = block.Operations.IndexOf(child);
                    for (var i = index - 1; i >= 0; i--)
                    {
                        if (block.Operations[i] is IUsingDeclarationOperation declaration)
                            scopes.Add(new ProtectedScope("using", TextSpan.FromBounds(declaration.Syntax.Span.End, block.Syntax.Span.End), declaration, block));
                    }
                    break;
            }
        }
        return scopes;
    }
}
