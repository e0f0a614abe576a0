using Coroutines.Generator.Lowering;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Parsing;

/// <summary>A local that cannot stay where it was declared (see <see cref="Model.LocalSpec"/>).</summary>
internal sealed class MovedLocal
{
    public MovedLocal(int id, string baseName, string type, bool holdsReferences, string origin, bool isTemp)
    {
        Id = id;
        BaseName = baseName;
        Type = type;
        HoldsReferences = holdsReferences;
        Origin = origin;
        IsTemp = isTemp;
    }

    public int Id { get; }
    public string BaseName { get; }
    public string Type { get; }

    /// <summary>Whether a value of <see cref="Type"/> may reference objects (see <see cref="Model.LocalSpec"/>).</summary>
    public bool HoldsReferences { get; }

    public string Origin { get; }
    public bool IsTemp { get; }

    /// <summary>Declared by a pattern in place (cannot become an assignment); must not be hoisted.</summary>
    public bool InlineDeclared { get; set; }

    /// <summary>
    /// Declared by the pattern of an <c>is</c> expression or of a lowered switch label: declared in place under its
    /// binding name, and copied into its own local or field (see <see cref="SlotUse"/>) when it must outlive the pattern.
    /// </summary>
    public bool PatternBound { get; set; }

    /// <summary>Why this pattern-bound variable cannot be copied out of its pattern, if it cannot (then it must not be hoisted).</summary>
    public string? StoreBlocker { get; set; }

    /// <summary>A local of ref struct type, declared where the user declared it (<see cref="InlineDeclared"/>).</summary>
    public bool RefLike { get; set; }

    /// <summary>A pattern-bound variable that is always copied out (a lowered switch jumps from its label to its section).</summary>
    public bool MustStore { get; set; }

    public SyntaxNode? Declaration { get; set; }

    /// <summary>For a variable of anonymous type (whose <see cref="Type"/> is then <c>object?</c>): an expression of its type that evaluates nothing.</summary>
    public string? Prototype { get; set; }

    /// <summary>The local of MoveNext holding a lambda that returns <see cref="Prototype"/> (it names the type for the cast helper).</summary>
    public string? PrototypeName { get; set; }

    /// <summary>The closure holding this variable (a per-iteration variable that lambdas capture), or null.</summary>
    public Closure? Closure { get; set; }

    /// <summary>
    /// How the lowered body names the variable: a slot named by the liveness pass, or its closure's field;
    /// re-typed by the cast helper when the variable has an anonymous type (see <see cref="AnonymousTypeHelpers.Retyped"/>).
    /// </summary>
    public CodeText Slot => AnonymousTypeHelpers.Retyped(this, Closure is null ? CodeText.Slot(Id) : CodeText.Of($"{Closure.Current.Slot}.{FieldName}"));

    /// <summary>The variable's field in its closure class.</summary>
    public string FieldName => CoroutineGenerator.Parser.EscapedName(BaseName);
}
