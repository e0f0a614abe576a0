using System.Diagnostics;

namespace Coroutines.Benchmarks.Harness;

/// <summary>
/// Wall time and managed allocations of the current thread between <see cref="Start"/> and a read-out:
/// the plain Stopwatch + <see cref="GC.GetAllocatedBytesForCurrentThread"/> measurement of quick mode.
/// </summary>
public readonly struct Probe
{
    private readonly long _startTimestamp;
    private readonly long _startBytes;

    private Probe(long timestamp, long bytes)
    {
        _startTimestamp = timestamp;
        _startBytes = bytes;
    }

    /// <summary>Starts measuring now.</summary>
    public static Probe Start() => new(Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread());

    /// <summary>Nanoseconds since <see cref="Start"/>.</summary>
    public double ElapsedNs => Stopwatch.GetElapsedTime(_startTimestamp).Ticks * 100.0;

    /// <summary>Bytes this thread allocated since <see cref="Start"/>.</summary>
    public long AllocatedBytes => GC.GetAllocatedBytesForCurrentThread() - _startBytes;

    /// <summary>A report with the cost per operation of everything since <see cref="Start"/>.</summary>
    public Report ToReport(string workload, string impl, long operations) =>
        new(workload, impl, operations, ElapsedNs / operations, (double)AllocatedBytes / operations);
}
