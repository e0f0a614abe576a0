namespace Coroutines;

public static partial class Loop
{
    /// <summary>
    /// Hands out the futures as they complete (asyncio's <c>as_completed</c>); see <see cref="AsCompletedSequence{T}"/>
    /// for the two ways to iterate. Duplicates count once. After <paramref name="seconds"/>, the next await throws
    /// <see cref="TimeoutException"/>; nothing is cancelled.
    /// </summary>
    /// <exception cref="ArgumentException">The futures belong to different loops.</exception>
    public static AsCompletedSequence<T> AsCompleted<T>(IEnumerable<Future<T>> futures, double? seconds = null)
    {
        ArgumentNullException.ThrowIfNull(futures);
        var list = futures.Select(f => f ?? throw new ArgumentException("AsCompleted got a null future.", nameof(futures))).ToList();
        var loop = list.Count > 0 ? list[0].Loop : EventLoop.Current;
        return new AsCompletedSequence<T>(loop, list, seconds is double delay ? CheckDelay(delay, nameof(seconds)) : null);
    }

    /// <summary>Schedules each coroutine as a task and hands the tasks out as they complete; see <see cref="AsCompleted{T}(IEnumerable{Future{T}}, double?)"/>.</summary>
    public static AsCompletedSequence<T> AsCompleted<T>(IEnumerable<Coroutine<T>> coroutines, double? seconds = null)
    {
        ArgumentNullException.ThrowIfNull(coroutines);
        var loop = EventLoop.Current;
        var tasks = new List<Future<T>>();
        var seen = new HashSet<Coroutine<T>>(ReferenceEqualityComparer.Instance);
        foreach (var coroutine in coroutines)
        {
            ArgumentNullException.ThrowIfNull(coroutine, nameof(coroutines));
            if (seen.Add(coroutine))
                tasks.Add(loop.CreateTask(coroutine));
        }
        return AsCompleted(tasks, seconds);
    }
}
