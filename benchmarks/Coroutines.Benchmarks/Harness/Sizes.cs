namespace Coroutines.Benchmarks.Harness;

/// <summary>
/// The sizes of issue 2's workloads. <see cref="Small"/> divides each by ten for a quick look; the per-operation
/// figures barely change, but the table in RESULTS.md uses <see cref="Full"/>.
/// </summary>
/// <param name="Callbacks">B1: callbacks in the batch and in the chain.</param>
/// <param name="ResumeTasks">B4: coroutines of the deep resume workload.</param>
/// <param name="ResumesPerTask">B4: yields per coroutine of the deep workload.</param>
/// <param name="WideTasks">B4: coroutines of the wide workload.</param>
/// <param name="WideResumesPerTask">B4: yields per coroutine of the wide workload.</param>
/// <param name="Switches">B3: ping-pong switches.</param>
/// <param name="Timers">B2: timers scheduled (half are cancelled).</param>
/// <param name="ParkSmall">B5: tasks parked in the small run.</param>
/// <param name="ParkLarge">B5: tasks parked in the large run.</param>
/// <param name="Gathered">Issue 3: trivial coroutines gathered at once.</param>
/// <param name="QueueItems">Issue 3: items passed from producer to consumer through a queue.</param>
/// <param name="LockAcquisitions">Issue 3: uncontended lock acquire/release pairs.</param>
public sealed record Sizes(
    int Callbacks, int ResumeTasks, int ResumesPerTask, int WideTasks, int WideResumesPerTask,
    int Switches, int Timers, int ParkSmall, int ParkLarge, int Gathered, int QueueItems, int LockAcquisitions)
{
    /// <summary>The sizes issues 2 and 3 name.</summary>
    public static Sizes Full { get; } = new(1_000_000, 1000, 1000, 100_000, 10, 10_000_000, 1_000_000, 100_000, 1_000_000, 100_000, 1_000_000, 1_000_000);

    /// <summary>A tenth of each (<c>--small</c>).</summary>
    public static Sizes Small { get; } = new(100_000, 1000, 100, 10_000, 10, 1_000_000, 100_000, 10_000, 100_000, 10_000, 100_000, 100_000);

    /// <summary>Tiny sizes that only warm the JIT up before a measured run.</summary>
    public static Sizes WarmUp { get; } = new(20_000, 100, 50, 1000, 10, 50_000, 20_000, 1000, 1000, 1000, 20_000, 20_000);
}
