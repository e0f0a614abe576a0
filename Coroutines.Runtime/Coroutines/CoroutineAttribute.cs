namespace Coroutines;

/// <summary>
/// Marks an <c>async</c> method returning <see cref="Coroutine"/> or <see cref="Coroutine{T}"/> whose body
/// Coroutines.Generator lowers into a readable state-machine class. For a method <c>M</c> the generator emits,
/// in the same partial type, the nested class <c>MCoroutine</c> (the state machine) and the entry point
/// <c>MAsync(...)</c> with <c>M</c>'s parameters. Calling <c>M</c> itself still works: the C# compiler's
/// own lowering runs on the same loop with the same semantics.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CoroutineAttribute : Attribute
{
}
