namespace Coroutines.Generator.Model;

/// <summary>
/// A local of the lowered body that cannot stay where it was declared: either it lives across an <c>await</c>
/// (<paramref name="Hoisted"/>: a field of the machine) or it is declared in a flattened region (a local declared
/// at the top of <c>MoveNext</c>, so gotos never break definite assignment).
/// </summary>
/// <param name="Name">The unique name in the lowered body.</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="HoldsReferences">Whether a value of the type may reference objects (decided from the type symbol): such a field is cleared when the coroutine completes.</param>
/// <param name="Hoisted">Whether the local becomes a field.</param>
/// <param name="Origin">What the local is, for the comment beside it: the user's name or the spilled expression.</param>
internal sealed record LocalSpec(string Name, string Type, bool HoldsReferences, bool Hoisted, string Origin);
