using System.Diagnostics;

namespace Coroutines.Benchmarks.Baselines;

/// <summary>
/// The timer-queue baseline: a <see cref="PriorityQueue{TElement, TPriority}"/> ordered by (deadline, sequence),
/// a handle object per timer, lazy cancellation (a cancelled handle stays in the heap and is skipped when it
/// surfaces, since the heap cannot remove from the middle), and a drain that waits for real deadlines.
/// </summary>
public sealed class TimerHeap
{
    private readonly PriorityQueue<Entry, (double When, long Sequence)> _heap = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _sequence;

    /// <summary>Seconds since the heap was created.</summary>
    public double Time() => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    /// <summary>Schedules <paramref name="callback"/> at <paramref name="when"/>.</summary>
    public Entry CallAt(double when, Action<object> callback, object state)
    {
        var entry = new Entry(callback, state);
        _heap.Enqueue(entry, (when, ++_sequence));
        return entry;
    }

    /// <summary>
    /// Fires every live timer in deadline order; with <paramref name="waitForDeadlines"/> it sleeps until each is
    /// due (the real-time drain), without it fires them back to back (the data-structure cost alone).
    /// </summary>
    public void RunUntilEmpty(bool waitForDeadlines = true)
    {
        while (_heap.TryPeek(out var entry, out var key))
        {
            double wait = waitForDeadlines ? key.When - Time() : 0;
            if (wait > 0 && !entry.Cancelled)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Ceiling(wait * 1000)));
                continue;
            }
            _heap.Dequeue();
            if (!entry.Cancelled)
                entry.Callback(entry.State);
        }
    }

    /// <summary>A scheduled timer.</summary>
    public sealed class Entry(Action<object> callback, object state)
    {
        /// <summary>The callback.</summary>
        public Action<object> Callback { get; } = callback;

        /// <summary>Its argument.</summary>
        public object State { get; } = state;

        /// <summary>Set by <see cref="Cancel"/>; the drain skips the entry.</summary>
        public bool Cancelled { get; private set; }

        /// <summary>Cancels the timer (lazily: it is dropped when it reaches the top of the heap).</summary>
        public void Cancel() => Cancelled = true;
    }
}
