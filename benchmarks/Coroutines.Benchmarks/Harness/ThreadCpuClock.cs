using System.Runtime.InteropServices;

namespace Coroutines.Benchmarks.Harness;

/// <summary>
/// CPU time consumed by the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). The timer workload waits for
/// real deadlines, so wall time would mostly measure sleeping; thread CPU time measures the work, the same
/// way the Python (<c>time.thread_time</c>) and Node peers do. Falls back to wall time off Linux.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Thread CPU time in nanoseconds.</summary>
    public static long NowNs()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTimeId, out var spec) == 0)
            return spec.Seconds * 1_000_000_000L + spec.Nanoseconds;
        return System.Diagnostics.Stopwatch.GetTimestamp() * (1_000_000_000L / System.Diagnostics.Stopwatch.Frequency);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out TimeSpec spec);
}
