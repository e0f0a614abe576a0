namespace Coroutines.Generator.Model;

/// <summary>
/// The type of a temporary a lowering pass creates: its <paramref name="Text"/> as the machine declares it, whether it
/// may reference objects, and for a type containing an anonymous type (then stored as <c>object?</c>) the
/// <paramref name="Prototype"/> expression that names it for the cast helper.
/// </summary>
internal sealed record TempType(string Text, bool HoldsReferences, string? Prototype = null);
