using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Coroutines.CompilerServices;

/// <summary>
/// The async method builder of <c>async Coroutine</c> methods. <see cref="Start"/> boxes the compiler's state
/// machine once into the coroutine object and does not run it (coroutines are cold). Awaits of the runtime's
/// own awaitables hand that object to the loop, so a suspension allocates nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CoroutineMethodBuilder
{
    private Coroutine? _coroutine;

    /// <summary>Creates a builder (called by compiler-generated code).</summary>
    public static CoroutineMethodBuilder Create() => default;

    /// <summary>The coroutine object the async method returns.</summary>
    public Coroutine Task => _coroutine ?? throw new InvalidOperationException("The builder was not started.");

    /// <summary>Boxes the state machine into the coroutine object without running it.</summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        var box = new CompilerCoroutine<TStateMachine>();
        _coroutine = box;               // set first, so the copy the box keeps carries the reference too
        box.StateMachine = stateMachine;
    }

    /// <summary>Not used: the box is created in <see cref="Start"/>.</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine) { }

    /// <summary>Completes the coroutine.</summary>
    public void SetResult() => _coroutine!.Complete(null);

    /// <summary>Completes the coroutine with an exception.</summary>
    public void SetException(Exception exception) => _coroutine!.Complete(exception);

    /// <summary>Suspends the coroutine on <paramref name="awaiter"/>.</summary>
    // Optimised from the first call: unoptimised (tier-0) code boxes the awaiter for Suspension's interface test,
    // 24 bytes per await for the first ~30 calls of each awaiter type and for as long as a short program lives.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        Suspension.Suspend(ref awaiter, _coroutine!);

    /// <summary>Suspends the coroutine on <paramref name="awaiter"/>.</summary>
    // Optimised from the first call: unoptimised (tier-0) code boxes the awaiter for Suspension's interface test,
    // 24 bytes per await for the first ~30 calls of each awaiter type and for as long as a short program lives.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        Suspension.Suspend(ref awaiter, _coroutine!);
}

/// <summary>The async method builder of <c>async Coroutine&lt;T&gt;</c> methods; see <see cref="CoroutineMethodBuilder"/>.</summary>
/// <typeparam name="T">The result type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CoroutineMethodBuilder<T>
{
    private Coroutine<T>? _coroutine;

    /// <summary>Creates a builder (called by compiler-generated code).</summary>
    public static CoroutineMethodBuilder<T> Create() => default;

    /// <summary>The coroutine object the async method returns.</summary>
    public Coroutine<T> Task => _coroutine ?? throw new InvalidOperationException("The builder was not started.");

    /// <summary>Boxes the state machine into the coroutine object without running it.</summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        var box = new CompilerCoroutine<T, TStateMachine>();
        _coroutine = box;
        box.StateMachine = stateMachine;
    }

    /// <summary>Not used: the box is created in <see cref="Start"/>.</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine) { }

    /// <summary>Completes the coroutine with its result.</summary>
    public void SetResult(T result) => _coroutine!.CompleteWithResult(result);

    /// <summary>Completes the coroutine with an exception.</summary>
    public void SetException(Exception exception) => _coroutine!.Complete(exception);

    /// <summary>Suspends the coroutine on <paramref name="awaiter"/>.</summary>
    // Optimised from the first call: unoptimised (tier-0) code boxes the awaiter for Suspension's interface test,
    // 24 bytes per await for the first ~30 calls of each awaiter type and for as long as a short program lives.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        Suspension.Suspend(ref awaiter, _coroutine!);

    /// <summary>Suspends the coroutine on <paramref name="awaiter"/>.</summary>
    // Optimised from the first call: unoptimised (tier-0) code boxes the awaiter for Suspension's interface test,
    // 24 bytes per await for the first ~30 calls of each awaiter type and for as long as a short program lives.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        Suspension.Suspend(ref awaiter, _coroutine!);
}
