using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Coroutines.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Analyzers.Blocking;

/// <summary>
/// Puts every call into exactly one <see cref="BlockingCategory"/>: the curated catalogue first, then the generic
/// async-sibling fallback, so a curated rule always suppresses CORO005 on the same call. Resolved once per compilation and
/// shared by the five blocking-call analyzers.
/// </summary>
internal sealed class BlockingCallClassifier
{
    private const string ExecutorText = "await loop.RunInExecutor(() => ...)";
    private static readonly ConditionalWeakTable<CoroutineSymbols, BlockingCallClassifier> Cache = new();

    private readonly CoroutineSymbols _symbols;
    private readonly AsyncSiblingFinder _siblings;
    private readonly Dictionary<ISymbol, Dictionary<string, BlockingApiEntry>> _entries = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, HashSet<string>> _notBlocking = new(SymbolEqualityComparer.Default);
    private readonly List<INamedTypeSymbol> _inMemoryTypes = new();
    private readonly HashSet<string> _memberNames = new(StringComparer.Ordinal);
    private readonly INamedTypeSymbol? _stream;
    private readonly INamedTypeSymbol? _timeSpan;

    private BlockingCallClassifier(CoroutineSymbols symbols)
    {
        _symbols = symbols;
        _siblings = new AsyncSiblingFinder(symbols);
        var compilation = symbols.Compilation;
        foreach (var entry in BlockingApiCatalog.Entries)
        {
            if (compilation.GetTypeByMetadataName(entry.TypeMetadataName) is not { } type)
                continue;
            if (!_entries.TryGetValue(type, out var members))
                _entries[type] = members = new Dictionary<string, BlockingApiEntry>(StringComparer.Ordinal);
            foreach (var member in entry.Members)
            {
                members[member] = entry;
                _memberNames.Add(member);
            }
        }
        foreach (var (typeName, member) in BlockingApiCatalog.NotBlocking)
        {
            if (compilation.GetTypeByMetadataName(typeName) is not { } type)
                continue;
            if (!_notBlocking.TryGetValue(type, out var names))
                _notBlocking[type] = names = new HashSet<string>(StringComparer.Ordinal);
            names.Add(member);
        }
        foreach (var name in BlockingApiCatalog.InMemoryTypes)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
                _inMemoryTypes.Add(type);
        }
        _stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        _timeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
    }

    /// <summary>The classifier of <paramref name="symbols"/>' compilation.</summary>
    public static BlockingCallClassifier For(CoroutineSymbols symbols) => Cache.GetValue(symbols, static s => new BlockingCallClassifier(s));

    /// <summary>The awaitable-sibling search, shared with the fixers' expectations.</summary>
    public AsyncSiblingFinder Siblings => _siblings;

    /// <summary>Classifies an invocation, property reference or object creation.</summary>
    public BlockingCall Classify(IOperation operation)
    {
        switch (operation)
        {
            // Every call of the compilation comes through here, five times (once per blocking rule): a name test rejects
            // most calls before any symbol work.
            case IInvocationOperation invocation when !_memberNames.Contains(invocation.TargetMethod.Name):
                return ClassifyGeneric(invocation, invocation.TargetMethod, invocation.Instance);
            case IInvocationOperation invocation:
                if (IsDelayWait(invocation))
                    return Create(BlockingCategory.Sleep, Display(invocation.TargetMethod), "Loop.Sleep(...)", FixProperties.DelaySleepFix);
                return ClassifyMember(invocation, invocation.TargetMethod, invocation.Instance, invocation.Arguments, FindEntry(invocation.TargetMethod));
            case IPropertyReferenceOperation property when _memberNames.Contains(property.Property.Name):
                return ClassifyMember(property, null, property.Instance, ImmutableArray<IArgumentOperation>.Empty, FindEntry(property.Property));
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                return ClassifyMember(creation, constructor, null, creation.Arguments, Lookup(constructor.ContainingType, ".ctor"));
            default:
                return default;
        }
    }

    private BlockingCall ClassifyMember(IOperation operation, IMethodSymbol? method, IOperation? receiver,
        ImmutableArray<IArgumentOperation> arguments, BlockingApiEntry? entry)
    {
        if (entry is null)
            return method is not null && operation is IInvocationOperation ? ClassifyGeneric(operation, method, receiver) : default;
        if (IsExempt(entry.Exemptions, method, receiver, arguments))
            return default;
        var display = operation is IPropertyReferenceOperation property ? Display(property.Property) : Display(method!);
        switch (entry.Replacement)
        {
            case ReplacementKind.LoopSleep when HasZeroArgument(arguments):
            case ReplacementKind.LoopYield:
                return Create(entry.Category, display, "Loop.Yield()", FixProperties.LoopYieldFix);
            case ReplacementKind.LoopSleep:
                return Create(entry.Category, display, "Loop.Sleep(...)", FixProperties.LoopSleepFix);
            case ReplacementKind.AwaitReceiver:
                return Create(entry.Category, display, "await", FixProperties.AwaitReceiverFix);
            case ReplacementKind.AwaitWhenAll:
                return Create(entry.Category, display, "await Task.WhenAll(...)", FixProperties.AwaitWhenAllFix);
            case ReplacementKind.AwaitArgument:
                return Create(entry.Category, display, "await", FixProperties.AwaitArgumentFix);
            case ReplacementKind.AsyncSibling when method is not null && _siblings.Find(method) is { } sibling
                && operation.SemanticModel?.IsAccessible(operation.Syntax.SpanStart, sibling) != false:
                return Create(entry.Category, display, $"await {method.ContainingType.Name}.{sibling.Name}(...)", FixProperties.AsyncSiblingFix, sibling.Name, offerExecutor: true);
            case ReplacementKind.LoopPrimitive:
                return Create(entry.Category, display, entry.Primitive!, FixProperties.NoFix, offerExecutor: entry.Category != BlockingCategory.Sleep);
            case ReplacementKind.None:
                return Create(entry.Category, display, "await", FixProperties.NoFix);
            default:
                return Create(entry.Category, display, ExecutorText, FixProperties.NoFix, offerExecutor: true);
        }
    }

    private BlockingCall ClassifyGeneric(IOperation operation, IMethodSymbol method, IOperation? receiver)
    {
        // The cached sibling lookup first: almost every method has none.
        if (_siblings.Find(method) is not { } sibling || method.Name == "Dispose" || IsNotBlocking(method) || IsInMemory(receiver)
            || operation.SemanticModel?.IsAccessible(operation.Syntax.SpanStart, sibling) == false)
            return default;
        return Create(BlockingCategory.AsyncCounterpart, Display(method), sibling.Name, FixProperties.AsyncSiblingFix, sibling.Name);
    }

    private static BlockingCall Create(BlockingCategory category, string display, string replacement, string fix,
        string? sibling = null, bool offerExecutor = false)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperties.Fix, fix);
        if (sibling is not null)
            properties = properties.Add(FixProperties.Sibling, sibling);
        if (offerExecutor)
            properties = properties.Add(FixProperties.OfferExecutor, "true");
        return new BlockingCall(category, display, replacement, properties);
    }

    private BlockingApiEntry? FindEntry(IMethodSymbol method)
    {
        for (var current = method.OriginalDefinition; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
        {
            if (Lookup(current.ContainingType, current.Name) is { } entry)
                return entry;
        }
        return null;
    }

    private BlockingApiEntry? FindEntry(IPropertySymbol property)
    {
        for (var current = property.OriginalDefinition; current is not null; current = current.OverriddenProperty?.OriginalDefinition)
        {
            if (Lookup(current.ContainingType, current.Name) is { } entry)
                return entry;
        }
        return null;
    }

    private BlockingApiEntry? Lookup(INamedTypeSymbol? type, string member) =>
        type is not null && _entries.TryGetValue(type.OriginalDefinition, out var members) && members.TryGetValue(member, out var entry)
            ? entry
            : null;

    private bool IsNotBlocking(IMethodSymbol method)
    {
        for (var current = method.OriginalDefinition; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
        {
            if (current.ContainingType is { } type && _notBlocking.TryGetValue(type.OriginalDefinition, out var names) && names.Contains(current.Name))
                return true;
        }
        return false;
    }

    private bool IsExempt(Exemption exemptions, IMethodSymbol? method, IOperation? receiver, ImmutableArray<IArgumentOperation> arguments)
    {
        if ((exemptions & Exemption.InMemoryReceiver) != 0 && IsInMemory(receiver))
            return true;
        if ((exemptions & Exemption.ArgumentsOnly) != 0 && arguments.IsEmpty)
            return true;
        if ((exemptions & Exemption.StreamOverloadsOnly) != 0 && !TakesStream(method))
            return true;
        if ((exemptions & Exemption.PathOverloadsOnly) != 0 && (method is null || method.Parameters.Length == 0 || method.Parameters[0].Type.SpecialType != SpecialType.System_String))
            return true;
        if ((exemptions & (Exemption.ZeroTimeout | Exemption.NoTimeoutIsProbe)) == 0)
            return false;
        var hasTimeout = false;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter || !IsTimeoutParameter(parameter.Name))
                continue;
            hasTimeout = true;
            if ((exemptions & Exemption.ZeroTimeout) != 0 && IsZero(argument.Value))
                return true;
        }
        return !hasTimeout && (exemptions & Exemption.NoTimeoutIsProbe) != 0;
    }

    private static bool IsTimeoutParameter(string name) =>
        name.IndexOf("timeout", StringComparison.OrdinalIgnoreCase) >= 0
        || name.Equals("milliseconds", StringComparison.OrdinalIgnoreCase)
        || name.Equals("microSeconds", StringComparison.OrdinalIgnoreCase);

    private bool IsZero(IOperation value)
    {
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        if (value.ConstantValue is { HasValue: true, Value: { } constant })
        {
            try
            {
                return Convert.ToDouble(constant, System.Globalization.CultureInfo.InvariantCulture) == 0;
            }
            catch (Exception exception) when (exception is FormatException or InvalidCastException)
            {
                return false;
            }
        }
        return value switch
        {
            IFieldReferenceOperation field => field.Field.Name == "Zero" && CoroutineSymbols.Is(field.Field.ContainingType, _timeSpan),
            IDefaultValueOperation @default => CoroutineSymbols.Is(@default.Type, _timeSpan),
            _ => false,
        };
    }

    private bool HasZeroArgument(ImmutableArray<IArgumentOperation> arguments) => arguments.Length == 1 && IsZero(arguments[0].Value);

    private bool IsInMemory(IOperation? receiver)
    {
        while (receiver is IConversionOperation conversion)
            receiver = conversion.Operand;
        if (receiver?.Type is not { } type)
            return false;
        if (receiver is IFieldReferenceOperation { Field.Name: "Null" } field && CoroutineSymbols.Is(field.Field.ContainingType, _stream))
            return true;
        foreach (var inMemory in _inMemoryTypes)
        {
            if (CoroutineSymbols.DerivesFrom(type, inMemory))
                return true;
        }
        return false;
    }

    private bool TakesStream(IMethodSymbol? method)
    {
        if (method is null)
            return false;
        foreach (var parameter in method.Parameters)
        {
            if (CoroutineSymbols.DerivesFrom(parameter.Type, _stream))
                return true;
        }
        return false;
    }

    /// <summary>Whether the call is <c>Task.Delay(x).Wait()</c> or <c>Task.Delay(x).GetAwaiter().GetResult()</c>.</summary>
    private bool IsDelayWait(IInvocationOperation invocation)
    {
        var receiver = invocation.Instance;
        if (invocation.TargetMethod.Name == "GetResult" && receiver is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter)
            receiver = getAwaiter.Instance;
        else if (invocation.TargetMethod.Name != "Wait" || !invocation.Arguments.IsEmpty)
            return false;
        return receiver is IInvocationOperation { TargetMethod: { Name: "Delay", IsStatic: true } delay }
            && CoroutineSymbols.Is(delay.ContainingType, _symbols.Task);
    }

    private static string Display(ISymbol member) =>
        member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
            ? "new " + constructor.ContainingType.Name
            : member.ContainingType.Name + "." + member.Name;
}
