using System.Diagnostics;

namespace Coroutines.Benchmarks.Harness;

/// <summary>
/// Wall time and managed allocations of the current thread between <see cref="Start"/> and a read-out:
/// the plain Stopwatch + <see cref="GC.GetAllocatedBytesForCurrentThread"/> measurement of quick mode. The report
/// also carries the thread's CPU time per operation (<c>cpu_ns_per_op</c>): on a machine shared with other work,
/// wall time counts the time the thread waited for a core, and CPU time does not.
/// </summary>
public readonly struct Probe
{
    private readonly long _startTimestamp;
    private readonly long _startBytes;
    private readonly long _startCpuNs;

    private Probe(long timestamp, long bytes, long cpuNs)
    {
        _startTimestamp = timestamp;
        _startBytes = bytes;
        _startCpuNs = cpuNs;
    }

    /// <summary>Starts measuring now.</summary>
    public static Probe Start() => new(Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread(), ThreadCpuClock.NowNs());

    /// <summary>Nanoseconds since <see cref="Start"/>.</summary>
    public double ElapsedNs => Stopwatch.GetElapsedTime(_startTimestamp).Ticks * 100.0;

    /// <summary>Bytes this thread allocated since <see cref="Start"/>.</summary>
    public long AllocatedBytes => GC.GetAllocatedBytesForCurrentThread() - _startBytes;

    /// <summary>A report with the cost per operation of everything since <see cref="Start"/>.</summary>
    public Report ToReport(string workload, string impl, long operations)
    {
        double cpuNs = ThreadCpuClock.NowNs() - _startCpuNs;
        return new Report(workload, impl, operations, ElapsedNs / operations, (double)AllocatedBytes / operations)
            .With("cpu_ns_per_op", cpuNs / operations);
    }
}
