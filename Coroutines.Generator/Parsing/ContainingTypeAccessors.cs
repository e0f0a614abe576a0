using System.Collections.Generic;
using System.Linq;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// The private members the coroutine's partial type gets so that its nested machine can reach what only the type
/// itself may: base members (a non-virtual call) and primary constructor parameters (CS9105). One per member used,
/// keyed by its signature, in the order the body first uses them.
/// </summary>
internal sealed class ContainingTypeAccessors
{
    private readonly Dictionary<string, string> _declarations = new(System.StringComparer.Ordinal);

    /// <summary>The declarations to add to the coroutine's type.</summary>
    public IReadOnlyList<string> Declarations => _declarations.Values.ToList();

    /// <summary>Whether an accessor with <paramref name="key"/> is declared already.</summary>
    public bool Contains(string key) => _declarations.ContainsKey(key);

    /// <summary>Declares the accessor <paramref name="declaration"/> once per <paramref name="key"/>.</summary>
    public void Declare(string key, string declaration)
    {
        if (!_declarations.ContainsKey(key))
            _declarations.Add(key, declaration);
    }
}
