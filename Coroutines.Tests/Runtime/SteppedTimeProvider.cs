namespace Coroutines.Tests.Runtime;

/// <summary>A clock the test sets by hand, in milliseconds: a real-time loop on it sees time pass only when told.</summary>
internal sealed class SteppedTimeProvider : TimeProvider
{
    public const long Frequency = 1000;

    public long Now { get; set; }

    public override long GetTimestamp() => Now;

    public override long TimestampFrequency => Frequency;
}
