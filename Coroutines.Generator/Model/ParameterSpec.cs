namespace Coroutines.Generator.Model;

/// <summary>A parameter of the coroutine method, which becomes a field of the state machine.</summary>
/// <param name="Name">The parameter name as written (escaped with <c>@</c> when it is a keyword).</param>
/// <param name="FieldName">The machine field holding the argument.</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="HoldsReferences">Whether a value of the type may reference objects (decided from the type symbol): such a field is cleared when the coroutine completes.</param>
/// <param name="Declaration">The parameter as declared by the entry point (modifiers, type, name, default value).</param>
internal sealed record ParameterSpec(string Name, string FieldName, string Type, bool HoldsReferences, string Declaration);
