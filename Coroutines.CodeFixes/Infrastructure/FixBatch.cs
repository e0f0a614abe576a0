using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Coroutines.CodeFixes.Infrastructure;

/// <summary>
/// State shared by the fixes applied to one document in one batch: the original semantic model, and a record of the
/// one-off edits already made (a field added to a type, a lock field retyped), so Fix All makes them once.
/// </summary>
public sealed class FixBatch
{
    private readonly HashSet<object> _done = new();

    internal FixBatch(SemanticModel model, Document document, CancellationToken cancellationToken)
    {
        Model = model;
        Document = document;
        CancellationToken = cancellationToken;
    }

    /// <summary>The semantic model of the document before any edit.</summary>
    public SemanticModel Model { get; }

    /// <summary>The document being fixed, before any edit.</summary>
    public Document Document { get; }

    /// <summary>Cancellation of the fix.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Returns true the first time it is called with <paramref name="edit"/> in this batch.</summary>
    public bool FirstTime(object edit) => _done.Add(edit);
}
