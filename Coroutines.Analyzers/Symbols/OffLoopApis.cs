using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Coroutines.Analyzers.Symbols;

/// <summary>
/// APIs whose delegate parameters run off the event loop (thread pool, dedicated threads, timers, the loop's executor).
/// A lambda handed to one of them is never a coroutine region, even when it is async, because it does not run on the loop.
/// </summary>
internal sealed class OffLoopApis
{
    /// <summary>The executor method of the loop (asyncio's run_in_executor), matched by name on EventLoop.</summary>
    public const string RunInExecutorName = "RunInExecutor";

    private readonly Dictionary<INamedTypeSymbol, string[]?> _members = new(SymbolEqualityComparer.Default);
    private readonly INamedTypeSymbol? _eventLoop;

    public OffLoopApis(Compilation compilation, INamedTypeSymbol? eventLoop)
    {
        _eventLoop = eventLoop;
        // null member list = every method and constructor of the type takes off-loop delegates.
        Add(compilation, "System.Threading.Tasks.Task", "Run", "ContinueWith");
        Add(compilation, "System.Threading.Tasks.Task`1", "ContinueWith");
        Add(compilation, "System.Threading.Tasks.TaskFactory", "StartNew");
        Add(compilation, "System.Threading.Tasks.TaskFactory`1", "StartNew");
        Add(compilation, "System.Threading.ThreadPool", "QueueUserWorkItem", "UnsafeQueueUserWorkItem");
        Add(compilation, "System.Threading.Tasks.Parallel", null);
        Add(compilation, "System.Threading.Thread", ".ctor");
        Add(compilation, "System.Threading.Timer", ".ctor");
    }

    private void Add(Compilation compilation, string metadataName, params string[]? members)
    {
        if (compilation.GetTypeByMetadataName(metadataName) is { } type)
            _members[type] = members;
    }

    /// <summary>Whether delegates passed to <paramref name="method"/> run off the loop thread.</summary>
    public bool RunsOffLoop(IMethodSymbol? method)
    {
        if (method is null)
            return false;
        if (method.Name == RunInExecutorName)
        {
            var receiver = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ContainingType;
            if (_eventLoop is not null && SymbolEqualityComparer.Default.Equals(receiver?.OriginalDefinition, _eventLoop))
                return true;
        }
        if (method.ContainingType is null || !_members.TryGetValue(method.ContainingType.OriginalDefinition, out var members))
            return false;
        if (members is null)
            return true;
        foreach (var member in members)
        {
            if (member == method.Name)
                return true;
        }
        return false;
    }
}
