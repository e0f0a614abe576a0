using System.Collections.Generic;
using Coroutines.Generator.Model;
using Coroutines.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The output of <see cref="ClosurePlanner"/>: the closure of each scope whose captured variables need one per entry,
/// and the local functions that take closures as extra first parameters.
/// </summary>
internal sealed class ClosurePlan
{
    private readonly Dictionary<SyntaxNode, Closure> _byScope;
    private readonly Dictionary<ISymbol, List<Closure>> _functions;
    private readonly HashSet<CodeText> _functionTexts = new();

    public ClosurePlan(Dictionary<SyntaxNode, Closure> byScope, List<Closure> closures, Dictionary<ISymbol, List<Closure>> functions)
    {
        _byScope = byScope;
        Closures = closures;
        _functions = functions;
    }

    /// <summary>A plan without closures (before planning).</summary>
    public static ClosurePlan None => new(new(), new(), new(SymbolEqualityComparer.Default));

    /// <summary>Every closure, numbered from 1 in order.</summary>
    public IReadOnlyList<Closure> Closures { get; }

    /// <summary>Whether some local function takes closure parameters.</summary>
    public bool HasClosureFunctions => _functions.Count > 0;

    /// <summary>The closure allocated on every entry into <paramref name="scope"/>, if any.</summary>
    public Closure? OfScope(SyntaxNode scope) => _byScope.TryGetValue(scope, out var closure) ? closure : null;

    /// <summary>The closures <paramref name="localFunction"/> takes as its first parameters, or null when it takes none.</summary>
    public IReadOnlyList<Closure>? ParametersOf(ISymbol localFunction) => _functions.TryGetValue(localFunction, out var closures) ? closures : null;

    /// <summary>Records the rendered text of a local function that takes closure parameters: its closure copies are parameters, not captures.</summary>
    public void AddClosureFunctionText(CodeText text) => _functionTexts.Add(text);

    /// <summary>Whether <paramref name="text"/> is a local function recorded by <see cref="AddClosureFunctionText"/>.</summary>
    public bool IsClosureFunction(CodeText text) => _functionTexts.Contains(text);
}
