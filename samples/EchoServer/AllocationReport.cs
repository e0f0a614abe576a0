using System.Runtime.InteropServices;

namespace EchoServer;

/// <summary>
/// <c>--stats</c>: on SIGUSR1 the server prints <c>STATS allocated_bytes=A received_bytes=R</c>, the managed bytes the
/// process has allocated so far and the bytes it has echoed. Two reports taken while a client runs give the bytes
/// allocated per request (benchmarks/run-io.py does this, and its other .NET servers compile this file too); a
/// steady-state echo should allocate none.
/// </summary>
public static class AllocationReport
{
    /// <summary>Registers the SIGUSR1 handler; <paramref name="echoedBytes"/> is called on the signal's thread.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux, macOS or FreeBSD (no SIGUSR1 number known).</exception>
    public static PosixSignalRegistration Register(Func<long> echoedBytes)
    {
        ArgumentNullException.ThrowIfNull(echoedBytes);
        // SIGUSR1 has no PosixSignal member; the registration accepts the platform's raw number.
        int sigusr1 = OperatingSystem.IsLinux() ? 10
            : OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 30
            : throw new PlatformNotSupportedException("--stats needs SIGUSR1 (Linux, macOS or FreeBSD).");
        Console.Out.Flush();   // creates the console writer now: its first use allocates kilobytes, which no report should count
        return PosixSignalRegistration.Create((PosixSignal)sigusr1, context =>
        {
            context.Cancel = true;   // SIGUSR1's default action would end the process
            long allocated = GC.GetTotalAllocatedBytes(precise: true);   // first: the report's own strings come after
            Console.WriteLine($"STATS allocated_bytes={allocated} received_bytes={echoedBytes()}");
        });
    }
}
