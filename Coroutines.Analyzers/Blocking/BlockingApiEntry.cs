namespace Coroutines.Analyzers.Blocking;

/// <summary>One row of the curated catalogue: the members of one type that block, and what replaces them.</summary>
internal sealed class BlockingApiEntry
{
    public BlockingApiEntry(string typeMetadataName, string[] members, BlockingCategory category, ReplacementKind replacement,
        string? primitive = null, Exemption exemptions = Exemption.None)
    {
        TypeMetadataName = typeMetadataName;
        Members = members;
        Category = category;
        Replacement = replacement;
        Primitive = primitive;
        Exemptions = exemptions;
    }

    /// <summary>The declaring type's metadata name (<c>System.IO.File</c>, <c>System.Threading.Tasks.Task`1</c>).</summary>
    public string TypeMetadataName { get; }

    /// <summary>Member names (all overloads); <c>.ctor</c> for constructors.</summary>
    public string[] Members { get; }

    public BlockingCategory Category { get; }

    public ReplacementKind Replacement { get; }

    /// <summary>For <see cref="ReplacementKind.LoopPrimitive"/>: the loop primitive to use instead (message text).</summary>
    public string? Primitive { get; }

    public Exemption Exemptions { get; }
}
