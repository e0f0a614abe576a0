using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// The locals of one coroutine body: the unique name of every local, the ones that move (see
/// <see cref="MovedLocal"/>), indexed by the slots code refers to, and the names the parser makes up.
/// Every name the parser gives a local, a temporary, a closure or a prototype comes from <see cref="Reserve"/>, so no
/// two collide; user names never begin with two underscores (<see cref="CoroutineGenerator.Parser.UserName"/>), so a
/// generated <c>__</c> name never takes a user's name either.
/// </summary>
internal sealed class LocalTable
{
    /// <summary>
    /// Names the machine itself uses (its fields, the locals of MoveNext, nested closure classes, the cast helper):
    /// no local, temporary or prototype takes one. Closures and their copies are reserved here when they are made.
    /// </summary>
    private static readonly Regex MachineNames = new(
        @"^(state|__(state|this|result|info|exception|Store|As|(awaiter|caught|catchIndex|pendingException|pendingBranch|exception|Closure)\d+))$",
        RegexOptions.CultureInvariant);

    private readonly HashSet<string> _usedNames = new(System.StringComparer.Ordinal);

    /// <summary>Every local of the body (moved or not) and the name it has in the lowered body.</summary>
    public Dictionary<ISymbol, string> UniqueNames { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The user's locals that move, by symbol.</summary>
    public Dictionary<ISymbol, MovedLocal> Moved { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The moved locals and temporaries, indexed by <see cref="MovedLocal.Id"/>.</summary>
    public List<MovedLocal> All { get; } = new();

    /// <summary>
    /// The one helper that reserves a name: <paramref name="name"/> when it is free, else the first free of
    /// <paramref name="name"/> + <paramref name="numberSeparator"/> + 2, 3, ... (<c>x_2</c>, a hoisted <c>__x_2</c>;
    /// temporaries <c>__receiver2</c>).
    /// </summary>
    public string Reserve(string name, string numberSeparator = "_")
    {
        string candidate = name;
        for (int n = 2; !_usedNames.Add(candidate) || MachineNames.IsMatch(candidate); n++)
            candidate = name + numberSeparator + n.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }

    /// <summary>Adds a local or temporary named <paramref name="name"/> (already reserved) under the next slot.</summary>
    public MovedLocal Add(string name, string type, bool holdsReferences, string origin, bool isTemp)
    {
        var local = new MovedLocal(All.Count, name, type, holdsReferences, origin, isTemp);
        All.Add(local);
        return local;
    }

    /// <summary>
    /// A temporary named for what it holds (<c>__receiver</c>, <c>__index</c>, <c>__enumerator</c>), numbered only
    /// from the second of a role (<c>__receiver2</c>).
    /// </summary>
    public MovedLocal AddTemp(string type, string origin, bool holdsReferences, TempRole role) =>
        Add(Reserve("__" + TempRoles.NameOf(role), numberSeparator: ""), type, holdsReferences, origin, isTemp: true);
}
