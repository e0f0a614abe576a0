using System.Runtime.CompilerServices;

namespace Coroutines.CompilerServices;

/// <summary>
/// What happens when a coroutine suspends at an <c>await</c>; shared by the compiler-path builder and the
/// state machines Coroutines.Generator emits.
/// </summary>
public static class Suspension
{
    /// <summary>
    /// Suspends <paramref name="frame"/> on <paramref name="awaiter"/>. The runtime's awaiters get the frame
    /// itself (no allocation); any other awaiter (a <see cref="System.Threading.Tasks.Task"/>, a
    /// <see cref="ValueTask"/>) gets a continuation that posts the resume back to the loop thread.
    /// </summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <param name="awaiter">The awaiter of the incomplete awaitable.</param>
    /// <param name="frame">The suspending coroutine.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Suspend<TAwaiter>(ref TAwaiter awaiter, Coroutine frame) where TAwaiter : INotifyCompletion
    {
        // For struct awaiters the JIT folds this test and calls without boxing (the BCL's builders do the same).
        if (default(TAwaiter) is not null && awaiter is ILoopAwaiter)
        {
            ((ILoopAwaiter)awaiter).AwaitBy(frame);
            return;
        }
        if (awaiter is ILoopAwaiter loopAwaiter)
        {
            loopAwaiter.AwaitBy(frame);
            return;
        }
        SuspendOnForeign(ref awaiter, frame);
    }

    private static void SuspendOnForeign<TAwaiter>(ref TAwaiter awaiter, Coroutine frame) where TAwaiter : INotifyCompletion
    {
        var resume = frame.RequireTask().SuspendOnForeign(frame);
        if (awaiter is ICriticalNotifyCompletion critical)
            critical.UnsafeOnCompleted(resume);
        else
            awaiter.OnCompleted(resume);
    }
}
