using Microsoft.Extensions.Logging;

namespace Coroutines.Transports;

/// <summary>
/// Counts writes a transport dropped because it was already closing or lost, and from the fifth on logs each one as a
/// warning, as asyncio does (<c>LOG_THRESHOLD_FOR_CONNLOST_WRITES</c>): a program that keeps writing to a dead peer
/// hears about it without the first few races being noise. A mutable struct kept in a transport field.
/// </summary>
internal struct DroppedWriteCounter
{
    private const int WarningThreshold = 5;

    /// <summary>How many writes were dropped.</summary>
    public int Count { get; private set; }

    /// <summary>Counts one dropped write and warns through the loop's logger (stderr without one) once past the threshold.</summary>
    public void Drop(EventLoop loop, string warning)
    {
        if (++Count < WarningThreshold)
            return;
        if (loop.Logger is { } logger)
            logger.LogWarning("{Warning}", warning);
        else
            Console.Error.WriteLine(warning);
    }

    /// <summary>Counts a write that failed and closed the transport (it counts towards the threshold, without a warning).</summary>
    public void CountFailure() => Count++;
}
