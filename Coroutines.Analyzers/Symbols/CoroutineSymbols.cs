using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Coroutines.Analyzers.Symbols;

/// <summary>
/// The framework and BCL types the rules need, resolved once per compilation. <see cref="For"/> returns null when the
/// compilation does not reference Coroutines.Runtime, so every analyzer bails out cheaply in unrelated projects.
/// </summary>
internal sealed class CoroutineSymbols
{
    private static readonly ConditionalWeakTable<Compilation, CoroutineSymbols?[]> Cache = new();

    private CoroutineSymbols(Compilation compilation, INamedTypeSymbol attribute, INamedTypeSymbol coroutine, INamedTypeSymbol coroutineOfT)
    {
        Compilation = compilation;
        CoroutineAttribute = attribute;
        Coroutine = coroutine;
        CoroutineOfT = coroutineOfT;
        EventLoop = compilation.GetTypeByMetadataName("Coroutines.EventLoop");
        Loop = compilation.GetTypeByMetadataName("Coroutines.Loop");
        Future = compilation.GetTypeByMetadataName("Coroutines.Future");
        CancelledError = compilation.GetTypeByMetadataName("Coroutines.CancelledError");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        OperationCanceledException = compilation.GetTypeByMetadataName("System.OperationCanceledException");
        Exception = compilation.GetTypeByMetadataName("System.Exception");
        ObsoleteAttribute = compilation.GetTypeByMetadataName("System.ObsoleteAttribute");
        ExpressionOfT = compilation.GetTypeByMetadataName("System.Linq.Expressions.Expression`1");
        OffLoop = new OffLoopApis(compilation, EventLoop);
    }

    public Compilation Compilation { get; }
    public INamedTypeSymbol CoroutineAttribute { get; }
    public INamedTypeSymbol Coroutine { get; }
    public INamedTypeSymbol CoroutineOfT { get; }
    public INamedTypeSymbol? EventLoop { get; }
    public INamedTypeSymbol? Loop { get; }
    public INamedTypeSymbol? Future { get; }
    public INamedTypeSymbol? CancelledError { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? OperationCanceledException { get; }
    public INamedTypeSymbol? Exception { get; }
    public INamedTypeSymbol? ObsoleteAttribute { get; }
    public INamedTypeSymbol? ExpressionOfT { get; }
    public OffLoopApis OffLoop { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, or null when it does not use the Coroutines runtime.</summary>
    public static CoroutineSymbols? For(Compilation compilation) =>
        Cache.GetValue(compilation, static c => new[] { Create(c) })[0];

    private static CoroutineSymbols? Create(Compilation compilation)
    {
        var attribute = compilation.GetTypeByMetadataName(Shared.CoroutineNames.AttributeMetadataName);
        var coroutine = compilation.GetTypeByMetadataName("Coroutines.Coroutine");
        var coroutineOfT = compilation.GetTypeByMetadataName("Coroutines.Coroutine`1");
        return attribute is null || coroutine is null || coroutineOfT is null
            ? null
            : new CoroutineSymbols(compilation, attribute, coroutine, coroutineOfT);
    }

    /// <summary>Whether <paramref name="type"/> is <c>Coroutine</c>, <c>Coroutine&lt;T&gt;</c> or derives from them.</summary>
    public bool IsCoroutineType(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, Coroutine)
                || SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, CoroutineOfT))
                return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="method"/> carries <c>[Coroutine]</c>.</summary>
    public bool HasCoroutineAttribute(ISymbol? method)
    {
        if (method is null)
            return false;
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, CoroutineAttribute))
                return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="type"/> is Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;, a coroutine or a future.</summary>
    public bool IsAwaitable(ITypeSymbol? type)
    {
        if (type is null)
            return false;
        var definition = type.OriginalDefinition;
        return Is(definition, Task) || Is(definition, TaskOfT) || Is(definition, ValueTask) || Is(definition, ValueTaskOfT)
            || IsCoroutineType(type) || DerivesFrom(type, Future) || DerivesFrom(type, Task);
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
            return false;
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                return true;
        }
        return false;
    }

    public static bool Is(ISymbol? symbol, ISymbol? other) =>
        other is not null && SymbolEqualityComparer.Default.Equals(symbol, other);
}
