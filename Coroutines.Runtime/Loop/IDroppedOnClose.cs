namespace Coroutines;

/// <summary>
/// Implemented by work posted through the thread-safe path that has someone waiting for it outside the loop (the Task
/// of <see cref="EventLoop.RunCoroutineThreadSafe{T}(Coroutine{T}, System.Threading.CancellationToken)"/>). When
/// <see cref="EventLoop.Close"/> drops it, unrun or with its task still pending, it is told, so that waiter fails
/// instead of waiting forever.
/// </summary>
internal interface IDroppedOnClose
{
    /// <summary>Called once, on the closing thread, after the loop has closed without running this work.</summary>
    void LoopClosedBeforeItRan();

    /// <summary>Called once, on the closing thread, after the loop has closed while the task this work started was pending.</summary>
    void LoopClosedWhilePending();
}
