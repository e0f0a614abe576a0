using System.ComponentModel;

namespace Coroutines.CompilerServices;

/// <summary>
/// Marks the <c>Await</c> overload of <see cref="CoroutineMachine"/> and <see cref="CoroutineMachine{T}"/> that takes
/// awaiters other than the runtime's own; never passed explicitly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct OtherAwaiter;
