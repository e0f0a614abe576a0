namespace Coroutines;

/// <summary>
/// Something a task can park on that is not a <see cref="Future"/> (a reusable signal): the task registers
/// itself as the waiter, the source wakes it by scheduling its step, and a cancellation takes it back.
/// </summary>
internal interface IWaitSource
{
    /// <summary>Registers <paramref name="task"/> as the waiter; throws, changing nothing, if the source cannot take it.</summary>
    void Park(ITaskDriver task);

    /// <summary>Removes <paramref name="task"/> as the waiter; false if the source already woke it.</summary>
    bool CancelWait(ITaskDriver task);
}
