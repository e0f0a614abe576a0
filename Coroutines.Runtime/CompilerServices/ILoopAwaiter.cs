namespace Coroutines.CompilerServices;

/// <summary>
/// Implemented by the runtime's own awaiters. A suspending coroutine hands itself to
/// <see cref="AwaitBy"/> instead of a continuation delegate, so a resume allocates nothing.
/// Awaiters are structs; the builder calls this through a type test the JIT folds, so no boxing happens.
/// </summary>
public interface ILoopAwaiter
{
    /// <summary>Suspends <paramref name="frame"/> (the awaiting coroutine) until this awaiter completes.</summary>
    /// <param name="frame">The coroutine frame executing the <c>await</c>.</param>
    void AwaitBy(Coroutine frame);
}
