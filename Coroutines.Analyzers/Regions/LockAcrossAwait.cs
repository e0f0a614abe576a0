using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Regions;

/// <summary>
/// Recognises a thread lock acquired in a coroutine and held across an <c>await</c>: an acquire call
/// statement followed, in the same block, by a statement that awaits before any statement that releases. A release in the
/// <c>finally</c> of a try that awaits still counts as held across the await.
/// </summary>
internal static class LockAcrossAwait
{
    private static readonly Dictionary<string, string[]> Acquires = new()
    {
        ["Monitor"] = new[] { "Enter", "TryEnter" },
        ["Lock"] = new[] { "Enter", "TryEnter" },
        ["SemaphoreSlim"] = new[] { "Wait" },
        ["WaitHandle"] = new[] { "WaitOne" },
        ["ReaderWriterLockSlim"] = new[] { "EnterReadLock", "EnterWriteLock", "EnterUpgradeableReadLock", "TryEnterReadLock", "TryEnterWriteLock", "TryEnterUpgradeableReadLock" },
        ["ReaderWriterLock"] = new[] { "AcquireReaderLock", "AcquireWriterLock" },
        ["SpinLock"] = new[] { "Enter", "TryEnter" },
    };

    private static readonly HashSet<string> AcquireNames = new(Acquires.Values.SelectMany(names => names));

    private static readonly HashSet<string> Releases = new()
    {
        "Exit", "Release", "ReleaseMutex", "ExitReadLock", "ExitWriteLock", "ExitUpgradeableReadLock", "ReleaseReaderLock", "ReleaseWriterLock",
    };

    /// <summary>Whether <paramref name="operation"/> is a thread-lock acquire of the System.Threading primitives.</summary>
    public static bool IsAcquire(IOperation operation)
    {
        // The name test first: this runs for every invocation of the compilation.
        if (operation is not IInvocationOperation { TargetMethod: var method } || !AcquireNames.Contains(method.Name))
            return false;
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (IsSystemThreading(type.ContainingNamespace) && Acquires.TryGetValue(type.Name, out var names))
                return System.Array.IndexOf(names, method.Name) >= 0;
        }
        return false;
    }

    /// <summary>Whether the acquire <paramref name="operation"/> is followed by an await before its release.</summary>
    public static bool IsHeldAcrossAwait(IOperation operation, CoroutineRegion region)
    {
        if (!IsAcquire(operation))
            return false;
        var statement = operation;
        while (statement.Parent is not null and not IBlockOperation)
        {
            if (statement.Parent == region.Body)
                return false;
            statement = statement.Parent;
        }
        if (statement.Parent is not IBlockOperation block)
            return false;
        var seen = false;
        foreach (var sibling in block.Operations)
        {
            if (!seen)
            {
                seen = sibling == statement;
                continue;
            }
            if (region.ContainsAwait(sibling))
                return true;
            if (ContainsRelease(sibling, region))
                return false;
        }
        return false;
    }

    private static bool IsSystemThreading(INamespaceSymbol? ns) =>
        ns is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool ContainsRelease(IOperation root, CoroutineRegion region)
    {
        foreach (var descendant in root.DescendantsAndSelf())
        {
            if (descendant is IInvocationOperation invocation && Releases.Contains(invocation.TargetMethod.Name) && !region.IsInNestedFunction(descendant))
                return true;
        }
        return false;
    }
}
