namespace Coroutines.Generator.Model;

/// <summary>
/// A temporary the spilling pass creates when it needs it: its type (<c>object?</c> when the value's type is
/// anonymous, then <paramref name="Prototype"/> names that type), what it holds, and a description of its origin.
/// </summary>
internal sealed record TempRequest(string Type, string Origin, bool HoldsReferences, TempRole Role, string? Prototype = null);
