using System.Runtime.CompilerServices;

namespace Coroutines;

public sealed partial class EventLoop
{
    /// <summary>
    /// Throws unless this thread may await <paramref name="awaited"/>, an object of <paramref name="owner"/> (null: a
    /// synchronisation primitive not bound to a loop yet). Called at the <c>await</c> (GetAwaiter or IsCompleted), never
    /// from OnCompleted: .NET's Task builders rethrow an exception from OnCompleted on the thread pool, which ends the
    /// process, while thrown here it faults the awaiting Task. On the owning loop's thread it is one thread-id compare
    /// (for an unbound primitive, one read of the thread's running loop).
    /// </summary>
    /// <exception cref="InvalidOperationException">The owner runs on another thread, or this is a thread-pool thread that runs no loop of the object's.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ThrowIfAwaitedOffItsLoop(EventLoop? owner, object awaited)
    {
        if (owner is null ? t_running is null : owner._threadId != Environment.CurrentManagedThreadId)
            ThrowIfForeignThread(owner, awaited);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIfForeignThread(EventLoop? owner, object awaited)
    {
        int ownerThread = owner?._threadId ?? 0;
        if (ownerThread == 0)
        {
            // The owner runs nowhere. Off the pool this thread may be about to run it, as a program's main thread does
            // before RunUntilComplete, and a thread running another loop meets the loop-binding checks instead.
            if (t_running is not null || !Thread.CurrentThread.IsThreadPoolThread)
                return;
            throw NoLoopError("There is no running event loop on this thread", "call this from a coroutine or a callback");
        }
        throw NoLoopError(
            $"This {Describe(awaited)} belongs to the event loop running on another thread (managed thread {ownerThread}), " +
            "and loop objects are not thread-safe",
            "hand the work to the loop with loop.CallSoonThreadSafe(...) or await loop.RunCoroutineThreadSafe(coroutine)");
    }

    private static string Describe(object awaited) => awaited switch
    {
        ITaskView => "task",
        Future => "future",
        _ => awaited.GetType().Name.Split('`')[0],
    };
}
