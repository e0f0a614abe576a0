namespace Coroutines.Generator.Model;

/// <summary>
/// A temporary the spilling pass creates when it needs it: its <paramref name="Type"/> (with the prototype that names
/// an anonymous type), a description of its <paramref name="Origin"/> for the declaration's comment, and its role.
/// </summary>
internal sealed record TempRequest(TempType Type, string Origin, TempRole Role)
{
    /// <summary>The expression that names the temporary's anonymous type, when it is stored as <c>object?</c>.</summary>
    public string? Prototype => Type.Prototype;
}
