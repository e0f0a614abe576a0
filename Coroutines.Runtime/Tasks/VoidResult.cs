namespace Coroutines;

/// <summary>The result of a future or task that produces no value (Python's <c>None</c>).</summary>
public readonly struct VoidResult : IEquatable<VoidResult>
{
    /// <summary>The only value.</summary>
    public static VoidResult Value => default;

    /// <inheritdoc/>
    public bool Equals(VoidResult other) => true;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is VoidResult;

    /// <inheritdoc/>
    public override int GetHashCode() => 0;

    /// <inheritdoc/>
    public override string ToString() => "None";
}
