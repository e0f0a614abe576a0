namespace Coroutines;

/// <summary>The states of a <see cref="Future"/>: pending, then exactly one of finished or cancelled.</summary>
public enum FutureState : byte
{
    /// <summary>Not done yet.</summary>
    Pending,
    /// <summary>Done with a result or an exception.</summary>
    Finished,
    /// <summary>Done by cancellation.</summary>
    Cancelled,
}
